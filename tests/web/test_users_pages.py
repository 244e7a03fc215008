"""User administration on the pages: the admin adds and blocks users."""

from __future__ import annotations

import re

from tests.web_support import login


def test_admin_adds_and_blocks_users(client, seeded):
    csrf = login(client, "admin-own")
    added = client.post("/beheer/gebruikers", data={
        "csrf_token": csrf, "username": "nieuwe-regisseur", "password": "lang-wachtwoord",
        "role": "regisseur", "organisation": "GEM-VW"}, follow_redirects=False)
    assert added.status_code == 303
    wrong = client.post("/beheer/gebruikers", data={
        "csrf_token": csrf, "username": "fout", "password": "lang-wachtwoord",
        "role": "regisseur", "organisation": "WC-A"})
    assert wrong.status_code == 422 and "kan niet bij een woningcorporatie horen" in wrong.text
    client.post("/beheer/gebruikers/nieuwe-regisseur/blokkeren",
                data={"csrf_token": csrf, "actief": "nee"})
    page = client.get("/beheer/gebruikers")
    row = re.search(r"<td>nieuwe-regisseur</td>.*?</tr>", page.text, re.S).group(0)
    assert "<td>nee</td>" in row
