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
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from woonregie.domain.clock import SYSTEM_CLOCK, Clock
from woonregie.http.security_headers import is_https
from woonregie.services.access import Principal
from woonregie.services.accounts import SESSION_LIFETIME, WebSession
from woonregie.services.credential_cache import CredentialCache
from woonregie.store.unit_of_work import UnitOfWork

COOKIE = "woonregie_sessie"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(auto_error=False, description="API-token, aan te maken met "
                    "`woonregie tokens create GEBRUIKER`.")


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def clock_of(request: Request) -> Clock:
    return getattr(request.app.state, "clock", None) or SYSTEM_CLOCK


def credentials_of(request: Request) -> CredentialCache:
    """The app's cache of resolved tokens and sessions (services/credential_cache.py)."""
    state = request.app.state
    if getattr(state, "credentials", None) is None:
        state.credentials = CredentialCache()
    return state.credentials


async def get_uow(request: Request) -> AsyncIterator[UnitOfWork]:
    """One unit of work per request (FastAPI caches it: authentication and the route share it,
    one session, one connection); services commit, anything else rolls back. Its clock is
    the app's (`create_app(clock=...)`: the system clock, a FakeClock in tests).

    Async, yet no database work on the event loop: opening makes a session object only (it
    connects at its first query, in the route's thread), and closing runs in the thread pool
    whenever a transaction is still open (a route that only read, or failed). After a commit
    there is nothing left to do, so a request that commits takes no thread hop here."""
    uow = UnitOfWork(engine_of(request), clock_of(request))
    uow.__enter__()
    try:
        yield uow
    finally:
        assert uow.session is not None
        if uow.session.in_transaction():
            await run_in_threadpool(uow.__exit__, None, None, None)
        else:
            uow.__exit__(None, None, None)


@dataclass(frozen=True, slots=True)
class Auth:
    principal: Principal
    session: WebSession | None  # None for bearer-token requests


async def cookie_session(request: Request,
                         uow: UnitOfWork = Depends(get_uow)) -> WebSession | None:
    """The live session of the request's cookie, if any: from the app's credential cache, else
    read in the thread pool, never on the event loop (README "Concurrency")."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    cache = credentials_of(request)
    found = cache.cached_session(token, clock_of(request).now())
    return found if found is not None else await run_in_threadpool(cache.session, uow, token)


async def bearer_or_cookie(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
    uow: UnitOfWork = Depends(get_uow),
) -> Auth | WebSession | None:
    """The principal of a bearer token (401 when unknown or revoked), else the cookie's session.
    A token resolved moments ago comes from the cache; otherwise the thread pool reads it."""
    if credentials is not None:
        cache = credentials_of(request)
        secret = credentials.credentials
        principal = cache.cached_token(secret) or await run_in_threadpool(cache.token, uow,
                                                                          secret)
        if principal is None:
            raise HTTPException(401, "Ongeldig of ingetrokken token.",
                                headers={"WWW-Authenticate": "Bearer"})
        return Auth(principal, None)
    return await cookie_session(request, uow)


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
