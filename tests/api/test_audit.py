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
