"""`woonregie monitor`: on a sample region the command line (--json), the API and the engine
fed straight from the generator's domain objects give the same figures, on SQLite and
PostgreSQL; the Dutch tables; dates as Dutch users type them; clear refusals."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.monitor.test_figures import check_contract
from woonregie.app import create_app
from woonregie.cli.main import app
from woonregie.domain.enums import OrgKind
from woonregie.monitor import DwellingScope, Period, compute
from woonregie.monitor.records import MonitorData, from_region
from woonregie.sample import generate_region
from woonregie.services import accounts
from woonregie.services.access import Principal, Role
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()
TODAY = date(2026, 6, 30)
REGION = generate_region(1, 0.2, TODAY)
OPERATOR = Principal(0, "cli:test", Role.ADMIN, "-", OrgKind.GEMEENTE)


@pytest.fixture
def sample(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, REGION)
        gemeente = next(o.code for o in REGION.organisations if o.kind == OrgKind.GEMEENTE)
        accounts.add_user(uow, "auditor-test", None, "auditor", gemeente)
        token = accounts.create_token(uow, OPERATOR, "auditor-test").secret
        uow.commit()
    return engine.url.render_as_string(hide_password=False), token


def cli_json(url: str, *args: str) -> dict:
    result = runner.invoke(app, ["--db", url, "monitor", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(("van", "tot"), [("2025-01-01", "2025-12-31"),
                                          ("2026-01-01", "2026-06-30"),
                                          ("2024-02-29", "2026-02-28")])
def test_cli_api_and_engine_agree_on_the_sample_region(engine, sample, van, tot):
    url, token = sample
    period = Period(date.fromisoformat(van), date.fromisoformat(tot))
    expected = compute(from_region(REGION), period)
    assert expected["uitstroom"]["gehuisvest"]["totaal"] > 0 and expected["contingent"]
    from_cli = cli_json(url, "--from", van, "--to", tot)
    with TestClient(create_app(engine)) as client:
        answer = client.get(f"/api/v1/monitor?van={van}&tot={tot}",
                            headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    check_contract(from_cli)
    assert from_cli == expected
    assert answer.json() == expected


def _gemeente_of(buurt: str) -> str:
    parent = {a.code: a.parent for a in REGION.areas}
    return parent[parent[buurt]]


@pytest.mark.parametrize("which", ["centre", "surrounding"])
def test_gemeente_filter_agrees_with_the_engine(sample, which):
    """All care providers of the sample sit in the centrumgemeente (which is responsible for
    BW and MO): its filter keeps every person; a surrounding gemeente's keeps none, while its
    contingent and buurten still count the lettings in its dwellings."""
    url, _ = sample
    full = from_region(REGION)
    centre = next(o.gemeente for o in REGION.organisations if o.code == "ZA01-BW")
    lettings_2025 = [x.gemeente for x in REGION.placements if x.start.year == 2025]
    seat = centre if which == "centre" else max(
        (g for g in set(lettings_2025) if g != centre), key=lettings_2025.count)
    people = full if which == "centre" else MonitorData.from_records([], [])
    data = MonitorData(people.history, people.placements, full.agreements,
                       [b for b in full.buurten if _gemeente_of(b.code) == seat],
                       lettings=full.placements, steps=people.steps)
    expected = compute(data, Period(date(2025, 1, 1), date(2025, 12, 31)),
                       DwellingScope(gemeente=seat))
    got = cli_json(url, "--from", "01-01-2025", "--to", "31-12-2025", "--gemeente", seat)
    assert got.pop("filters") == {"gemeente": seat}
    assert got == expected
    assert any(row["gerealiseerd"] for row in got["contingent"]) and got["concentratie"]
    assert (got["stand"]["gehuisvest"] > 0) == (which == "centre")


def test_tables_in_dutch(sample):
    url, _ = sample
    result = runner.invoke(app, ["--db", url, "monitor", "--from", "2025-01-01", "--to",
                                 "2025-12-31", "--rijen", "3"])
    assert result.exit_code == 0, result.output
    for text in ("Instroom en uitstroom per doelgroep", "Uitstroom beschermd wonen",
                 "Stand op 31-12-2025", "Wachttijd in dagen", "Huurbehoud na 12 maanden",
                 "Terugval 0–180 dagen", "Contingent", "Concentratie"):
        assert text in result.output
    assert "bw_uitstroom" not in result.output  # labels, not codes


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2025-02-30", "--to", "2025-12-31"], "--from: '2025-02-30' is geen geldige datum"),
    (["--from", "2025-06-01", "--to", "2025-01-01"], "de einddatum (tot) ligt voor de begindatum"),
    (["--from", "2025-01-01", "--to", "2025-12-31", "--gemeente", "GM0000"],
     "onbekende gemeente 'GM0000'"),
])
def test_refusals_are_dutch(sample, args, message):
    url, _ = sample
    result = runner.invoke(app, ["--db", url, "monitor", *args])
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
