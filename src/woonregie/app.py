"""The application factory: mounts the JSON API (api/, under /api/v1) and the Dutch pages (web/)
with the static files, the error handlers and the HTTP middleware (security headers, body
limit). It is the one module that knows both edges; they share only http/ and never import
each other."""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
import uvicorn
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.pool import QueuePool
from uvicorn.supervisors import Multiprocess

from woonregie.api import errors
from woonregie.api.main import router as api_router
from woonregie.domain.clock import SYSTEM_CLOCK, Clock
from woonregie.http.admission import Admission
from woonregie.http.body_limit import BodyLimitMiddleware
from woonregie.http.security_headers import (
    TRUSTED_PROXIES_ENV,
    SecurityHeadersMiddleware,
    trusted_proxies,
)
from woonregie.services.credential_cache import CredentialCache
from woonregie.store.db import SERVER, make_engine
from woonregie.store.schema import is_initialised, upgrade
from woonregie.web.docs import OPENAPI_URL, SWAGGER_ASSETS, SWAGGER_UI
from woonregie.web.main import router as page_router
from woonregie.web.rendering import html_error

STATIC = Path(__file__).resolve().parent / "web" / "static"


ADMISSION_WAIT_S = 5.0
"""How long a request may queue for a free connection before it is answered 503."""


def concurrency(engine: Engine) -> int:
    """Requests the app serves at once: the connections its engine's pool can hand out."""
    pool = engine.pool
    if isinstance(pool, QueuePool):
        return pool.size() + max(pool._max_overflow, 0)
    return 1  # a single shared connection (in-memory SQLite)


def create_app(engine: Engine | None = None, clock: Clock = SYSTEM_CLOCK) -> FastAPI:
    """The Woonregie app on `engine` (default: WOONREGIE_DATABASE_URL or ./woonregie.db),
    migrated to the newest schema; every request's unit of work takes time from `clock`."""
    engine = engine or make_engine(limits=SERVER)
    if not is_initialised(engine):
        upgrade(engine)
    capacity = concurrency(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # As many threads as connections (http/admission.py explains why they are equal).
        anyio.to_thread.current_default_thread_limiter().total_tokens = capacity
        yield

    app = FastAPI(
        lifespan=lifespan,
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
    app.state.clock = clock
    app.state.credentials = CredentialCache()
    errors.install(app, html_error)
    # The mounts before the routers: a static file is then found at the first routes checked
    # instead of after every API route and page (a third of its server time went into
    # routing); the more specific mount first: /static would otherwise answer 404 for these.
    app.mount(SWAGGER_ASSETS, StaticFiles(directory=SWAGGER_UI), name="swagger-ui")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_router)
    app.include_router(page_router)
    app.add_middleware(Admission, limit=capacity, wait=ADMISSION_WAIT_S)

    # Added innermost first: the body limit runs inside the headers, so its 413 carries them.
    app.add_middleware(BodyLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


WORKER_HEALTHCHECK_S = 30
"""How long a worker may take to answer uvicorn's health check before it is killed and
restarted (uvicorn's default is 5 s: a worker starting on a loaded machine missed it)."""


def run(database_url: str, host: str, port: int, workers: int,
        forwarded_allow_ips: str | None = None) -> None:
    """Serve the app with uvicorn (`woonregie serve`). Every worker builds its own app (and
    engine) from the URL: connections cannot be shared between processes. One list of trusted
    proxies serves uvicorn (client address, scheme) and the HSTS check."""
    os.environ["WOONREGIE_DATABASE_URL"] = database_url
    if forwarded_allow_ips is not None:
        os.environ[TRUSTED_PROXIES_ENV] = forwarded_allow_ips
    proxies = ",".join(sorted(trusted_proxies()))
    config = uvicorn.Config("woonregie.app:create_app", factory=True, host=host, port=port,
                            workers=workers, log_level="info", proxy_headers=True,
                            forwarded_allow_ips=proxies, timeout_graceful_shutdown=10,
                            timeout_worker_healthcheck=WORKER_HEALTHCHECK_S)
    if workers > 1:
        Multiprocess(config, sockets=[tcp_listener(config)]).run()
    else:
        uvicorn.Server(config).run()


def tcp_listener(config: uvicorn.Config) -> socket.socket:
    """The workers' listening socket, whose answers are sent at once.

    With several workers uvicorn binds the socket itself as protocol 0 instead of TCP, so
    asyncio does not switch Nagle's algorithm off on the connections it accepts (it checks the
    protocol): a response written in two parts (head, then body) then waits for the client's
    delayed acknowledgement, 40 ms on Linux, on every request (bench/load.py: 48 ms for a static
    file with two workers, 2.4 ms with one). This socket is TCP, with TCP_NODELAY set as well
    (Linux passes it on to accepted connections). The configuration stays uvicorn's own class:
    a worker unpickles it before it answers the supervisor's health checks, so it must not
    import the app."""
    sock = config.bind_socket()
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return sock
    tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    tcp.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    tcp.set_inheritable(True)
    return tcp
