"""The application factory: JSON API under /api/v1, the Dutch pages, static files."""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from woonregie.api import errors
from woonregie.api.body_limit import BodyLimitMiddleware
from woonregie.api.routes import router as api_router
from woonregie.api.security_headers import DOCS_URL, SecurityHeadersMiddleware
from woonregie.store.db import make_engine
from woonregie.store.schema import is_initialised, upgrade
from woonregie.web.pages import html_error, templates
from woonregie.web.pages import router as page_router
from woonregie.web.rounds import router as rounds_router

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
SWAGGER_UI = Path(swagger_ui_bundle.swagger_ui_path)
"""Swagger UI's own build, from the pinned swagger-ui-bundle-v2 package: served from our origin
so the API documentation works offline and under the same strict CSP as the pages."""
OPENAPI_URL, SWAGGER_ASSETS = "/api/v1/openapi.json", "/static/swagger-ui"


def create_app(engine: Engine | None = None) -> FastAPI:
    """The Woonregie app on `engine` (default: WOONREGIE_DATABASE_URL or ./woonregie.db),
    migrated to the newest schema."""
    engine = engine or make_engine()
    if not is_initialised(engine):
        upgrade(engine)
    app = FastAPI(
        title="Woonregie API",
        version="1",
        description="Register, matching en monitor voor huisvesting van aandachtsgroepen. "
        "Authenticatie met een API-token (`Authorization: Bearer …`). Toegang per rol en "
        "organisatie; elke inzage en wijziging van persoonsgegevens wordt gelogd.",
        docs_url=None,  # our own page below: FastAPI's loads Swagger UI from a CDN, inline
        redoc_url=None,
        openapi_url=OPENAPI_URL,
        swagger_ui_oauth2_redirect_url=None,  # no OAuth2 flows: bearer tokens only
    )
    app.state.engine = engine
    errors.install(app, html_error)
    app.include_router(api_router)
    app.include_router(page_router)
    app.include_router(rounds_router)
    app.add_api_route(DOCS_URL, api_docs, methods=["GET"], include_in_schema=False,
                      response_class=HTMLResponse)
    # The more specific mount first: /static would otherwise answer 404 for these.
    app.mount(SWAGGER_ASSETS, StaticFiles(directory=SWAGGER_UI), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # Added innermost first: the body limit runs inside the headers, so its 413 carries them.
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI for the API, entirely from our own origin (works offline, strict CSP)."""
    return templates.TemplateResponse(request, "api_docs.html", {
        "assets": SWAGGER_ASSETS, "openapi_url": OPENAPI_URL})
