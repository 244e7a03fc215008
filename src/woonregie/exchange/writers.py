"""Write layout tables as a directory of CSV files or as one Excel workbook.

CSV is UTF-8 with ',' between fields (what tools expect); for Excel users the workbook is the
better route. Both carry exactly the layout's headers, so what is written can be read back.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from woonregie.exchange.layouts import LAYOUTS, Layout

Records = Mapping[str, Iterable[Mapping[str, Any]]]


def cell_value(layout: Layout, header: str, value: Any) -> Any:
    """A domain value → what goes into the cell (None for empty)."""
    if value is None or value == "" or (isinstance(value, list | tuple) and not value):
        return None
    column = layout.column(header)
    assert column is not None, header
    return column.type.format(value)


def csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}"  # amounts: the database keeps cents
    return str(value)


def layouts_of(records: Records, headers: Mapping[str, list[str]] | None = None):
    for name, layout in LAYOUTS.items():
        cols = (headers or {}).get(name, layout.headers)
        yield layout, cols, records.get(name, ())


def write_csv_dir(
    directory: Path, records: Records, headers: Mapping[str, list[str]] | None = None
) -> list[Path]:
    """One `<type>.csv` per layout; `headers` may narrow a layout's columns (pseudonyms)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for layout, cols, rows in layouts_of(records, headers):
        path = directory / f"{layout.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(cols)
            for row in rows:
                out.writerow([csv_text(cell_value(layout, h, row.get(h))) for h in cols])
        written.append(path)
    return written


def write_workbook(
    path: Path,
    records: Records,
    headers: Mapping[str, list[str]] | None = None,
    explain: bool = False,
) -> Path:
    """One sheet per layout with a bold, frozen header row; `explain` adds a 'toelichting'
    sheet describing every column (the template)."""
    book = Workbook()
    book.remove(book.active)
    for layout, cols, rows in layouts_of(records, headers):
        ws = book.create_sheet(layout.name)
        ws.append(cols)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for i, header in enumerate(cols, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(header) + 4)
        for row in rows:
            ws.append([cell_value(layout, h, row.get(h)) for h in cols])
            _no_formulas(ws[ws.max_row])
    if explain:
        _explanation_sheet(book)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _no_formulas(cells: Any) -> None:
    """Text starting with '=' stays text: data must never become a formula in Excel."""
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"


def _explanation_sheet(book: Workbook) -> None:
    ws = book.create_sheet("toelichting")
    ws.append(["blad", "kolom", "verplicht", "type", "betekenis", "voorbeeld"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for layout in LAYOUTS.values():
        for c in layout.columns:
            ws.append([layout.name, c.header, "ja" if c.required else "nee", c.type.label,
                       c.meaning, c.example])
    for letter, width in zip("ABCDEF", (16, 20, 10, 40, 70, 28), strict=True):
        ws.column_dimensions[letter].width = width
