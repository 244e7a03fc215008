"""Tables of figures (monitor/tables.py) as files people open: an Excel workbook with one sheet
per table, or one table as CSV (Dutch Excel's ';' and decimal comma). Text that a spreadsheet
would run as a formula is neutralised (exchange/formula_guard.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from woonregie.exchange.formula_guard import is_formula_like, neutralise
from woonregie.monitor.tables import Cell, Table

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
        bold = []
        for header in table.headers:
            cell = WriteOnlyCell(ws, value=header)
            cell.font = Font(bold=True)
            bold.append(cell)
        for i, header in enumerate(table.headers, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(header) + 2))
        ws.append(bold)
        for row in table.rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
        if table.note:
            ws.append([])
            ws.append([table.note])
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
