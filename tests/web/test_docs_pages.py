"""The API documentation is served from our own origin: no CDN, no inline script."""

from __future__ import annotations

import re


def test_docs_page_loads_only_own_assets(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "<script>" not in page.text  # every script is a file
    for source in sources:
        if source.startswith("/static/"):
            assert client.get(source).status_code == 200, source
    assert 'data-openapi-url="/api/v1/openapi.json"' in page.text
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "Woonregie API"


def test_docs_keep_a_strict_csp_and_pages_a_stricter_one(client):
    docs = client.get("/api/v1/docs").headers["content-security-policy"]
    assert "default-src 'self'" in docs and "unsafe" not in docs and "http" not in docs
    assert "img-src 'self' data:" in docs
    login = client.get("/login").headers["content-security-policy"]
    assert login == "default-src 'self'; frame-ancestors 'none'; form-action 'self'"


def test_swagger_assets_are_cacheable(client):
    bundle = client.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and "javascript" in bundle.headers["content-type"]
    assert "no-store" not in bundle.headers.get("cache-control", "")
