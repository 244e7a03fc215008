"""Security headers on every response, errors and static files included; HSTS only over TLS."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from woonregie.http.security_headers import HSTS, SECURITY_HEADERS, TRUSTED_PROXIES_ENV


def _has_security_headers(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (response.status_code, name)


def _crash() -> None:
    raise RuntimeError("naam Jan Jansen, inkomen 18500")  # personal data in an exception


@pytest.fixture
def raw_client(app):
    app.add_api_route("/api/v1/crash", _crash, methods=["GET"])
    app.add_api_route("/crash", _crash, methods=["GET"])
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("method,path,status", [
    ("GET", "/bestaat-niet", 404),
    ("GET", "/api/v1/bestaat-niet", 404),
    ("DELETE", "/login", 405),
    ("GET", "/api/v1/persons?limit=x", 401),
    ("GET", "/static/htmx.min.js", 200),
    ("GET", "/api/v1/crash", 500),
    ("GET", "/crash", 500),
])
def test_every_response_carries_the_headers(raw_client, method, path, status):
    response = raw_client.request(method, path)
    assert response.status_code == status
    _has_security_headers(response)
    assert "Strict-Transport-Security" not in response.headers  # plain http


def test_a_crash_answers_in_dutch_without_internals(raw_client):
    response = raw_client.get("/api/v1/crash")
    assert "Er ging iets mis" in response.json()["detail"]
    assert "Jansen" not in response.text and "Traceback" not in response.text


def test_validation_errors_carry_the_headers(client, seeded):
    response = client.get("/api/v1/persons?limit=x",
                          headers={"Authorization": f"Bearer {seeded.tokens['regisseur-own']}"})
    assert response.status_code == 422
    _has_security_headers(response)


def test_hsts_over_tls_and_from_a_trusted_proxy_only(app, monkeypatch):
    with TestClient(app, base_url="https://testserver") as c:
        assert c.get("/login").headers["Strict-Transport-Security"] == HSTS
        assert c.get("/bestaat-niet").headers["Strict-Transport-Security"] == HSTS
    forwarded = {"X-Forwarded-Proto": "https"}
    with TestClient(app, client=("203.0.113.9", 5000)) as c:  # not a trusted proxy: forged
        assert "Strict-Transport-Security" not in c.get("/login", headers=forwarded).headers
    monkeypatch.setenv(TRUSTED_PROXIES_ENV, "203.0.113.9")
    with TestClient(app, client=("203.0.113.9", 5000)) as c:
        response = c.get("/login", headers=forwarded)
        assert response.headers["Strict-Transport-Security"] == HSTS
        assert "secure" in response.headers["set-cookie"].lower()


def test_malformed_bodies_get_dutch_messages(client, seeded):
    auth = {"Authorization": f"Bearer {seeded.tokens['trajectbegeleider-own']}"}
    response = client.post("/api/v1/persons", content=b"{", headers={
        **auth, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("Verzoek: de inhoud is geen geldige JSON")
    broken_form = client.post("/login", content=b"--x\r\nkapot", headers={
        "Content-Type": "multipart/form-data"})  # no boundary: Starlette's English 400
    assert broken_form.status_code == 400
    assert "onleesbaar" in broken_form.text and "boundary" not in broken_form.text
    _has_security_headers(broken_form)
