"""Matchingsrondes: the regisseur's pages to run rounds and see, per person, why they were or
were not matched. Access, audit and commits are the service's (services/round_reports.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.api.auth import Auth, get_uow, page_auth
from woonregie.matching.engine import POLICIES
from woonregie.services import round_reports
from woonregie.services.matching_rounds import RoundConflict
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.pages import call, form_of, redirect, render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
RoundId = Annotated[int, Path(ge=1, le=2_147_483_647)]


def _labels() -> dict[str, Any]:
    return {"policy_labels": round_reports.POLICY_LABELS,
            "code_labels": round_reports.UNHOUSED_CODES}


def _code(value: str) -> str | None:
    """A filter code as typed in the URL: only known codes count, anything else shows all."""
    return value if value in round_reports.UNHOUSED_CODES else None


def _list(request: Request, auth: Auth, uow: UnitOfWork, pagina: int, status_code: int = 200,
          error: str = "", form: dict[str, Any] | None = None) -> HTMLResponse:
    pagina = max(1, min(pagina, 100_000))
    rounds, total = round_reports.list_rounds(uow, auth.principal, limit=PAGE_SIZE,
                                              offset=(pagina - 1) * PAGE_SIZE)
    return render(request, "rounds/list.html", auth, status_code, rounds=rounds, total=total,
                  pagina=pagina, policies=POLICIES, error=error,
                  form=form or {"policy": "optimal", "proefronde": True}, **_labels())


@router.get("/matchingsrondes", response_class=HTMLResponse)
def round_list(request: Request, auth: Auth = Depends(page_auth),
               uow: UnitOfWork = Depends(get_uow), pagina: int = 1) -> HTMLResponse:
    return _list(request, auth, uow, pagina)


@router.post("/matchingsrondes", response_class=HTMLResponse)
async def round_run(request: Request, auth: Auth = Depends(page_auth),
                    uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)
    policy = str(form.get("policy", "optimal"))
    dry_run = form.get("proefronde") == "ja"

    def work() -> Response:
        if policy not in POLICIES:
            return _list(request, auth, uow, 1, 422, "Kies een beleid.",
                         {"policy": "", "proefronde": dry_run})
        try:
            detail = round_reports.start_round(uow, auth.principal, policy=policy,
                                               dry_run=dry_run)
        except RoundConflict as exc:
            uow.rollback()
            return _list(request, auth, uow, 1, 409, str(exc),
                         {"policy": policy, "proefronde": dry_run})
        if detail.round is not None:
            return redirect(f"/matchingsrondes/{detail.round.id}")
        return render(request, "rounds/detail.html", auth, detail=detail, base="",
                      **_labels())

    return await call(work)


@router.get("/matchingsrondes/{round_id}", response_class=HTMLResponse)
def round_detail(request: Request, round_id: RoundId, auth: Auth = Depends(page_auth),
                 uow: UnitOfWork = Depends(get_uow), code: str = "") -> HTMLResponse:
    detail = round_reports.get_round(uow, auth.principal, round_id, _code(code))
    return render(request, "rounds/detail.html", auth, detail=detail,
                  base=f"/matchingsrondes/{round_id}", **_labels())
