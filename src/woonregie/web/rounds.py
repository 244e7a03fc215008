"""Matchingsrondes: the regisseur's pages to run rounds and see, per person, why they were or
were not matched. Access, audit and commits are the service's (services/round_reports.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.matching.engine import POLICIES
from woonregie.services import round_jobs, round_reports
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
    """Start a round (or dry run) as a background job and go to its progress page; a second
    round while one runs is refused (409) with a Dutch message on the list page."""
    def save(form: dict[str, Any]) -> str | Response:
        chosen = _choice(form)
        if not chosen["policy"]:
            raise FormError("policy", "Kies een beleid.")
        job = round_jobs.start(uow, auth.principal, policy=chosen["policy"],
                               dry_run=chosen["proefronde"])
        return f"/taken/{job.id}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _list(request, auth, uow, 1, status, message_of(errors), _choice(form))

    return await submit(request, uow, save, again)


Cursor = Annotated[str, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]*$")]


@router.get("/matchingsrondes/proefronde/{job_id}", response_class=HTMLResponse)
def dry_run_detail(request: Request, job_id: RoundId, auth: PageAuth, uow: Uow,
                   code: str = "", pagina: int = 1, vpagina: int = 1, na: Cursor = "",
                   vna: Cursor = "") -> HTMLResponse:
    """The result of a dry run (proefronde) the user started: kept with its job for a week."""
    pages = _pages(pagina, vpagina, na, vna)
    detail = round_reports.dry_run_detail(uow, auth.principal, job_id, _code(code), **pages)
    return _detail_page(request, auth, detail, f"/matchingsrondes/proefronde/{job_id}",
                        pagina, vpagina, na, vna)


@router.get("/matchingsrondes/{round_id}", response_class=HTMLResponse)
def round_detail(request: Request, round_id: RoundId, auth: PageAuth, uow: Uow,
                 code: str = "", pagina: int = 1, vpagina: int = 1, na: Cursor = "",
                 vna: Cursor = "") -> HTMLResponse:
    pages = _pages(pagina, vpagina, na, vna)
    detail = round_reports.get_round(uow, auth.principal, round_id, _code(code), **pages)
    return _detail_page(request, auth, detail, f"/matchingsrondes/{round_id}", pagina, vpagina,
                        na, vna)


def _pages(pagina: int, vpagina: int, na: str, vna: str) -> dict[str, Any]:
    """Where the two lists start: after their cursors (`na` for the unhoused, `vna` for the
    proposals: the "Volgende" links, an index range whatever the depth), else at the offset
    of their page numbers (hand-typed URLs); `pagina`/`vpagina` are then only shown."""
    return {"limit": PAGE_SIZE, "after": na or None, "proposals_after": vna or None,
            "offset": 0 if na else (page_number(pagina) - 1) * PAGE_SIZE,
            "proposals_offset": 0 if vna else (page_number(vpagina) - 1) * PAGE_SIZE}


def _detail_page(request: Request, auth: Auth, detail: round_reports.RoundDetail, base: str,
                 pagina: int, vpagina: int, na: str, vna: str) -> HTMLResponse:
    """One page of a round's lines (stored or dry run); `base` is the page's own URL for the
    code filter and the pagers (each pager keeps the other list's position)."""
    pagina, vpagina = page_number(pagina), page_number(vpagina)
    return render(request, "rounds/detail.html", auth, detail=detail, base=base,
                  pagina=pagina, vpagina=vpagina, size=PAGE_SIZE,
                  unhoused_base=query_base(base, code=detail.code, vpagina=vpagina, vna=vna),
                  proposals_base=query_base(base, code=detail.code, pagina=pagina, na=na),
                  **_labels())
