"""`woonregie sample` writes a region into an empty database, on SQLite and PostgreSQL."""

import json
from datetime import date

from typer.testing import CliRunner

from tests.factories import small_region
from woonregie.cli.main import app
from woonregie.domain.enums import HousingForm, TargetGroup
from woonregie.domain.status import PersonStatus
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()

# Statuses every group reaches at scale 0.2; the rarer ones (aangemeld, voorgedragen, gehuisvest,
# teruggevallen: short stays) are only required over all groups together.
COMMON = ("in_voorbereiding", "uitstroomklaar", "nazorg", "afgesloten", "uitgeschreven")


def _status(db_url: str) -> dict:
    result = runner.invoke(app, ["--db", db_url, "status", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sample_writes_a_region_that_status_shows(db_url):
    result = runner.invoke(app, ["--db", db_url, "sample", "--seed", "3", "--scale", "0.2"])
    assert result.exit_code == 0, result.output
    assert "Voorbeeldregio" in result.stdout and "personen" in result.stdout
    overview = _status(db_url)
    persons = overview["persons"]
    assert set(persons) == set(TargetGroup)
    for group, row in persons.items():
        assert set(row) == set(PersonStatus)
        assert all(row[s] > 0 for s in COMMON), group
    assert all(sum(row[s] for row in persons.values()) > 0 for s in PersonStatus)
    dwellings = overview["dwellings"]
    assert set(dwellings) == set(HousingForm)
    assert all(row["vrij"] > 0 and row["verhuurd"] > row["vrij"] for row in dwellings.values())
    assert overview["totals"]["persons"] > 400


def test_sample_refuses_a_database_that_holds_a_region(engine, db_url):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    result = runner.invoke(app, ["--db", db_url, "sample", "--scale", "0.1"])
    assert result.exit_code == 1
    assert "bevat al een regio" in result.stderr
    assert _status(db_url)["totals"] == {"persons": 2, "dwellings": 4}


def test_if_empty_leaves_an_existing_region_alone(engine, db_url):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    result = runner.invoke(app, ["--db", db_url, "sample", "--scale", "0.1", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "niets toegevoegd" in result.stdout
    assert _status(db_url)["totals"] == {"persons": 2, "dwellings": 4}


def test_if_empty_fills_an_empty_database(db_url):
    result = runner.invoke(app, ["--db", db_url, "sample", "--scale", "0.1", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert _status(db_url)["totals"]["persons"] > 100


def test_today_fixes_the_reference_date(engine, db_url):
    args = ["--db", db_url, "sample", "--scale", "0.05", "--today", "2025-06-30"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    with UnitOfWork(engine) as uow:
        last = max(t.on for _, t in uow.persons.all_transitions())
    assert last <= date(2025, 6, 30)
