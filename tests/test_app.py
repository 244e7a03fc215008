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
