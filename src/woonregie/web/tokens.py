"""API tokens (API-sleutels) on the pages: an administrator makes a token for a user of its
own organisation (an integration, a script) and sees the secret once, on the page that made
it; revokes a token at once. Only the hash is stored (services/accounts.py), so a lost token is
revoked and replaced, never shown again."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.services import accounts
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.forms import FormError, FormErrors, submit
from woonregie.web.rendering import render

router = APIRouter(include_in_schema=False)
URL = "/beheer/tokens"


@router.get(URL, response_class=HTMLResponse)
def tokens_page(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    return _page(request, auth, uow)


def _page(request: Request, auth: Auth, uow: UnitOfWork, status_code: int = 200,
          errors: FormErrors | None = None, form: dict[str, Any] | None = None,
          issued: accounts.IssuedToken | None = None, issued_for: str = "") -> HTMLResponse:
    tokens = accounts.admin_list_tokens(uow, auth.principal)
    users = [u for u in accounts.admin_list_users(uow, auth.principal) if u.active]
    return render(request, "tokens.html", auth, status_code, tokens=tokens, users=users,
                  errors=errors or {}, form=form or {}, issued=issued, issued_for=issued_for)


@router.post(URL, response_class=HTMLResponse)
async def create_token(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> Response:
        username = str(form.get("username", ""))
        if not username:
            raise FormError("username", "Gebruiker: kies voor wie het token is")
        name = str(form.get("name", ""))
        if not name.strip():
            raise FormError("name", "Naam: geef het token een naam (waarvoor het dient)")
        issued = accounts.admin_create_token(uow, auth.principal, username, name)
        return _page(request, auth, uow, issued=issued, issued_for=username)

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _page(request, auth, uow, status, errors, form)

    return await submit(request, uow, save, again, default_field="username")


@router.post(URL + "/intrekken", response_class=HTMLResponse)
async def revoke_token(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        token_id = str(form.get("token_id", "")).strip()
        if not token_id.isdigit():
            raise FormError("token_id", "Token: kies een token om in te trekken")
        accounts.admin_revoke_token(uow, auth.principal, int(token_id))
        return URL

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _page(request, auth, uow, status, errors)

    return await submit(request, uow, save, again)
