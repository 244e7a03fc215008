"""Dutch numbers and dates typed on the pages and sent to the API (tests/dutch_inputs.py):
each is stored as the number a Dutch person meant, or refused with a message that names the
field, and nothing is written. The import runs the same table (tests/services/
test_dutch_import.py)."""

from __future__ import annotations

import html
import itertools

import pytest
from sqlalchemy import func, select

from tests.dutch_inputs import DATES, INCOMES, RENTS
from tests.web_support import bearer, login
from woonregie.store.tables import DwellingRow, PersonRow
from woonregie.store.unit_of_work import UnitOfWork

_n = itertools.count()


def _rows(engine, table) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(table))


def _rent_of(engine, address: str) -> float:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(DwellingRow.rent).where(DwellingRow.address == address))


def _dwelling(engine, address: str) -> DwellingRow:
    with UnitOfWork(engine) as uow:
        row = uow.session.scalars(select(DwellingRow).where(DwellingRow.address == address)).one()
        uow.session.expunge(row)
        return row


def _income_of(engine, name: str) -> float:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(PersonRow.annual_income)
                                  .where(PersonRow.name == name))


def _vacancy(rent: str, address: str, **extra: str) -> dict[str, str]:
    return {"buurt": "BU90010201", "address": address, "rent": rent, "rooms": "2", **extra}


@pytest.mark.parametrize(("typed", "meant"), RENTS)
def test_rent_typed_on_the_vacancy_form(client, seeded, sqlite_engine, typed, meant):
    csrf = login(client, "verhuurmakelaar-own")
    address = f"Dorpsstraat {next(_n)}"
    before = _rows(sqlite_engine, DwellingRow)
    answer = client.post("/woningen/nieuw", data={"csrf_token": csrf, **_vacancy(typed, address)},
                         follow_redirects=False)
    if isinstance(meant, float):
        assert answer.status_code == 303, answer.text
        assert _rent_of(sqlite_engine, address) == pytest.approx(meant)
    else:
        shown = html.unescape(answer.text)
        assert answer.status_code == 422
        assert f"Huur: '{typed}'" in shown or "Huur: € " in shown
        assert meant in shown
        assert 'id="fouten"' in answer.text  # the summary the page moves focus to
        assert f'value="{html.escape(typed)}"' in answer.text  # what was typed stays
        assert _rows(sqlite_engine, DwellingRow) == before


@pytest.mark.parametrize(("typed", "meant"), INCOMES)
def test_income_typed_on_the_client_form(client, seeded, sqlite_engine, typed, meant):
    csrf = login(client, "trajectbegeleider-own")
    name = f"Cliënt Inkomen {next(_n)}"
    before = _rows(sqlite_engine, PersonRow)
    answer = client.post("/clienten/nieuw", data={
        "csrf_token": csrf, "name": name, "target_group": "dakloos", "household_size": "1",
        "annual_income": typed}, follow_redirects=False)
    if isinstance(meant, float):
        assert answer.status_code == 303, answer.text
        assert _income_of(sqlite_engine, name) == pytest.approx(meant)
    else:
        assert answer.status_code == 422
        assert "Jaarinkomen: " in html.unescape(answer.text)
        assert meant in html.unescape(answer.text)
        assert _rows(sqlite_engine, PersonRow) == before


@pytest.mark.parametrize(("typed", "meant"), DATES)
def test_date_typed_on_the_vacancy_form(client, seeded, sqlite_engine, typed, meant):
    csrf = login(client, "verhuurmakelaar-own")
    address = f"Datumstraat {next(_n)}"
    answer = client.post("/woningen/nieuw", data={
        "csrf_token": csrf, **_vacancy("700", address, available_from=typed)},
        follow_redirects=False)
    if isinstance(meant, str):
        assert answer.status_code == 422
        assert "Beschikbaar vanaf: " in html.unescape(answer.text)
        assert meant in html.unescape(answer.text)
    else:
        assert answer.status_code == 303, answer.text
        assert _dwelling(sqlite_engine, address).available_from == meant


@pytest.mark.parametrize(("typed", "meant"), INCOMES)
def test_income_sent_to_the_api_as_text(client, seeded, sqlite_engine, typed, meant):
    before = _rows(sqlite_engine, PersonRow)
    answer = client.post("/api/v1/persons", headers=bearer(seeded, "trajectbegeleider-own"),
                         json={"name": f"API {next(_n)}", "target_group": "dakloos",
                               "household_size": 1, "annual_income": typed})
    if isinstance(meant, float):
        assert answer.status_code == 201, answer.text
        assert answer.json()["annual_income"] == pytest.approx(meant)
    else:
        assert answer.status_code == 422
        messages = {tuple(e["loc"]): e["msg"] for e in answer.json()["detail"]}
        assert meant in messages[("body", "annual_income")]
        assert messages[("body", "annual_income")].startswith("Jaarinkomen: ")
        assert _rows(sqlite_engine, PersonRow) == before


def test_json_numbers_stay_numbers(client, seeded):
    """A machine sends 1050.5 as a number: taken as it is, not read as Dutch text."""
    made = client.post("/api/v1/dwellings", headers=bearer(seeded, "verhuurmakelaar-own"),
                       json={"buurt": "BU90010201", "rent": 1050.5, "rooms": 2})
    assert made.status_code == 201, made.text
    assert made.json()["rent"] == 1050.5
    refused = client.post("/api/v1/dwellings", headers=bearer(seeded, "verhuurmakelaar-own"),
                          json={"buurt": "BU90010201", "rent": 1.125, "rooms": 2})
    assert refused.status_code == 422
    assert "meer dan 2 decimalen" in refused.json()["detail"][0]["msg"]


def test_amounts_and_dates_are_shown_in_dutch(client, seeded, sqlite_engine):
    csrf = login(client, "verhuurmakelaar-own")
    client.post("/woningen/nieuw", data={"csrf_token": csrf, **_vacancy(
        "1.050", "Toonstraat 1", available_from="31-12-2026")})
    listed = client.get("/woningen").text
    assert "€ 1.050,00" in listed
    assert "1050.00" not in listed and "1050,00" not in listed
