"""The driepartijenovereenkomst on the pages: each party's list of agreements, the agreement
itself (HTML, as it was generated at signing) with a PDF download, and the regisseur's editor of
the gemeente's own template."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.domain.signal import SignalKind, SignalRefused
from woonregie.domain.vocabulary import label_of
from woonregie.http.auth import PageAuth, Uow
from woonregie.services import signal_rules, three_party
from woonregie.web.forms import FormErrors, submit
from woonregie.web.rendering import render

router = APIRouter(include_in_schema=False)

DOCUMENT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                "frame-ancestors 'none'; form-action 'none'")
"""The stored agreement carries its own print styles inline; nothing in it may run or load."""


@router.get("/driepartijenovereenkomsten", response_class=HTMLResponse)
def agreement_list(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    items = three_party.list_agreements(uow, auth.principal)
    return render(request, "tenancy_agreements/list.html", auth, items=items)


@router.get("/bemiddelingen/{key}/driepartijenovereenkomst", response_class=HTMLResponse)
def agreement_view(key: str, auth: PageAuth, uow: Uow) -> HTMLResponse:
    html = three_party.agreement_html(uow, auth.principal, key)
    return HTMLResponse(html, headers={"Content-Security-Policy": DOCUMENT_CSP})


@router.get("/bemiddelingen/{key}/driepartijenovereenkomst.pdf")
def agreement_pdf(key: str, auth: PageAuth, uow: Uow) -> Response:
    pdf = three_party.agreement_pdf(uow, auth.principal, key)
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="driepartijenovereenkomst-{key}.pdf"'})


def _editor(request: Request, auth: Any, uow: Any, status: int = 200,
            errors: FormErrors | None = None, body: str | None = None,
            saved: bool = False) -> HTMLResponse:
    current, own = three_party.template_of(uow, auth.principal)
    days = signal_rules.acknowledge_days(uow, auth.principal.gemeente or "")
    return render(request, "tenancy_agreements/template.html", auth, status,
                  body=current if body is None else body, own=own, errors=errors or {},
                  saved=saved, days=days)


@router.get("/driepartijenovereenkomsten/sjabloon", response_class=HTMLResponse)
def template_page(request: Request, auth: PageAuth, uow: Uow,
                  opgeslagen: str = "") -> HTMLResponse:
    return _editor(request, auth, uow, saved=opgeslagen == "ja")


@router.post("/driepartijenovereenkomsten/sjabloon", response_class=HTMLResponse)
async def template_save(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        if form.get("standaard") == "ja":
            three_party.reset_template(uow, auth.principal)
        else:
            three_party.save_template(uow, auth.principal, str(form.get("body", "")))
        return "/driepartijenovereenkomsten/sjabloon?opgeslagen=ja"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _editor(request, auth, uow, status, errors, str(form.get("body", "")))

    return await submit(request, uow, save, again, default_field="body")


@router.post("/driepartijenovereenkomsten/termijnen", response_class=HTMLResponse)
async def deadlines_save(request: Request, auth: PageAuth, uow: Uow) -> Response:
    """The gemeente's days to acknowledge a signal, per kind (printed in new agreements)."""
    def save(form: dict[str, Any]) -> str:
        for kind in SignalKind:
            raw = str(form.get(f"days_{kind}", "")).strip()
            if not raw.isdigit():
                raise SignalRefused("days", f"{label_of(kind)}: vul een aantal dagen in")
            signal_rules.set_acknowledge_days(uow, auth.principal, str(kind), int(raw),
                                              commit=False)
        uow.commit()
        return "/driepartijenovereenkomsten/sjabloon?opgeslagen=ja"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _editor(request, auth, uow, status, errors)

    return await submit(request, uow, save, again, default_field="days")
