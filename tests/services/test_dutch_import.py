"""The import reads Dutch numbers and dates with the same reader as the pages and the API
(tests/dutch_inputs.py): each value is stored as meant, or reported with file, row, column and
why, and then nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from tests.dutch_inputs import DATES, INCOMES, RENTS
from tests.exchange.files import csv_dir, set_cell, workbook
from tests.services.test_imports import base_and_rest, dump, store
from tests.web_support import OPERATOR
from woonregie.services.imports import import_files
from woonregie.services.region import read_region
from woonregie.store.unit_of_work import UnitOfWork


def _import(engine: Engine, tmp_path: Path, file: str, column: str, typed: str):
    base, rest = base_and_rest()
    store(engine, base)
    folder = csv_dir(rest, tmp_path / "import")
    set_cell(folder / file, 2, column, typed)
    before = dump(engine)
    report = import_files(UnitOfWork(engine), [folder], actor=OPERATOR)
    if not report.ok:
        assert dump(engine) == before
    return report


def _check(report, file: str, column: str, meant: str) -> None:
    assert not report.written
    assert [(p.file, p.row, p.column) for p in report.problems] == [(file, 2, column)]
    assert meant in report.problems[0].message


def _stored(engine: Engine):
    with UnitOfWork(engine) as uow:
        return read_region(uow)


@pytest.mark.parametrize(("typed", "meant"), RENTS)
def test_rent_in_the_import(engine, tmp_path, typed, meant):
    report = _import(engine, tmp_path, "woningen.csv", "huur", typed)
    if isinstance(meant, str):
        _check(report, "woningen.csv", "huur", meant)
    else:
        assert report.written, report.problems
        rents = {d.code: d.rent for d in _stored(engine).dwellings}
        assert rents["W-1"] == pytest.approx(meant)


@pytest.mark.parametrize(("typed", "meant"), INCOMES)
def test_income_in_the_import(engine, tmp_path, typed, meant):
    report = _import(engine, tmp_path, "personen.csv", "inkomen", typed)
    if isinstance(meant, str):
        _check(report, "personen.csv", "inkomen", meant)
    else:
        assert report.written, report.problems
        incomes = {p.key: p.annual_income for p in _stored(engine).persons}
        assert incomes["P-1"] == pytest.approx(meant)


@pytest.mark.parametrize(("typed", "meant"), DATES)
def test_date_in_the_import(engine, tmp_path, typed, meant):
    report = _import(engine, tmp_path, "woningen.csv", "beschikbaar_vanaf", typed)
    if isinstance(meant, str):
        _check(report, "woningen.csv", "beschikbaar_vanaf", meant)
    else:
        assert report.written, report.problems
        days = {d.code: d.available_from for d in _stored(engine).dwellings}
        assert days["W-1"] == meant


def test_excel_numbers_are_numbers_not_dutch_text(engine, tmp_path):
    """An Excel number cell 1.125 is one euro and 12.5 cents (refused: cents at most), never
    read as 1125; 1050.5 is 1050.5."""
    base, rest = base_and_rest()
    store(engine, base)
    path = workbook(rest, tmp_path / "regio.xlsx")
    book = load_workbook(path)
    sheet = book["woningen"]
    column = [c.value for c in sheet[1]].index("huur") + 1
    sheet.cell(row=2, column=column, value=1.125)
    sheet.cell(row=3, column=column, value=1050.5)
    book.save(path)
    report = import_files(UnitOfWork(engine), [path], actor=OPERATOR, dry_run=True)
    assert [(p.row, p.column) for p in report.problems] == [(2, "huur")]
    assert "meer dan 2 decimalen" in report.problems[0].message
