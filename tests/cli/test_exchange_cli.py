"""`woonregie template`, `import` and `export` from the command line."""

from __future__ import annotations

from typer.testing import CliRunner

from tests.conftest import _truncate
from tests.exchange.files import set_cell
from tests.factories import small_region
from woonregie.cli.main import app
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


def run(db_url: str, *args: str, env: dict | None = None):
    return runner.invoke(app, ["--db", db_url, *args], env={**WIDE, **(env or {})})


def test_template_then_import_of_the_empty_template(db_url, tmp_path):
    result = run(db_url, "template", str(tmp_path / "sjablonen"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "sjablonen" / "woonregie-import.xlsx").exists()
    assert (tmp_path / "sjablonen" / "personen.csv").exists()
    result = run(db_url, "import", str(tmp_path / "sjablonen"))
    assert result.exit_code == 0, result.output
    assert "Ingelezen en opgeslagen" in result.output


def test_export_import_round_trip_and_refusals(engine, db_url, tmp_path):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    out = tmp_path / "uit"
    result = run(db_url, "export", str(out))
    assert result.exit_code == 0, result.output
    assert "persoonsgegevens" in result.output
    assert run(db_url, "export", str(out)).exit_code == 1  # no silent overwrite
    assert run(db_url, "export", str(out), "--overwrite").exit_code == 0

    # Importing it again clashes with every key: reported per file, row and column.
    set_cell(out / "woningen.csv", 3, "huur", "veel")
    result = run(db_url, "import", str(out))
    assert result.exit_code == 1
    assert "er is niets opgeslagen" in result.output
    assert "woningen.csv" in result.output and "'veel' is geen getal" in result.output
    assert "'P-1' bestaat al in de database" in result.output


def test_import_check_only_and_counts(engine, db_url, tmp_path):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    assert run(db_url, "export", str(tmp_path / "r.xlsx")).exit_code == 0
    _truncate(engine)
    result = run(db_url, "import", "--check", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 0, result.output
    assert "niets opgeslagen" in result.output
    with UnitOfWork(engine) as uow:
        assert uow.persons.count() == 0
    result = run(db_url, "import", str(tmp_path / "r.xlsx"))
    assert result.exit_code == 0, result.output
    with UnitOfWork(engine) as uow:
        assert uow.persons.count() == 2 and uow.areas.count() == 6


def test_pseudonymised_export_needs_the_key(db_url, tmp_path, monkeypatch):
    monkeypatch.delenv("WOONREGIE_PSEUDONYM_KEY", raising=False)
    result = run(db_url, "export", "--pseudonymise", str(tmp_path / "a"))
    assert result.exit_code == 1
    assert "WOONREGIE_PSEUDONYM_KEY" in result.output
    assert not (tmp_path / "a").exists()
    result = run(db_url, "export", "--pseudonymise", str(tmp_path / "a"),
                 env={"WOONREGIE_PSEUDONYM_KEY": "k"})
    assert result.exit_code == 0, result.output
    assert "naam" not in (tmp_path / "a" / "personen.csv").read_text().splitlines()[0]
