"""The account resource of the API: who the caller is."""

from __future__ import annotations

from tests.web_support import bearer


def test_me_names_user_role_and_organisation(client, seeded):
    me = client.get("/api/v1/me", headers=bearer(seeded, "verhuurmakelaar-other")).json()
    assert me == {"username": "verhuurmakelaar-other", "role": "verhuurmakelaar",
                  "organisation": "WC-B", "organisation_kind": "woningcorporatie"}
