"""User administration on the pages: an administrator invites, resets and blocks users of its
own organisation only, and never chooses another person's password."""

from __future__ import annotations

import re

from tests.web_support import login


def test_admin_invites_and_blocks_users_of_its_own_organisation(client, seeded):
    csrf = login(client, "admin-own")
    added = client.post("/beheer/gebruikers", data={
        "csrf_token": csrf, "username": "nieuwe-regisseur", "role": "regisseur",
        "password": "gekozen-door-beheerder", "organisation": "ZA-A"})
    assert added.status_code == 200
    link = re.search(r"<code>http://testserver(/wachtwoord/[^<]+)</code>", added.text).group(1)
    assert "niet opnieuw getoond" in added.text
    # The account is the admin's own organisation's (the form's organisation is ignored), and
    # the password the admin sent does not work: nobody but the user chooses it.
    client.cookies.clear()
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    refused = client.post("/login", data={"username": "nieuwe-regisseur",
                                          "password": "gekozen-door-beheerder",
                                          "csrf_token": token})
    assert refused.status_code == 400
    assert client.get(link).status_code == 200
    mismatch = client.post(link, data={"password": "mijn-eigen-geheim", "password2": "anders"})
    assert mismatch.status_code == 422 and "niet gelijk" in mismatch.text
    done = client.post(link, data={"password": "mijn-eigen-geheim",
                                   "password2": "mijn-eigen-geheim"})
    assert done.status_code == 200 and "ingesteld" in done.text
    assert client.post(link, data={"password": "nog-een-keer-x", "password2": "nog-een-keer-x"}
                       ).status_code == 410  # single use
    login(client, "nieuwe-regisseur", "mijn-eigen-geheim")
    client.cookies.clear()
    csrf = login(client, "admin-own")
    wrong_role = client.post("/beheer/gebruikers", data={
        "csrf_token": csrf, "username": "fout", "role": "verhuurmakelaar"})
    assert wrong_role.status_code == 422 and "kan niet bij een gemeente horen" in wrong_role.text
    client.post("/beheer/gebruikers/nieuwe-regisseur/blokkeren",
                data={"csrf_token": csrf, "actief": "nee"})
    page = client.get("/beheer/gebruikers")
    row = re.search(r"<td>nieuwe-regisseur</td>.*?</tr>", page.text, re.S).group(0)
    assert "<td>nee</td>" in row
    assert "admin-other" not in page.text and "trajectbegeleider-own" not in page.text


def test_an_admin_cannot_touch_another_organisations_accounts(client, seeded):
    csrf = login(client, "admin-own")  # GEM-VW
    for action, data in (("blokkeren", {"actief": "nee"}), ("herstellen", {})):
        response = client.post(f"/beheer/gebruikers/trajectbegeleider-own/{action}",
                               data={"csrf_token": csrf, **data})
        assert response.status_code == 404, action
    login(client, "trajectbegeleider-own")  # still active, password unchanged
