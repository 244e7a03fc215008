"""Returns (terugkeer) on the client page: the caseworker records that a housed client came back
to care or is registered again, with the end reason of the running placement."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from woonregie.domain.status import PersonStatus
from woonregie.http.auth import PageAuth, Uow
from woonregie.http.inputs import ReturnIn
from woonregie.services import returns
from woonregie.web.forms import FormErrors, message_of, submit
from woonregie.web.persons import _detail

router = APIRouter(include_in_schema=False)


@router.post("/clienten/{key}/terugkeer")
async def client_return(request: Request, key: str, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = ReturnIn(target=form.get("target") or "teruggevallen",
                        reason=str(form.get("reason", "")),
                        end_reason=form.get("end_reason") or "terug_in_zorg")
        returns.record_return(uow, auth.principal, key, PersonStatus(body.target), body.reason,
                              body.end_reason)
        return f"/clienten/{key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _detail(request, key, auth, uow, status, status_error=message_of(errors))

    return await submit(request, uow, save, again)
