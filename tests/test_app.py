"""The application factory: both edges mounted on one app, the API documented without pages."""

from __future__ import annotations

from tests.app_fixtures import app, client, seeded, sqlite_engine

__all__ = ["app", "client", "seeded", "sqlite_engine"]  # the seeded app fixtures


def test_openapi_document_lists_the_resources(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/persons", "/api/v1/dwellings", "/api/v1/areas",
                 "/api/v1/organisations", "/api/v1/agreements",
                 "/api/v1/persons/{key}/status-changes"):
        assert path in doc["paths"]
    assert not any(p.startswith("/clienten") for p in doc["paths"])


def test_pages_and_api_are_served_by_one_app(client):
    assert client.get("/login").status_code == 200
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/docs").status_code == 200


def test_run_hands_uvicorn_the_factory_workers_and_trusted_proxies(monkeypatch):
    import uvicorn

    from woonregie.app import run
    from woonregie.http.security_headers import TRUSTED_PROXIES_ENV

    monkeypatch.setenv("WOONREGIE_DATABASE_URL", "")
    monkeypatch.setenv(TRUSTED_PROXIES_ENV, "127.0.0.1")
    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: seen.update(kw, target=target))
    run("sqlite:///elders.db", "0.0.0.0", 8001, 3, "10.0.0.7")
    assert seen["target"] == "woonregie.app:create_app" and seen["factory"] is True
    assert (seen["host"], seen["port"], seen["workers"]) == ("0.0.0.0", 8001, 3)
    assert seen["forwarded_allow_ips"] == "10.0.0.7"
    import os

    assert os.environ["WOONREGIE_DATABASE_URL"] == "sqlite:///elders.db"
