"""The audit log (auditlog) on the pages: the auditor browses it by key or user, sees whether
the hash chain is intact, and downloads it as JSON lines."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from woonregie.http.auth import PageAuth, Uow
from woonregie.services import audit
from woonregie.web.rendering import page_number, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, auth: PageAuth, uow: Uow, sleutel: str = "",
               gebruiker: str = "", pagina: int = 1, controleren: str = "") -> HTMLResponse:
    pagina = page_number(pagina)
    entries, total = audit.browse(uow, auth.principal, limit=PAGE_SIZE,
                                  offset=(pagina - 1) * PAGE_SIZE,
                                  entity_key=sleutel[:64] or None,
                                  actor=gebruiker[:64] or None)
    # Recomputing the chain reads every entry (millions, in a real region): only on request.
    check = audit.verify(uow) if controleren == "ja" else None
    return render(request, "audit.html", auth, entries=entries, total=total, pagina=pagina,
                  sleutel=sleutel, gebruiker=gebruiker, check=check)


@router.get("/audit/export")
def audit_export(auth: PageAuth, uow: Uow) -> Response:
    lines = [json.dumps(e, ensure_ascii=False) + "\n" for e in audit.export(uow, auth.principal)]
    return StreamingResponse(iter(lines), media_type="application/x-ndjson", headers={
        "Content-Disposition": 'attachment; filename="auditlog.jsonl"'})
