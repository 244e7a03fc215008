"""Write layout tables as a directory of CSV files or as one Excel workbook.

CSV is UTF-8 with ',' between fields (what tools expect); for Excel users the workbook is the
better route. Both carry exactly the layout's headers, so what is written can be read back.
Both are opened by people in spreadsheets, so formula-like text is neutralised
(exchange/formula_guard.py); the reader undoes that.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from woonregie.exchange.formula_guard import is_formula_like, neutralise
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
    """A cell value as CSV text; text a spreadsheet would run as a formula is neutralised."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}"  # amounts: the database keeps cents
    return neutralise(str(value))


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
    sheet describing every column (the template). Written streaming (write-only), so large
    regions take linear time and little memory."""
    book = Workbook(write_only=True)
    for layout, cols, rows in layouts_of(records, headers):
        ws = book.create_sheet(layout.name)
        ws.freeze_panes = "A2"
        for i, header in enumerate(cols, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(12, len(header) + 4)
        ws.append(_bold(ws, cols))
        for row in rows:
            ws.append([_cell(ws, cell_value(layout, h, row.get(h))) for h in cols])
    if explain:
        _explanation_sheet(book)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _bold(ws: Any, values: list[str]) -> list[WriteOnlyCell]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(ws, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _cell(ws: Any, value: Any) -> Any:
    """Formula-like text stays text: a string cell with Excel's quote prefix, so data never
    becomes a formula, not even when someone edits the cell (exchange/formula_guard.py)."""
    if isinstance(value, str) and is_formula_like(value):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def _explanation_sheet(book: Workbook) -> None:
    ws = book.create_sheet("toelichting")
    for letter, width in zip("ABCDEF", (16, 20, 10, 40, 70, 28), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append(_bold(ws, ["blad", "kolom", "verplicht", "type", "betekenis", "voorbeeld"]))
    for layout in LAYOUTS.values():
        for c in layout.columns:
            ws.append([layout.name, c.header, "ja" if c.required else "nee", c.type.label,
                       c.meaning, c.example])
