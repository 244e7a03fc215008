"""The application factory: both edges mounted on one app, the API documented without pages."""

from __future__ import annotations


def test_openapi_document_lists_the_resources(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/persons", "/api/v1/dwellings", "/api/v1/areas",
                 "/api/v1/organisations", "/api/v1/agreements",
                 "/api/v1/persons/{key}/status-changes"):
        assert path in doc["paths"]
    assert not any(p.startswith("/clienten") for p in doc["paths"])
