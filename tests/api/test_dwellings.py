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


def test_dwellings_page_by_cursor_with_the_old_shape_kept(client, seeded):
    headers = bearer(seeded, "regisseur-own")
    first = client.get("/api/v1/dwellings?limit=3", headers=headers).json()
    assert {"items", "total", "limit", "offset", "next", "total_exact"} <= set(first)
    assert (first["total"], first["total_exact"]) == (4, True)
    rest = client.get(f"/api/v1/dwellings?limit=3&cursor={first['next']}",
                      headers=headers).json()
    codes = [d["code"] for d in first["items"] + rest["items"]]
    assert codes == ["W-1", "W-2", "W-3", "W-4"] and rest["next"] is None


def test_a_foreign_cursor_is_a_dutch_422(client, seeded):
    r = client.get("/api/v1/dwellings?cursor=zzzz", headers=bearer(seeded, "regisseur-own"))
    assert r.status_code == 422
    assert "Cursor" in r.json()["detail"][0]["msg"]
