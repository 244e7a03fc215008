"""The application factory: JSON API under /api/v1, the Dutch pages, static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.responses import Response

from woonregie.api import errors
from woonregie.api.routes import router as api_router
from woonregie.store.db import make_engine
from woonregie.store.schema import is_initialised, upgrade
from woonregie.web.pages import html_error
from woonregie.web.pages import router as page_router
from woonregie.web.rounds import router as rounds_router

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Own scripts and styles only: htmx is served from /static, nothing inline runs.
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
}


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
        docs_url="/api/v1/docs",
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        swagger_ui_oauth2_redirect_url=None,  # no OAuth2 flows: bearer tokens only
    )
    app.state.engine = engine
    errors.install(app, html_error)
    app.include_router(api_router)
    app.include_router(page_router)
    app.include_router(rounds_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def _headers(request: Request, call_next) -> Response:  # type: ignore[no-untyped-def]
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            if name == "Content-Security-Policy" and request.url.path == "/api/v1/docs":
                continue  # Swagger UI loads its scripts from a CDN
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app
