"""The application factory: mounts the JSON API (api/, under /api/v1) and the Dutch pages (web/)
with the static files, the error handlers and the HTTP middleware (security headers, body
limit). It is the one module that knows both edges; they share only http/ and never import
each other."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from woonregie.api import errors
from woonregie.api.main import router as api_router
from woonregie.http.body_limit import BodyLimitMiddleware
from woonregie.http.security_headers import SecurityHeadersMiddleware
from woonregie.store.db import make_engine
from woonregie.store.schema import is_initialised, upgrade
from woonregie.web.docs import OPENAPI_URL, SWAGGER_ASSETS, SWAGGER_UI
from woonregie.web.main import router as page_router
from woonregie.web.rendering import html_error

STATIC = Path(__file__).resolve().parent / "web" / "static"


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
        docs_url=None,  # our own page (web/docs.py): FastAPI's loads Swagger UI from a CDN
        redoc_url=None,
        openapi_url=OPENAPI_URL,
        swagger_ui_oauth2_redirect_url=None,  # no OAuth2 flows: bearer tokens only
    )
    app.state.engine = engine
    errors.install(app, html_error)
    app.include_router(api_router)
    app.include_router(page_router)
    # The more specific mount first: /static would otherwise answer 404 for these.
    app.mount(SWAGGER_ASSETS, StaticFiles(directory=SWAGGER_UI), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    # Added innermost first: the body limit runs inside the headers, so its 413 carries them.
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
