"""Logging in and out (inloggen, uitloggen) and the start page each role lands on. The login
form has no session yet, so its CSRF token is a double-submit cookie."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.http.auth import (
    CSRF_FIELD,
    PageAuth,
    Uow,
    clear_session_cookie,
    set_session_cookie,
)
from woonregie.http.security_headers import is_https
from woonregie.services import accounts
from woonregie.services.access import Principal
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.rendering import HOME, call, form_of, redirect, render

router = APIRouter(include_in_schema=False)

LOGIN_CSRF_COOKIE = "woonregie_login_csrf"


def _login_page(request: Request, status_code: int = 200, error: str = "",
                username: str = "") -> HTMLResponse:
    """The login form with a fresh login CSRF token, also set as a cookie (double submit:
    there is no session yet to hold it)."""
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, status_code, login_csrf=token, error=error,
                      username=username)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=is_https(request.scope), path="/login")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, uow: Uow) -> Response:
    form = await form_of(request)
    username = str(form.get("username", ""))[:64]
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    sent = str(form.get(CSRF_FIELD, ""))
    address = request.client.host if request.client else "onbekend"
    error = ""
    if not cookie or not secrets.compare_digest(cookie, sent):
        error = "Het formulier is verlopen. Probeer het opnieuw."
    else:
        try:
            principal = await call(accounts.authenticate, uow, username,
                                   str(form.get("password", "")), address)
        except accounts.AccountError as exc:
            error = str(exc)
    if error:
        return _login_page(request, 400, error, username)
    session = await call(_start, uow, principal)
    response = redirect(HOME[principal.role])
    set_session_cookie(response, request, session.token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


def _start(uow: UnitOfWork, principal: Principal) -> accounts.WebSession:
    session = accounts.start_session(uow, principal)
    uow.commit()
    return session


@router.post("/logout")
async def logout(auth: PageAuth, uow: Uow) -> Response:
    assert auth.session is not None

    def end() -> None:
        accounts.end_session(uow, auth.session.token)  # type: ignore[union-attr]
        uow.commit()

    await call(end)
    response = redirect("/login")
    clear_session_cookie(response)
    return response


@router.get("/")
def home(auth: PageAuth) -> Response:
    return redirect(HOME[auth.principal.role])
