"""Matchingsrondes: the regisseur's pages to run rounds and see, per person, why they were or
were not matched. Access, audit and commits are the service's (services/round_reports.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.matching.engine import POLICIES
from woonregie.services import round_reports
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.forms import FormError, FormErrors, message_of, submit
from woonregie.web.rendering import page_number, query_base, render

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
    pagina = page_number(pagina)
    rounds, total = round_reports.list_rounds(uow, auth.principal, limit=PAGE_SIZE,
                                              offset=(pagina - 1) * PAGE_SIZE)
    return render(request, "rounds/list.html", auth, status_code, rounds=rounds, total=total,
                  pagina=pagina, policies=POLICIES, error=error,
                  form=form or {"policy": "optimal", "proefronde": True}, **_labels())


@router.get("/matchingsrondes", response_class=HTMLResponse)
def round_list(request: Request, auth: PageAuth, uow: Uow, pagina: int = 1) -> HTMLResponse:
    return _list(request, auth, uow, pagina)


def _choice(form: dict[str, Any]) -> dict[str, Any]:
    """The form's policy (empty when unknown) and whether it is a dry run (proefronde)."""
    policy = str(form.get("policy", "optimal"))
    return {"policy": policy if policy in POLICIES else "",
            "proefronde": form.get("proefronde") == "ja"}


@router.post("/matchingsrondes", response_class=HTMLResponse)
async def round_run(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str | Response:
        chosen = _choice(form)
        if not chosen["policy"]:
            raise FormError("policy", "Kies een beleid.")
        detail = round_reports.start_round(uow, auth.principal, policy=chosen["policy"],
                                           dry_run=chosen["proefronde"])
        if detail.round is not None:
            return f"/matchingsrondes/{detail.round.id}"
        return render(request, "rounds/detail.html", auth, detail=detail, base="",
                      **_labels())

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _list(request, auth, uow, 1, status, message_of(errors), _choice(form))

    return await submit(request, uow, save, again)


@router.get("/matchingsrondes/{round_id}", response_class=HTMLResponse)
def round_detail(request: Request, round_id: RoundId, auth: PageAuth, uow: Uow,
                 code: str = "", pagina: int = 1, vpagina: int = 1) -> HTMLResponse:
    pagina, vpagina = page_number(pagina), page_number(vpagina)
    detail = round_reports.get_round(uow, auth.principal, round_id, _code(code),
                                     limit=PAGE_SIZE, offset=(pagina - 1) * PAGE_SIZE,
                                     proposals_offset=(vpagina - 1) * PAGE_SIZE)
    base = f"/matchingsrondes/{round_id}"
    return render(request, "rounds/detail.html", auth, detail=detail, base=base,
                  pagina=pagina, vpagina=vpagina, size=PAGE_SIZE,
                  unhoused_base=query_base(base, code=detail.code, vpagina=vpagina),
                  proposals_base=query_base(base, code=detail.code, pagina=pagina),
                  **_labels())
