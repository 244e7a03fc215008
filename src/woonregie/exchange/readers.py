"""Read CSV files and Excel workbooks into sheets of text cells.

Every cell becomes stripped text ('' when empty), so CSV and Excel are checked by one set of
parsers. Excel's own numbers, dates and booleans are turned into the text a user would have typed.
Dutch Excel saves CSV with ';' between fields; the reader accepts both ',' and ';'.

Reading streams (CSV line by line, xlsx through openpyxl's read-only mode with the declared
dimension ignored) and is bounded by what a file really holds (exchange/limits.py): a workbook
declaring `A1:XFD1048576` costs what its few real cells cost, not 17 billion empty ones.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any

from openpyxl import load_workbook

from woonregie.domain.dutch_digits import grouped
from woonregie.exchange import area_figures
from woonregie.exchange.formula_guard import restore
from woonregie.exchange.layouts import LAYOUTS
from woonregie.exchange.limits import Budget, ReadLimits
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
    limits: ReadLimits = field(default_factory=ReadLimits)
    budget: Budget | None = None  # rows and cells read so far
    stopped: bool = False  # a bound was passed: nothing more is read

    def __post_init__(self) -> None:
        if self.budget is None:
            self.budget = Budget(self.limits)


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
        return _float_text(value)
    return str(value).strip()


def _float_text(value: float) -> str:
    """An Excel number as Dutch text the number reader reads back as that number: a decimal
    comma (a dot followed by three digits would be a thousands separator, so 1.125 must not come
    out as "1.125"), and never exactly three decimals ("1,125" could be a thousand and
    something written the English way; "1,1250" cannot)."""
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        return text  # 1e-05: refused by the number reader, as it should be for a typed value
    whole, _, fraction = text.partition(".")
    return f"{whole},{fraction}0" if len(fraction) == 3 else f"{whole},{fraction}"


def read_paths(paths: list[Path], limits: ReadLimits | None = None) -> ReadResult:
    """Read every path: a directory (its .csv and .xlsx files), a .csv file or an .xlsx file,
    within `limits` (default: ReadLimits.from_env())."""
    result = ReadResult(limits=limits or ReadLimits.from_env())
    for path in paths:
        if result.stopped:
            break
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".xlsx"))
            if not files:
                result.problems.append(Problem(str(path), None, None,
                                               "map bevat geen .csv- of .xlsx-bestanden"))
            for file in files:
                if not result.stopped:
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
        if name not in LAYOUTS and _read_figures_csv(path, result):
            return
        if name not in LAYOUTS:
            result.warnings.append(f"{path.name}: geen bekend soort gegevens, overgeslagen "
                                   f"(bekend: {', '.join(LAYOUTS)})")
            return
        _read_csv_file(name, path, result)
    elif suffix == ".xlsx":
        _read_workbook(path, result)
    else:
        result.problems.append(Problem(path.name, None, None,
                                       "alleen .csv- en .xlsx-bestanden kunnen worden ingelezen"))


def _encodings(path: Path) -> list[str]:
    """UTF-16 when it has a BOM (Excel's 'Unicode-tekst'); else UTF-8 (with or without BOM),
    then Windows-1252: what Dutch Excel writes for 'CSV (gescheiden door lijstscheidingsteken)'."""
    with path.open("rb") as f:
        start = f.read(2)
    return ["utf-16"] if start in (b"\xff\xfe", b"\xfe\xff") else ["utf-8-sig", "cp1252"]


def _read_csv_file(name: str, path: Path, result: ReadResult) -> None:
    """Stream the file; when it turns out not to be UTF-8, read it again as Windows-1252."""
    assert result.budget is not None
    for encoding in _encodings(path):
        rows, cells, problems = result.budget.rows, result.budget.cells, len(result.problems)
        try:
            with path.open(encoding=encoding, newline="") as f:
                sheet = read_csv_stream(name, path.name, f, result)
        except UnicodeDecodeError:
            result.budget.rows, result.budget.cells = rows, cells
            del result.problems[problems:]
            result.stopped = False
            continue
        except csv.Error as exc:
            result.problems.append(Problem(path.name, None, None, f"onleesbare CSV: {exc}"))
            return
        result.sheets.append(sheet)
        if encoding == "cp1252":
            result.warnings.append(f"{path.name}: geen UTF-8; gelezen als Windows-1252 (ANSI). "
                                   "Controleer letters met accenten, of sla op als CSV UTF-8")
        return
    result.problems.append(Problem(path.name, None, None,
                                   "tekencodering onbekend (sla op als CSV UTF-8)"))


def _read_figures_csv(path: Path, result: ReadResult) -> bool:
    """A CBS Kerncijfers or Leefbaarometer file (exchange/area_figures.py), whatever its name:
    the header row is found among the first lines (downloads may carry a title above it).
    False when the file is neither."""
    for encoding in _encodings(path):
        try:
            lines = path.read_text(encoding=encoding).splitlines()
        except UnicodeDecodeError:
            continue
        for i, line in enumerate(lines[:20]):
            delimiter = max((";", ",", "\t"), key=line.count)
            header = next(csv.reader([line], delimiter=delimiter), [])
            kind = area_figures.kind_of(header)
            if kind is None:
                continue
            sheet = Sheet(kind, path.name, [h.strip() for h in header])
            body = csv.reader(lines[i + 1:], delimiter=delimiter)
            _fill(sheet, ((i + 2 + n, cells) for n, cells in enumerate(body)), str.strip, result)
            result.sheets.append(sheet)
            return True
        return False
    return False


def read_csv_text(name: str, source: str, text: str) -> Sheet:
    """Parse CSV text (within the default limits)."""
    return read_csv_stream(name, source, io.StringIO(text), ReadResult())


def read_csv_stream(name: str, source: str, f: IO[str], result: ReadResult) -> Sheet:
    """Parse CSV line by line; the separator (',', ';' or tab) is the one the header row uses
    most. Rows go into the sheet until a bound of `result` is passed."""
    first = f.readline()
    f.seek(0)
    delimiter = max((",", ";", "\t"), key=first.count)
    records = csv.reader(f, delimiter=delimiter)
    header = next(records, [])
    headers = [h.strip().lower() for h in header]
    _drop_trailing_empty(headers)
    sheet = Sheet(name, source, headers)
    _fill(sheet, enumerate(records, start=2), str.strip, result)
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
            if result.stopped:
                return
            try:
                result.sheets.append(_read_sheet(name, source, ws, result))
            except Exception as exc:  # a damaged sheet: report it, keep reading the others
                result.problems.append(Problem(source, None, None, f"blad onleesbaar: {exc}"))
    finally:
        book.close()


def _read_sheet(name: str, source: str, ws: Any, result: ReadResult | None = None) -> Sheet:
    """The sheet's real rows. The declared dimension (`<dimension ref="A1:XFD1048576">`) is
    ignored: without it openpyxl yields only the cells the file holds, not padding up to it."""
    result = result or ReadResult()
    ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)
    header = next(rows, ())
    headers = [cell_text(h).lower() for h in header]
    _drop_trailing_empty(headers)
    sheet = Sheet(name, source, headers)
    _fill(sheet, enumerate(rows, start=2), cell_text, result)
    return sheet


def _fill(sheet: Sheet, rows: Iterable[tuple[int, Sequence[Any]]],
          to_text: Callable[[Any], str], result: ReadResult) -> None:
    """Add the non-empty rows to `sheet`, counting rows and cells against the import's bounds;
    a long run of empty rows ends the sheet."""
    assert result.budget is not None
    empty = 0
    for number, values in rows:
        cells = [restore(to_text(v)) for v in values]
        _drop_trailing_empty(cells)
        over = result.budget.spend(len(values), bool(cells))
        if over is not None:
            result.problems.append(Problem(sheet.source, number, None, over))
            result.stopped = True
            return
        if cells:
            empty = 0
            sheet.rows.append((number, cells))
            continue
        empty += 1
        if empty >= result.limits.empty_run:
            result.warnings.append(
                f"{sheet.source}: na rij {number - empty} volgen "
                f"{grouped(empty)} lege rijen; de rest van het blad is overgeslagen")
            return


def _drop_trailing_empty(cells: list[str]) -> None:
    """Spreadsheets often carry empty columns after the last one used; they hold nothing."""
    while cells and not cells[-1]:
        cells.pop()
