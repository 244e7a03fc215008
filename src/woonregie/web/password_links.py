"""`/wachtwoord/{link}`: where a user chooses their own password with an invitation or reset
link (services/accounts.py). No login and no CSRF token: the secret in the link is the
authority, and it works once."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.http.auth import Uow
from woonregie.services import accounts
from woonregie.web.rendering import call, form_of, render

router = APIRouter(include_in_schema=False)

INVALID = ("Deze link is verlopen, al gebruikt of ongeldig. Vraag de beheerder van uw "
           "organisatie om een nieuwe.")


def _page(request: Request, user: accounts.User | None, status_code: int = 200,
          error: str = "", done: bool = False) -> HTMLResponse:
    return render(request, "set_password.html", None, status_code, user=user, done=done,
                  error=error if user is not None or done else INVALID,
                  min_length=accounts.MIN_PASSWORD_LENGTH)


@router.get("/wachtwoord/{secret}", response_class=HTMLResponse)
def password_form(request: Request, secret: str, uow: Uow) -> HTMLResponse:
    user = accounts.link_user(uow, secret[:128])
    return _page(request, user, 200 if user else 410)


@router.post("/wachtwoord/{secret}", response_class=HTMLResponse)
async def set_password(request: Request, secret: str, uow: Uow) -> HTMLResponse:
    form = await form_of(request)
    password, again = str(form.get("password", "")), str(form.get("password2", ""))

    def work() -> HTMLResponse:
        user = accounts.link_user(uow, secret[:128])
        if user is None:
            return _page(request, None, 410)
        if password != again:
            return _page(request, user, 422, "De twee wachtwoorden zijn niet gelijk.")
        try:
            accounts.redeem_link(uow, secret[:128], password)
        except accounts.AccountError as exc:
            uow.rollback()
            return _page(request, user, 422, str(exc))
        uow.commit()
        return _page(request, user, done=True)

    return await call(work)
