"""Logging in and out: throttling, cookies, the login form's own CSRF token, start pages."""

from __future__ import annotations

import re

from tests.web_support import PASSWORD, login
from woonregie.http.auth import COOKIE


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


def test_logout_ends_the_session(client, seeded):
    csrf = login(client, "admin-own")
    assert client.post("/logout", data={"csrf_token": csrf},
                       follow_redirects=False).status_code == 303
    assert client.get("/beheer/gebruikers", follow_redirects=False).status_code == 303
