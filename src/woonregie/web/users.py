"""User administration (gebruikersbeheer) on the pages: the admin lists, adds and blocks users
of the organisations it may manage."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.services import accounts
from woonregie.services.access import ACCOUNT_ROLES
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.forms import FormErrors, message_of, submit
from woonregie.web.rendering import render

router = APIRouter(include_in_schema=False)
URL = "/beheer/gebruikers"


@router.get(URL, response_class=HTMLResponse)
def users_page(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    return _users(request, auth, uow)


def _users(request: Request, auth: Auth, uow: UnitOfWork, status_code: int = 200,
           error: str = "", form: dict[str, Any] | None = None) -> HTMLResponse:
    users = accounts.admin_list_users(uow, auth.principal)
    return render(request, "users.html", auth, status_code, users=users, error=error,
                  form=form or {}, roles=ACCOUNT_ROLES, organisations=uow.organisations.list())


@router.post(URL, response_class=HTMLResponse)
async def add_user(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        accounts.admin_add_user(
            uow, auth.principal, str(form.get("username", "")),
            str(form.get("password", "")), str(form.get("role", "")),
            str(form.get("organisation", "")), str(form.get("display_name", ""))[:160],
        )
        return URL

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        shown = {k: v for k, v in form.items() if k != "password"}
        return _users(request, auth, uow, status, message_of(errors), shown)

    return await submit(request, uow, save, again)


@router.post(URL + "/{username}/blokkeren", response_class=HTMLResponse)
async def block_user(request: Request, username: str, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        accounts.admin_set_active(uow, auth.principal, username, form.get("actief") == "ja")
        return URL

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _users(request, auth, uow, status, message_of(errors))

    return await submit(request, uow, save, again)
