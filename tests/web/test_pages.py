"""The Dutch pages: login, throttling, cookies, CSRF, caseworker flow, error pages."""

from __future__ import annotations

import re

from tests.web_support import PASSWORD, csrf_of, login
from woonregie.api.auth import COOKIE


def _login_token(client) -> str:
    page = client.get("/login")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def test_pages_need_a_login(client, seeded):
    response = client.get("/clienten", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"


def test_session_cookie_is_httponly_and_samesite(client, seeded):
    token = _login_token(client)
    response = client.post("/login", data={"username": "trajectbegeleider-own",
                                           "password": PASSWORD, "csrf_token": token},
                           follow_redirects=False)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert response.headers["location"] == "/clienten"


def test_session_cookie_is_secure_over_tls(app, seeded):
    from fastapi.testclient import TestClient

    with TestClient(app, base_url="https://testserver") as tls:
        token = _login_token(tls)
        response = tls.post("/login", data={"username": "regisseur-own", "password": PASSWORD,
                                            "csrf_token": token}, follow_redirects=False)
    assert "Secure" in response.headers["set-cookie"]


def test_login_throttles_after_repeated_failures(client, seeded):
    for _ in range(5):
        token = _login_token(client)
        failed = client.post("/login", data={"username": "auditor-own", "password": "fout",
                                             "csrf_token": token})
        assert failed.status_code == 400 and "onjuist" in failed.text
    token = _login_token(client)
    blocked = client.post("/login", data={"username": "auditor-own", "password": PASSWORD,
                                          "csrf_token": token})
    assert blocked.status_code == 400
    assert "Te veel mislukte pogingen" in blocked.text


def test_login_form_needs_its_csrf_token(client, seeded):
    client.get("/login")
    response = client.post("/login", data={"username": "auditor-own", "password": PASSWORD,
                                           "csrf_token": "verzonnen"})
    assert response.status_code == 400 and "verlopen" in response.text


def test_forms_without_the_csrf_token_are_refused(client, seeded):
    login(client, "trajectbegeleider-own")
    response = client.post("/clienten/P-1/status", data={"target": "in_voorbereiding"})
    assert response.status_code == 403
    assert "CSRF" in response.text


def test_caseworker_registers_a_client_and_marks_them_ready(client, seeded):
    csrf = login(client, "trajectbegeleider-own")
    form = {"csrf_token": csrf, "name": "Cor Visser", "target_group": "dakloos",
            "household_size": "nul", "annual_income": "14.000,50"}
    bad = client.post("/clienten/nieuw", data=form)
    assert bad.status_code == 422
    assert "Huishoudgrootte: moet een geheel getal zijn" in bad.text
    assert 'aria-describedby="e-household_size' in bad.text
    assert 'aria-invalid="true"' in bad.text
    good = client.post("/clienten/nieuw", data=form | {"household_size": "2",
                                                       "annual_income": "14000,50"},
                       follow_redirects=False)
    assert good.status_code == 303
    url = good.headers["location"]
    for target in ("in_voorbereiding", "uitstroomklaar"):
        moved = client.post(f"{url}/status", data={"csrf_token": csrf, "target": target},
                            follow_redirects=False)
        assert moved.status_code == 303
    page = client.get(url)
    assert "<strong>Uitstroomklaar</strong>" in page.text
    assert page.text.count("trajectbegeleider-own") >= 3  # history rows by this user


def test_illegal_status_move_shows_a_dutch_message(client, seeded):
    csrf = login(client, "trajectbegeleider-own")
    response = client.post("/clienten/P-1/status", data={"csrf_token": csrf,
                                                         "target": "afgesloten"})
    assert response.status_code == 422
    assert "niet toegestaan" in response.text


def test_a_corporation_sees_the_candidate_view_only(client, seeded):
    login(client, "verhuurmakelaar-own")
    page = client.get("/clienten/P-1")
    assert page.status_code == 200
    assert "Inkomensklasse" in page.text and "ZRM" not in page.text
    assert "18.500" not in page.text and "Statusgeschiedenis" not in page.text
    assert client.get("/clienten/P-2").status_code == 404


def test_logout_ends_the_session(client, seeded):
    csrf = login(client, "admin-own")
    assert client.post("/logout", data={"csrf_token": csrf},
                       follow_redirects=False).status_code == 303
    assert client.get("/beheer/gebruikers", follow_redirects=False).status_code == 303


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


def test_pages_have_landmarks_labels_and_a_skip_link(client, seeded):
    login(client, "trajectbegeleider-own")
    page = client.get("/clienten/nieuw").text
    assert 'href="#inhoud"' in page and '<main id="inhoud"' in page and 'lang="nl"' in page
    ids = set(re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', page))
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    visible = {i for i in ids if i.startswith("f-")}
    assert visible and visible <= labelled
    assert csrf_of(client)


def test_auditor_browses_and_exports_the_log(client, seeded):
    login(client, "trajectbegeleider-own")
    client.get("/clienten/P-1")
    client.cookies.clear()
    login(client, "auditor-own")
    page = client.get("/audit?sleutel=P-1")
    assert "Auditlog in orde" in page.text and "trajectbegeleider-own" in page.text
    export = client.get("/audit/export")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("application/x-ndjson")
    assert '"entity_key": "P-1"' in export.text


def test_htmx_filter_gets_only_the_table(client, seeded):
    login(client, "trajectbegeleider-own")
    partial = client.get("/clienten?status=uitstroomklaar", headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.text and "Anna de Vries" in partial.text
    empty = client.get("/clienten?status=gehuisvest", headers={"HX-Request": "true"})
    assert "Geen cliënten gevonden." in empty.text
