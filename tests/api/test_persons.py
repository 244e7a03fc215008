"""Persons over the API: Dutch validation errors naming the field, nothing half-written,
status changes and their history, pagination and filtering."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.web_support import bearer
from woonregie.store.tables import AuditRow, PersonRow
from woonregie.store.unit_of_work import UnitOfWork


def count(engine, table):
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(table))


def test_bad_input_is_422_with_dutch_messages_naming_the_field(client, seeded, sqlite_engine):
    before = count(sqlite_engine, PersonRow)
    response = client.post("/api/v1/persons", headers=bearer(seeded, "trajectbegeleider-own"),
                           json={"name": "Piet", "target_group": "onbekend",
                                 "household_size": 0, "annual_income": "veel",
                                 "extra": 1})
    assert response.status_code == 422
    messages = {tuple(e["loc"]): e["msg"] for e in response.json()["detail"]}
    assert messages[("body", "household_size")] == "Huishoudgrootte: moet minstens 1 zijn"
    assert messages[("body", "annual_income")] == (
        "Jaarinkomen: 'veel' is geen getal (schrijf bijvoorbeeld 1.050 of 1.050,50)")
    assert messages[("body", "target_group")].startswith("Doelgroep: moet een van deze")
    assert messages[("body", "extra")] == "extra: is geen bekend veld"
    assert count(sqlite_engine, PersonRow) == before


def test_a_rule_broken_in_the_service_writes_nothing(client, seeded, sqlite_engine):
    """An unknown area is found only after validation; nothing of the person or its audit
    entry is left behind."""
    persons_before, audit_before = count(sqlite_engine, PersonRow), count(sqlite_engine,
                                                                          AuditRow)
    response = client.post("/api/v1/persons", headers=bearer(seeded, "trajectbegeleider-own"),
                           json={"name": "Piet", "target_group": "dakloos",
                                 "household_size": 1, "annual_income": 1000,
                                 "acceptable_areas": ["WK999"]})
    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "loc": ["body", "acceptable_areas"], "type": "value_error",
        "msg": "Acceptabele gebieden: onbekend gebied: WK999"}
    assert count(sqlite_engine, PersonRow) == persons_before
    assert count(sqlite_engine, AuditRow) == audit_before


def test_illegal_status_change_is_422_and_names_the_allowed_moves(client, seeded):
    response = client.post("/api/v1/persons/P-1/status-changes",
                           headers=bearer(seeded, "trajectbegeleider-own"),
                           json={"target": "gehuisvest"})
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"] == ["body", "target"]
    assert "alleen toegestaan" in detail["msg"]


def test_status_change_and_history(client, seeded):
    headers = bearer(seeded, "trajectbegeleider-own")
    moved = client.post("/api/v1/persons/P-1/status-changes", headers=headers,
                        json={"target": "in_voorbereiding"})
    assert moved.status_code == 201 and moved.json()["status"] == "in_voorbereiding"
    history = client.get("/api/v1/persons/P-1/status-changes", headers=headers).json()
    assert [h["target"] for h in history][-2:] == ["uitstroomklaar", "in_voorbereiding"]
    assert history[-1]["by"] == "trajectbegeleider-own"


def test_caseworker_cannot_propose_only_a_match_can(client, seeded):
    response = client.post("/api/v1/persons/P-1/status-changes",
                           headers=bearer(seeded, "trajectbegeleider-own"),
                           json={"target": "voorgedragen"})
    assert response.status_code == 422
    assert "alleen via een bemiddeling" in response.json()["detail"][0]["msg"]


def test_pagination_and_filtering(client, seeded):
    headers = bearer(seeded, "regisseur-own")
    first = client.get("/api/v1/persons?limit=1", headers=headers).json()
    second = client.get("/api/v1/persons?limit=1&offset=1", headers=headers).json()
    assert (first["total"], len(first["items"]), first["items"][0]["key"]) == (2, 1, "P-1")
    assert second["items"][0]["key"] == "P-2"
    ready = client.get("/api/v1/persons?status=uitstroomklaar", headers=headers).json()
    assert [p["key"] for p in ready["items"]] == ["P-1"]
    assert client.get("/api/v1/persons?limit=0", headers=headers).status_code == 422


def test_control_and_bidi_characters_are_refused_as_in_the_import(client, seeded):
    for name in ("Jan\x00", "Jan\u202eneS", "Jan\u2066x", "Jan\x85"):
        response = client.post("/api/v1/persons", headers=bearer(seeded, "trajectbegeleider-own"),
                               json={"name": name, "target_group": "dakloos",
                                     "household_size": 1, "annual_income": 1000})
        assert response.status_code == 422, name
        assert response.json()["detail"][0]["msg"] == "Naam: bevat ongeldige tekens"
