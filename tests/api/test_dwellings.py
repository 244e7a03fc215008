"""Dwellings over the API: a corporation registers and sees only its own stock; filters."""

from __future__ import annotations

from tests.web_support import bearer


def test_dwellings_filter_by_status(client, seeded):
    headers = bearer(seeded, "regisseur-own")
    let = client.get("/api/v1/dwellings?status=verhuurd", headers=headers).json()
    assert [d["code"] for d in let["items"]] == ["W-4"]


def test_a_corporation_sees_only_its_own_dwellings(client, seeded):
    headers = bearer(seeded, "verhuurmakelaar-other")
    listed = client.get("/api/v1/dwellings", headers=headers).json()
    assert listed["items"] == [] and listed["total"] == 0
    made = client.post("/api/v1/dwellings", headers=headers,
                       json={"buurt": "BU90010201", "rent": 612.5, "rooms": 2})
    assert made.status_code == 201 and made.json()["corporation"] == "WC-B"
    assert client.get("/api/v1/dwellings", headers=headers).json()["total"] == 1
    assert client.get("/api/v1/dwellings/W-1", headers=headers).status_code == 404
