"""Request bodies are refused past a configurable limit before parsing and authentication."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from woonregie.http.body_limit import BODY_ENV, UPLOAD_ENV, BodyLimitMiddleware
from woonregie.http.security_headers import SECURITY_HEADERS


def test_an_unauthenticated_oversized_json_post_is_413_before_the_401(client):
    body = b'{"name": "' + b"x" * (2 << 20) + b'"}'
    response = client.post("/api/v1/persons", content=body,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "te groot" in response.json()["detail"]
    for name in SECURITY_HEADERS:
        assert name in response.headers


def test_a_page_post_is_limited_too_with_a_dutch_text(client):
    response = client.post("/login", content=b"a=" + b"x" * (2 << 20),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert "te groot" in response.text


def test_a_chunked_body_without_length_is_cut_off_while_read(client):
    def chunks():
        for _ in range(40):
            yield b"x" * 65_536
    response = client.post("/api/v1/persons", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "te groot" in response.json()["detail"]


def test_limits_are_configurable_and_uploads_have_their_own(monkeypatch, app):
    monkeypatch.setenv(BODY_ENV, "100")
    monkeypatch.setenv(UPLOAD_ENV, "5000")
    limiter = BodyLimitMiddleware(app)
    assert limiter.limit_for({"headers": [(b"content-type", b"application/json")]}) == 100
    multipart = {"headers": [(b"content-type", b"multipart/form-data; boundary=x")]}
    assert limiter.limit_for(multipart) == 5000


@pytest.mark.parametrize("size,status", [(50, 422), (500, 413)])
def test_a_small_limit_applies_before_validation(monkeypatch, sqlite_engine, seeded, size,
                                                 status):
    from woonregie.app import create_app

    monkeypatch.setenv(BODY_ENV, "200")
    with TestClient(create_app(sqlite_engine)) as c:
        response = c.post("/api/v1/persons", content=b"[" + b" " * size + b"]", headers={
            "Authorization": f"Bearer {seeded.tokens['trajectbegeleider-own']}",
            "Content-Type": "application/json"})
    assert response.status_code == status
