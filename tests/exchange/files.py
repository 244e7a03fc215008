"""Helpers that write exchange files for tests and edit single cells in them."""

from __future__ import annotations

import csv
from pathlib import Path

from woonregie.domain.model import Region
from woonregie.exchange.records import region_records
from woonregie.exchange.writers import write_csv_dir, write_workbook


def csv_dir(region: Region, directory: Path) -> Path:
    write_csv_dir(directory, region_records(region))
    return directory


def workbook(region: Region, path: Path) -> Path:
    return write_workbook(path, region_records(region))


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def set_cell(path: Path, row: int, header: str, value: str) -> None:
    """Set the cell at spreadsheet row `row` (header = 1) of column `header`."""
    rows = read_csv(path)
    rows[row - 1][rows[0].index(header)] = value
    write_csv(path, rows)


def drop_column(path: Path, header: str) -> None:
    rows = read_csv(path)
    i = rows[0].index(header)
    write_csv(path, [r[:i] + r[i + 1:] for r in rows])


def append_line(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(line + "\n")
