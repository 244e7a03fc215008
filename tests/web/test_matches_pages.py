"""The corporation's candidates page (kandidaten): only people proposed for its own dwellings,
in the corporation's view."""

from __future__ import annotations

from tests.web_support import login


def test_corporation_sees_its_proposed_candidate(client, seeded):
    login(client, "verhuurmakelaar-own")
    page = client.get("/kandidaten")
    assert page.status_code == 200
    assert "1–1 van 1" in page.text and "/clienten/P-1" in page.text
    assert "W-1" in page.text and "P-2" not in page.text
    assert "Kompas Zorg" in page.text  # the caseworker's organisation to contact


def test_another_corporation_sees_none_and_caseworkers_no_page(client, seeded):
    login(client, "verhuurmakelaar-other")
    assert "Geen kandidaten voorgedragen." in client.get("/kandidaten").text
    client.cookies.clear()
    login(client, "trajectbegeleider-own")
    assert client.get("/kandidaten").status_code == 403
