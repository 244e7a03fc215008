"""Vocabularies over the API: every code with its Dutch label, the same as the pages show."""

from __future__ import annotations

from tests.web_support import bearer


def test_vocabularies_give_codes_with_their_labels(client, seeded):
    terms = client.get("/api/v1/vocabularies", headers=bearer(seeded, "auditor-own")).json()
    groups = {t["code"]: t["label"] for t in terms["target_group"]}
    assert groups["bw_uitstroom"] == "Uitstroom beschermd wonen"
    assert {"person_status", "housing_form", "feature", "role", "unhoused_reason"} <= set(terms)
    assert client.get("/api/v1/vocabularies").status_code == 401
