"""The request dependencies both HTTP edges use, in one place: the unit of work per request and
authentication — API tokens (`Authorization: Bearer …`) and session cookies, with the CSRF
check every cookie-authenticated unsafe request must pass. Routes take them as the annotated
types at the bottom (`Uow`, `ApiAuth`, `PageAuth`).

A bearer token is not sent by the browser on its own, so bearer requests need no CSRF token;
a cookie is, so every POST/PATCH/PUT/DELETE that rides on the session cookie must carry the
session's CSRF token (form field `csrf_token`, or header `X-CSRF-Token` for htmx and fetch).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from woonregie.http.security_headers import is_https
from woonregie.services.access import Principal
from woonregie.services.accounts import SESSION_LIFETIME, WebSession, resolve_session, resolve_token
from woonregie.store.unit_of_work import UnitOfWork

COOKIE = "woonregie_sessie"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(auto_error=False, description="API-token, aan te maken met "
                    "`woonregie tokens create GEBRUIKER`.")


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def get_uow(request: Request) -> Iterator[UnitOfWork]:
    """One unit of work per request (FastAPI caches it: authentication and the route share it,
    one session, one connection); services commit, anything else rolls back. Its clock is
    the app's (`create_app(clock=...)`: the system clock, a FakeClock in tests)."""
    with UnitOfWork(engine_of(request), getattr(request.app.state, "clock", None)) as uow:
        yield uow


@dataclass(frozen=True, slots=True)
class Auth:
    principal: Principal
    session: WebSession | None  # None for bearer-token requests


def cookie_session(request: Request, uow: UnitOfWork = Depends(get_uow)) -> WebSession | None:
    """The live session of the request's cookie, if any. Sync: database work runs in the
    thread pool, never on the event loop (README "Concurrency")."""
    token = request.cookies.get(COOKIE)
    return resolve_session(uow, token) if token else None


def bearer_or_cookie(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    uow: UnitOfWork = Depends(get_uow),
) -> Auth | WebSession | None:
    """The principal of a bearer token (401 when unknown or revoked), else the cookie's session.
    Sync, like every dependency that touches the database."""
    if credentials is not None:
        principal = resolve_token(uow, credentials.credentials)
        if principal is None:
            raise HTTPException(401, "Ongeldig of ingetrokken token.",
                                headers={"WWW-Authenticate": "Bearer"})
        return Auth(principal, None)
    return cookie_session(request, uow)


async def csrf_ok(request: Request, session: WebSession) -> bool:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    return sent is not None and hmac.compare_digest(sent, session.csrf_token)


async def api_auth(request: Request,
                   found: Auth | WebSession | None = Depends(bearer_or_cookie)) -> Auth:
    """Principal of an API request: bearer token, else session cookie plus CSRF. Async without
    database work: it only awaits the form body for the CSRF check."""
    if isinstance(found, Auth):
        return found
    not_logged_in = HTTPException(401, "Niet ingelogd.", headers={"WWW-Authenticate": "Bearer"})
    return await _cookie_auth(request, found, not_logged_in)


async def page_auth(request: Request,
                    session: WebSession | None = Depends(cookie_session)) -> Auth:
    """Principal of a page request: session cookie; not logged in → to the login page."""
    to_login = HTTPException(303, "Niet ingelogd.", headers={"Location": "/login"})
    return await _cookie_auth(request, session, to_login)


async def _cookie_auth(request: Request, session: WebSession | None,
                       missing: HTTPException) -> Auth:
    """The session's principal, with the CSRF check on unsafe methods; `missing` is raised
    when there is no valid session (401 for the API, a redirect for pages)."""
    if session is None:
        raise missing
    if request.method not in SAFE_METHODS and not await csrf_ok(request, session):
        raise HTTPException(403, "CSRF-controle mislukt: herlaad de pagina.")
    return Auth(session.principal, session)


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    """HttpOnly (no script can read it), SameSite=Lax (no cross-site POSTs carry it), Secure
    when served over TLS (directly or behind a trusted proxy that says so)."""
    secure = is_https(request.scope)
    response.set_cookie(COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()),
                        httponly=True, samesite="lax", secure=secure, path="/")


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax")


Uow = Annotated[UnitOfWork, Depends(get_uow)]
"""The request's unit of work (one transaction; services commit)."""
ApiAuth = Annotated[Auth, Depends(api_auth)]
"""The caller of an API route: bearer token, or session cookie plus CSRF."""
PageAuth = Annotated[Auth, Depends(page_auth)]
"""The caller of a page: session cookie (plus CSRF on writes), else a redirect to /login."""
