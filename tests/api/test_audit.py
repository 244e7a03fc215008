"""The audit log over the API: the auditor browses it newest first, filtered."""

from __future__ import annotations

from tests.web_support import bearer


def test_auditor_sees_reads_of_personal_data_newest_first(client, seeded):
    client.get("/api/v1/persons/P-1", headers=bearer(seeded, "trajectbegeleider-own"))
    headers = bearer(seeded, "auditor-own")
    log = client.get("/api/v1/audit?entity_key=P-1", headers=headers).json()
    assert log["total"] >= 1
    newest = log["items"][0]
    assert (newest["actor"], newest["entity_key"]) == ("trajectbegeleider-own", "P-1")
    assert newest["at"].endswith(("Z", "+00:00"))
    seqs = [e["seq"] for e in log["items"]]
    assert seqs == sorted(seqs, reverse=True)
    other = client.get("/api/v1/audit?actor=niemand", headers=headers).json()
    assert other["items"] == [] and other["total"] == 0


def test_only_the_auditor_reads_the_log(client, seeded):
    for user in ("regisseur-own", "admin-own", "trajectbegeleider-own"):
        assert client.get("/api/v1/audit", headers=bearer(seeded, user)).status_code == 403


def test_pages_follow_next_to_the_end_without_gaps_or_repeats(client, seeded):
    caseworker = bearer(seeded, "trajectbegeleider-own")
    for _ in range(3):
        client.get("/api/v1/persons/P-1", headers=caseworker)
    headers = bearer(seeded, "auditor-own")
    everything = client.get("/api/v1/audit?limit=500", headers=headers).json()
    seqs, cursor = [], None
    while True:
        query = "/api/v1/audit?limit=2" + (f"&cursor={cursor}" if cursor else "")
        answer = client.get(query, headers=headers).json()
        seqs += [e["seq"] for e in answer["items"]]
        cursor = answer["next"]
        if cursor is None:
            break
    assert seqs == [e["seq"] for e in everything["items"]] and len(seqs) == everything["total"]


def test_a_date_range_in_dutch_notation_and_a_person_filter(client, seeded):
    client.get("/api/v1/persons/P-1", headers=bearer(seeded, "trajectbegeleider-own"))
    headers = bearer(seeded, "auditor-own")
    today = client.get("/api/v1/audit?limit=1", headers=headers).json()["items"][0]["at"][:10]
    year, month, day = today.split("-")
    dutch = f"{day}-{month}-{year}"
    same_day = client.get(f"/api/v1/audit?since={dutch}&until={dutch}&person=P-1",
                          headers=headers).json()
    assert same_day["total"] >= 1
    assert all(e["at"].startswith(today) for e in same_day["items"])
    assert client.get("/api/v1/audit?until=01-01-2001", headers=headers).json()["total"] == 0


def test_a_cursor_the_server_did_not_hand_out_is_a_dutch_422(client, seeded):
    answer = client.get("/api/v1/audit?cursor=bogus", headers=bearer(seeded, "auditor-own"))
    assert answer.status_code == 422
    assert "cursor" in answer.text and "ongeldige cursor" in answer.text
