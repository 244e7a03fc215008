"""A problem found in an import file, located as the user sees it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """`row` is the spreadsheet row number (header = 1); None for a file- or sheet-wide problem.
    `column` is the Dutch header, None when the problem is not about one column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", rij {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"
