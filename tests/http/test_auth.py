"""The shared request dependencies: bearer tokens, session cookies and the CSRF check every
cookie-authenticated write must pass, on the API and on the pages alike."""

from __future__ import annotations

from tests.web_support import bearer, login


def test_no_credentials_or_a_bad_token_is_401(client, seeded):
    assert client.get("/api/v1/persons").status_code == 401
    response = client.get("/api/v1/persons", headers={"Authorization": "Bearer wr_nep"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Ongeldig of ingetrokken token."}


def test_cookie_sessions_need_the_csrf_header_for_writes(client, seeded):
    csrf = login(client, "trajectbegeleider-own")
    body = {"name": "Via sessie", "target_group": "dakloos", "household_size": 1,
            "annual_income": 9000}
    refused = client.post("/api/v1/persons", json=body)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    accepted = client.post("/api/v1/persons", json=body, headers={"X-CSRF-Token": csrf})
    assert accepted.status_code == 201


def test_forms_without_the_csrf_token_are_refused(client, seeded):
    login(client, "trajectbegeleider-own")
    response = client.post("/clienten/P-1/status", data={"target": "in_voorbereiding"})
    assert response.status_code == 403
    assert "CSRF" in response.text


def test_a_bearer_token_needs_no_csrf_token(client, seeded):
    body = {"name": "Via token", "target_group": "dakloos", "household_size": 1,
            "annual_income": 9000}
    made = client.post("/api/v1/persons", json=body,
                       headers=bearer(seeded, "trajectbegeleider-own"))
    assert made.status_code == 201
