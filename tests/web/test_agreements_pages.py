"""The contingent agreements page."""

from __future__ import annotations

from tests.web_support import login


def test_agreements_are_listed_for_regisseur_and_corporation(client, seeded):
    for user in ("regisseur-own", "verhuurmakelaar-own"):
        client.cookies.clear()
        login(client, user)
        page = client.get("/afspraken")
        assert page.status_code == 200 and page.text.count(">2026</td>") == 2


def test_caseworkers_do_not_see_agreements(client, seeded):
    login(client, "trajectbegeleider-own")
    assert client.get("/afspraken").status_code == 403
