"""Turn a sheet of text cells into typed rows, one `Problem` per bad cell.

This checks only what a single cell can tell: presence of required columns and values, and the
type of each value. References between records and rules across rows are checked by the import
service, which also knows what the database already holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from woonregie.domain.characters import forbidden_character
from woonregie.exchange.layouts import Layout
from woonregie.exchange.problems import Problem
from woonregie.exchange.readers import Sheet
from woonregie.exchange.values import CellError


@dataclass
class Row:
    """A data row with typed values by header; absent or empty optional cells are None."""

    source: str
    number: int
    values: dict[str, Any]
    complete: bool  # every cell parsed and every required value present
    failed: set[str] = field(default_factory=set)  # columns whose cell has a problem

    def __getitem__(self, header: str) -> Any:
        return self.values.get(header)

    def problem(self, column: str | None, message: str) -> Problem:
        return Problem(self.source, self.number, column, message)


def check_headers(layout: Layout, sheet: Sheet) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for header in sheet.headers:
        if not header:
            problems.append(Problem(sheet.source, 1, None, "kolom zonder kopnaam"))
        elif header in seen:
            problems.append(Problem(sheet.source, 1, header, "kolom staat er twee keer in"))
        elif layout.column(header) is None:
            allowed = ", ".join(layout.headers)
            problems.append(Problem(sheet.source, 1, header,
                                    f"onbekende kolom '{header}'; toegestaan: {allowed}"))
        seen.add(header)
    for column in layout.columns:
        if column.required and column.header not in seen:
            problems.append(Problem(sheet.source, 1, column.header, "verplichte kolom ontbreekt"))
    return problems


def parse_sheet(layout: Layout, sheet: Sheet) -> tuple[list[Row], list[Problem]]:
    problems = check_headers(layout, sheet)
    missing = any(p.message == "verplichte kolom ontbreekt" for p in problems)
    rows = []
    for number, cells in sheet.rows:
        row, row_problems = _parse_row(layout, sheet, number, cells)
        row.complete = row.complete and not missing
        rows.append(row)
        problems.extend(row_problems)
    return rows, problems


def _parse_row(
    layout: Layout, sheet: Sheet, number: int, cells: list[str]
) -> tuple[Row, list[Problem]]:
    row = Row(sheet.source, number, {}, True)
    problems = []
    extra = [c for c in cells[len(sheet.headers):] if c]
    if extra:
        problems.append(row.problem(None, f"waarde buiten de kolommen: '{extra[0]}'"))
    present = dict(zip(sheet.headers, cells, strict=False))
    for column in layout.columns:
        if column.header not in sheet.headers:
            continue
        raw = present.get(column.header, "")
        if not raw:
            if column.required:
                problems.append(row.problem(column.header, "waarde ontbreekt"))
                row.failed.add(column.header)
            continue
        refused = forbidden_character(raw)  # the same rule as the API's text fields
        if refused is not None:
            problems.append(row.problem(column.header, refused))
            row.failed.add(column.header)
            continue
        try:
            row.values[column.header] = column.type.parse(raw)
        except CellError as exc:
            problems.append(row.problem(column.header, str(exc)))
            row.failed.add(column.header)
    row.complete = not problems
    return row, problems
