"""Contingent agreements over the API: filters by year and target group."""

from __future__ import annotations

from tests.web_support import bearer


def test_agreements_filter_by_year_and_group(client, seeded):
    headers = bearer(seeded, "regisseur-own")
    every = client.get("/api/v1/agreements", headers=headers).json()
    assert every["total"] == 2
    groups = client.get("/api/v1/agreements?target_group=statushouder", headers=headers).json()
    assert [(a["target_group"], a["dwellings"]) for a in groups["items"]] == [
        ("statushouder", 20)]
    assert client.get("/api/v1/agreements?year=2030", headers=headers).json()["total"] == 0
    assert client.get("/api/v1/agreements?year=1800", headers=headers).status_code == 422
