"""Signals over the API: raise (Dutch amounts), list per organisation, acknowledge, close;
the corporation's answers never carry care details; Dutch errors, 404 for outsiders."""

from __future__ import annotations

from tests.signal_fixtures import house
from tests.web_support import bearer

CORP, CARE, RG = "verhuurmakelaar-own", "trajectbegeleider-own", "regisseur-own"


def raise_(client, seeded, **body):
    body = {"dwelling": "W-4", "kind": "huurachterstand", "amount": "1.250,50", "months": 2} | body
    return client.post("/api/v1/signals", json=body, headers=bearer(seeded, CORP))


def test_raise_acknowledge_close(client, seeded, sqlite_engine):
    house(sqlite_engine)
    created = raise_(client, seeded)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["arrears_amount"] == 1250.5 and body["route"] == "zorgaanbieder"
    assert body["recipient"] == "ZA-A" and "action" not in body
    key = body["key"]
    seen = client.get("/api/v1/signals", headers=bearer(seeded, CARE)).json()
    assert [s["key"] for s in seen["items"]] == [key]
    done = client.post(f"/api/v1/signals/{key}/acknowledge", json={"action": "budgetcoach"},
                       headers=bearer(seeded, CARE))
    assert done.status_code == 200 and done.json()["action"] == "budgetcoach"
    corp = client.get(f"/api/v1/signals/{key}", headers=bearer(seeded, CORP)).json()
    assert corp["status"] == "bevestigd" and "action" not in corp
    assert "budgetcoach" not in str(client.get("/api/v1/signals",
                                               headers=bearer(seeded, CORP)).json())
    closed = client.post(f"/api/v1/signals/{key}/close", json={"outcome": "betalingsregeling"},
                         headers=bearer(seeded, CORP))
    assert closed.json()["outcome"] == "betalingsregeling"
    again = client.post(f"/api/v1/signals/{key}/close", json={"outcome": "opgelost"},
                        headers=bearer(seeded, CORP))
    assert again.status_code == 409 and "Gesloten" in again.json()["detail"]


def test_without_consent_only_the_gemeente(client, seeded, sqlite_engine):
    house(sqlite_engine, consent=False)
    key = raise_(client, seeded, kind="overlast", amount=None, months=None).json()["key"]
    assert client.get("/api/v1/signals", headers=bearer(seeded, CARE)).json()["items"] == []
    (seen,) = client.get("/api/v1/signals", headers=bearer(seeded, RG)).json()["items"]
    assert seen["key"] == key and seen["route"] == "gemeente"


def test_dutch_errors_and_outsiders(client, seeded, sqlite_engine):
    house(sqlite_engine)
    bad = raise_(client, seeded, amount="12,345")
    assert bad.status_code == 422 and "amount" in str(bad.json())
    assert "decimalen" in str(bad.json())
    free = raise_(client, seeded, dwelling="W-3")
    assert free.status_code == 422 and "lopende verhuring" in str(free.json())
    key = raise_(client, seeded).json()["key"]
    for user in ("verhuurmakelaar-other", "trajectbegeleider-other", "regisseur-other"):
        assert client.get(f"/api/v1/signals/{key}",
                          headers=bearer(seeded, user)).status_code == 404
    assert client.post(f"/api/v1/signals/{key}/acknowledge", json={"action": "x"},
                       headers=bearer(seeded, "trajectbegeleider-other")).status_code == 404
    assert raise_(client, seeded).status_code == 201
    refused = client.post("/api/v1/signals", json={"dwelling": "W-4", "kind": "overlast"},
                          headers=bearer(seeded, CARE))
    assert refused.status_code == 403
