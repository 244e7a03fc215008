"""The region over the API: areas by level and parent, organisations by kind, the overview."""

from __future__ import annotations

from tests.web_support import bearer


def test_areas_by_level_and_parent(client, seeded):
    headers = bearer(seeded, "trajectbegeleider-own")
    wijken = client.get("/api/v1/areas?level=wijk", headers=headers).json()
    assert {a["code"] for a in wijken["items"]} == {"WK900101", "WK900102"}
    buurten = client.get("/api/v1/areas?parent=WK900101", headers=headers).json()
    assert {a["code"] for a in buurten["items"]} == {"BU90010101", "BU90010102"}
    one = client.get("/api/v1/areas/BU90010101", headers=headers).json()
    assert (one["name"], one["cap"]) == ("Oude Kern", 2)
    assert client.get("/api/v1/areas/BU0", headers=headers).status_code == 404


def test_organisations_by_kind_and_pages_of_them(client, seeded):
    headers = bearer(seeded, "auditor-own")
    corporations = client.get("/api/v1/organisations?kind=woningcorporatie",
                              headers=headers).json()
    assert {o["code"] for o in corporations["items"]} == {"WC-A", "WC-B"}
    second = client.get("/api/v1/organisations?limit=1&offset=1", headers=headers).json()
    assert len(second["items"]) == 1 and second["total"] > 1 and second["offset"] == 1


def test_overview_counts_persons_and_dwellings(client, seeded):
    grid = client.get("/api/v1/overview", headers=bearer(seeded, "regisseur-own")).json()
    assert grid["totals"]["persons"] == 2 and grid["totals"]["dwellings"] == 4
    assert sum(grid["dwellings"]["kamer"].values()) == 1
