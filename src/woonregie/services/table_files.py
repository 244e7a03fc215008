"""Tables of figures (monitor/tables.py) as files people open: an Excel workbook with one sheet
per table, or one table as CSV (Dutch Excel's ';' and decimal comma). Text that a spreadsheet
would run as a formula is neutralised (exchange/formula_guard.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from woonregie.exchange.formula_guard import is_formula_like, neutralise
from woonregie.monitor.figure_tables import FigureTable
from woonregie.monitor.tables import Cell, Table, dutch

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def table_csv(table: Table) -> bytes:
    """UTF-8 with BOM (so Excel reads the accents), ';' between fields."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode()


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    """One sheet per table: bold header row, numbers as numbers, the note under the table."""
    book = Workbook(write_only=True)
    for table in tables:
        ws = book.create_sheet(table.name[:31])
        _header(ws, table.headers)
        for row in table.rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
        _note(ws, table.note)
    return _saved(book)


def _header(ws, headers: Sequence[str]) -> None:  # noqa: ANN001
    """The header row in bold, each column as wide as its header (12 to 40 characters)."""
    row = []
    for i, name in enumerate(headers, start=1):
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        row.append(cell)
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(name) + 2))
    ws.append(row)


def _note(ws, note: str) -> None:  # noqa: ANN001
    """The table's note under it, after an empty row."""
    if note:
        ws.append([])
        ws.append([note])


def _saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(ws, value: Cell):  # noqa: ANN001, ANN202
    if isinstance(value, str) and is_formula_like(value):
        cell = WriteOnlyCell(ws, value=value)
        cell.quotePrefix = True
        cell.data_type = "s"
        return cell
    return value


def write_workbook(tables: Sequence[Table], path: Path) -> Path:
    path.write_bytes(workbook_bytes(tables))
    return path


# Tables of the monitor's figures for people (the dashboard's and the report's downloads):
# the CSV holds the cells as the page shows them (1.234,5; dates 31-12-2026; money € 1.050,00),
# the workbook holds numbers and dates as such, with Dutch display formats.

def people_text(value: object, decimals: int = 1) -> str:
    """A cell as a Dutch reader writes it: 1.234,5 · 31-12-2026 · € 1.050,00 · '' for none."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return "€ " + dutch(float(value), 2)
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, int | float):
        return dutch(value, decimals)
    return neutralise(str(value))


def people_csv(table: FigureTable) -> bytes:
    """One table for people: ';' between fields, UTF-8 with BOM, formula-like text
    neutralised, numbers in Dutch notation with the decimals the page shows."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([table.cell_text(i, v) if i in table.plain and v is not None
                         else people_text(v, table.decimals.get(i, 1))
                         for i, v in enumerate(row)])
    return ("\ufeff" + out.getvalue()).encode()


def _number_format(value: object, decimals: int) -> str | None:
    if isinstance(value, Decimal):
        return '"€ "#,##0.00'
    if isinstance(value, date):
        return "DD-MM-YYYY"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return "#,##0"
    return "#,##0." + "0" * decimals if decimals else "#,##0"


def people_workbook(tables: Sequence[FigureTable], figures: object,
                    computed_at: datetime | None = None) -> bytes:
    """A sheet 'toelichting' (period, filters, when counted) and one sheet per table:
    numbers as numbers and dates as dates with Dutch display formats (Excel shows the reader's
    separators), text that would run as a formula kept as text."""
    book = Workbook(write_only=True)
    about = book.create_sheet("toelichting")
    period = figures.period  # type: ignore[attr-defined]
    for label, value in (("Periode van", period.van), ("Periode tot en met", period.tot),
                         *((f"Filter {k}", v) for k, v in
                           figures.filters.to_json().items()),  # type: ignore[attr-defined]
                         ("Berekend op", computed_at)):
        if value is not None:
            about.append([label, _people_cell(about, value, 0)])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 22
    for table in tables:
        ws = book.create_sheet(table.name[:31])
        ws.append([table.title])
        _header(ws, table.headers)
        for row in table.rows:
            ws.append([_people_cell(ws, v, table.decimals.get(i, 1), i in table.plain)
                       for i, v in enumerate(row)])
        _note(ws, table.note)
    return _saved(book)


def _people_cell(ws, value: object, decimals: int, plain: bool = False):  # noqa: ANN001, ANN202
    if isinstance(value, str):
        return _xlsx_cell(ws, value)
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None, microsecond=0)
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "DD-MM-YYYY HH:MM"
        return cell
    shown = "0" if plain and isinstance(value, int) else _number_format(value, decimals)
    cell = WriteOnlyCell(ws, value=float(value) if isinstance(value, Decimal) else value)
    if shown:
        cell.number_format = shown
    return cell
