"""Read CSV files and Excel workbooks into sheets of text cells.

Every cell becomes stripped text ('' when empty), so CSV and Excel are checked by one set of
parsers. Excel's own numbers, dates and booleans are turned into the text a user would have typed.
Dutch Excel saves CSV with ';' between fields; the reader accepts both ',' and ';'.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from woonregie.exchange.layouts import LAYOUTS
from woonregie.exchange.problems import Problem

IGNORED_SHEETS = {"toelichting"}
"""Sheets the templates carry for people, not data."""


@dataclass
class Sheet:
    """One record type's table from one source: a CSV file or a workbook sheet."""

    name: str  # record type (layout name)
    source: str  # what the user calls it: 'gebieden.csv' or 'regio.xlsx[gebieden]'
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number, cells)


@dataclass
class ReadResult:
    sheets: list[Sheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def cell_text(value: Any) -> str:
    """Excel cell value → the text a user would have typed in a CSV file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def read_paths(paths: list[Path]) -> ReadResult:
    """Read every path: a directory (its .csv and .xlsx files), a .csv file or an .xlsx file."""
    result = ReadResult()
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))
            if not files:
                result.problems.append(Problem(str(path), None, None,
                                               "map bevat geen .csv- of .xlsx-bestanden"))
            for file in files:
                _read_file(file, result)
        elif path.exists():
            _read_file(path, result)
        else:
            result.problems.append(Problem(str(path), None, None, "bestand of map bestaat niet"))
    return result


def _read_file(path: Path, result: ReadResult) -> None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        name = path.stem.strip().lower()
        if name not in LAYOUTS:
            result.warnings.append(f"{path.name}: geen bekend soort gegevens, overgeslagen "
                                   f"(bekend: {', '.join(LAYOUTS)})")
            return
        text = _decode(path, result)
        if text is None:
            return
        try:
            result.sheets.append(read_csv_text(name, path.name, text))
        except csv.Error as exc:
            result.problems.append(Problem(path.name, None, None, f"onleesbare CSV: {exc}"))
    elif suffix == ".xlsx":
        _read_workbook(path, result)
    else:
        result.problems.append(Problem(path.name, None, None,
                                       "alleen .csv- en .xlsx-bestanden kunnen worden ingelezen"))


def _decode(path: Path, result: ReadResult) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Excel's 'Unicode-tekst'), or else
    Windows-1252: what Dutch Excel writes for 'CSV (gescheiden door lijstscheidingsteken)'."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        result.problems.append(Problem(path.name, None, None,
                                       "tekencodering onbekend (sla op als CSV UTF-8)"))
        return None
    result.warnings.append(f"{path.name}: geen UTF-8; gelezen als Windows-1252 (ANSI). "
                           "Controleer letters met accenten, of sla op als CSV UTF-8")
    return text


def read_csv_text(name: str, source: str, text: str) -> Sheet:
    """Parse CSV text; the separator (',', ';' or tab) is the one the header row uses most."""
    lines = text.splitlines()
    first = lines[0] if lines else ""
    delimiter = max((",", ";", "\t"), key=first.count)
    records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    headers = [h.strip().lower() for h in records[0]] if records else []
    _drop_trailing_empty(headers)
    sheet = Sheet(name, source, headers)
    for number, record in enumerate(records[1:], start=2):
        cells = [c.strip() for c in record]
        _drop_trailing_empty(cells)
        if cells:
            sheet.rows.append((number, cells))
    return sheet


def _read_workbook(path: Path, result: ReadResult) -> None:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # any unreadable user file is a problem to report, not a crash
        result.problems.append(Problem(path.name, None, None,
                                       f"geen leesbaar Excel-bestand (.xlsx): {exc}"))
        return
    try:
        for ws in book.worksheets:
            name = ws.title.strip().lower()
            source = f"{path.name}[{ws.title}]"
            if name in IGNORED_SHEETS:
                continue
            if name not in LAYOUTS:
                result.warnings.append(f"{source}: geen bekend soort gegevens, overgeslagen")
                continue
            try:
                result.sheets.append(_read_sheet(name, source, ws))
            except Exception as exc:  # a damaged sheet: report it, keep reading the others
                result.problems.append(Problem(source, None, None, f"blad onleesbaar: {exc}"))
    finally:
        book.close()


def _read_sheet(name: str, source: str, ws: Any) -> Sheet:
    rows = ws.iter_rows(values_only=True)
    header = next(rows, ())
    headers = [cell_text(h).lower() for h in header]
    _drop_trailing_empty(headers)
    sheet = Sheet(name, source, headers)
    for number, values in enumerate(rows, start=2):
        cells = [cell_text(v) for v in values]
        _drop_trailing_empty(cells)
        if cells:
            sheet.rows.append((number, cells))
    return sheet


def _drop_trailing_empty(cells: list[str]) -> None:
    """Spreadsheets often carry empty columns after the last one used; they hold nothing."""
    while cells and not cells[-1]:
        cells.pop()
