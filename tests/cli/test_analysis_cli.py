"""`woonregie analyse`: tables in the terminal and an Excel workbook with one sheet per table."""

from __future__ import annotations

from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.factories import small_region
from woonregie.cli.main import app
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()


def test_analyse_prints_tables_and_writes_a_workbook(engine, db_url, tmp_path):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    out = tmp_path / "analyse.xlsx"
    result = runner.invoke(app, ["--db", db_url, "analyse", "--year", "2026", "--peildatum",
                                 "2026-03-01", "--out", str(out)], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    assert "Vraag en aanbod per wijk en woonvorm" in result.output
    assert "Centrum" in result.output  # the wijk's name, not WK900101
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["vraag", "tekort", "contingenten", "spreiding", "buurten"]
    header = next(book["tekort"].iter_rows(values_only=True))
    assert header[:3] == ("Gemeente", "Wijk", "Woonvorm")


def test_a_bad_peildatum_is_refused_in_dutch(db_url):
    result = runner.invoke(app, ["--db", db_url, "analyse", "--year", "2026", "--peildatum",
                                 "31-02-2026"])
    assert result.exit_code == 2 and "geen geldige datum" in result.output


def test_a_dutch_peildatum_is_read(engine, db_url):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    result = runner.invoke(app, ["--db", db_url, "analyse", "--year", "2026", "--peildatum",
                                 "1-3-2026"])
    assert result.exit_code == 0, result.output
