"""The audit log (auditlog) on the pages: the auditor narrows it by date range, action, user,
person and key, sees Dutch labels for every code, checks the hash chain on request, and
downloads the selection as CSV or Excel for people (Dutch dates and labels) or the whole log as
JSON lines for programs (ISO times, codes: docs/import-layout.md)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from woonregie.domain import locale_nl
from woonregie.domain.locale_nl import NotDutch
from woonregie.domain.vocabulary import label_of
from woonregie.http.auth import PageAuth, Uow
from woonregie.monitor.tables import Table
from woonregie.services import audit
from woonregie.services.access import Purpose, Role
from woonregie.services.audit import AuditAction, AuditEntity, AuditFilter
from woonregie.services.table_files import XLSX_TYPE, table_csv, workbook_bytes
from woonregie.store.pagination import BadCursor
from woonregie.web.rendering import keyset_args, page_number, query_base, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def _filter(van: str, tot: str, handeling: str, gebruiker: str, persoon: str,
            sleutel: str) -> tuple[AuditFilter, dict[str, str]]:
    """The query's filters, and {field: Dutch message} for dates that cannot be read (the
    page says so beside the field instead of failing)."""
    errors: dict[str, str] = {}
    days = {}
    for name, raw, title in (("van", van, "Van"), ("tot", tot, "Tot en met")):
        days[name] = None
        if raw.strip():
            try:
                days[name] = locale_nl.parse_date(raw)
            except NotDutch as exc:
                errors[name] = f"{title}: {exc}"
    if days["van"] and days["tot"] and days["tot"] < days["van"]:
        errors["tot"] = "Tot en met: ligt vóór de datum bij Van"
    action = handeling if handeling in set(AuditAction) else None
    where = AuditFilter(actor=gebruiker.strip()[:64] or None,
                        entity_key=sleutel.strip()[:64] or None, action=action,
                        person=persoon.strip().upper()[:64] or None,
                        since=days["van"], until=days["tot"])
    return where, errors


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, auth: PageAuth, uow: Uow, sleutel: str = "",
               gebruiker: str = "", van: str = "", tot: str = "", handeling: str = "",
               persoon: str = "", pagina: int = 1, na: str = "",
               controleren: str = "") -> HTMLResponse:
    """Newest first, a page at a time: "Volgende" follows a cursor (an index range on the
    log's time, whatever the depth) and the count stops at "meer dan 1.000"."""
    where, errors = _filter(van, tot, handeling, gebruiker, persoon, sleutel)
    try:
        page = audit.browse_page(uow, auth.principal, where,
                                 **keyset_args(pagina, na[:200], PAGE_SIZE))
    except BadCursor:
        raise HTTPException(422, "Het adres wijst naar een onbekende pagina van het auditlog; "
                                 "begin bij de eerste pagina.") from None
    # Recomputing the chain reads every entry (millions, in a real region): only on request.
    check = audit.verify(uow) if controleren == "ja" else None
    shown = {"van": van.strip(), "tot": tot.strip(), "handeling": where.action or "",
             "gebruiker": gebruiker.strip(), "persoon": persoon.strip(),
             "sleutel": sleutel.strip()}
    params = {k: v for k, v in shown.items() if v and k not in errors}
    return render(request, "audit.html", auth, 422 if errors else 200, page=page,
                  pagina=page_number(pagina), size=PAGE_SIZE, filters=shown, errors=errors,
                  check=check,
                  base=query_base("/audit", **params),
                  export_query=query_base("", **params).removeprefix("?").rstrip("&"))


def _table(entries: list[audit.AuditEntry]) -> Table:
    headers = ["Volgnummer", "Tijd (UTC)", "Gebruiker", "Rol", "Organisatie", "Handeling",
               "Wat", "Sleutel", "Doel", "Details", "Hash"]
    rows: list[list[Any]] = [[
        e.seq, locale_nl.datum_tijd(e.at, seconds=True), e.actor, label_of(e.role, Role),
        e.organisation, label_of(e.action, AuditAction), label_of(e.entity, AuditEntity),
        e.entity_key or "", label_of(e.purpose, Purpose),
        json.dumps(e.detail, ensure_ascii=False) if e.detail else "", e.hash,
    ] for e in entries]
    note = "" if len(entries) < audit.EXPORT_LIMIT else (
        f"Alleen de eerste {locale_nl.number(audit.EXPORT_LIMIT)} regels: verfijn de filters.")
    return Table("auditlog", "Auditlog", headers, rows, note)


def _file(kind: str, auth: PageAuth, uow: Uow, filters: dict[str, str]) -> Response:
    """The selection as a file for people: CSV (';', UTF-8 with BOM, as Dutch Excel opens it)
    or an Excel workbook."""
    where, errors = _filter(**filters)
    if errors:
        raise HTTPException(422, "; ".join(errors.values()))
    table = _table(audit.export_selection(uow, auth.principal, where))
    if kind == "csv":
        body, media = table_csv(table), "text/csv; charset=utf-8"
    else:
        body, media = workbook_bytes([table]), XLSX_TYPE
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="auditlog.{kind}"'})


@router.get("/audit/export.csv")
def audit_csv(auth: PageAuth, uow: Uow, sleutel: str = "", gebruiker: str = "", van: str = "",
              tot: str = "", handeling: str = "", persoon: str = "") -> Response:
    return _file("csv", auth, uow, {"sleutel": sleutel, "gebruiker": gebruiker, "van": van,
                                    "tot": tot, "handeling": handeling, "persoon": persoon})


@router.get("/audit/export.xlsx")
def audit_xlsx(auth: PageAuth, uow: Uow, sleutel: str = "", gebruiker: str = "", van: str = "",
               tot: str = "", handeling: str = "", persoon: str = "") -> Response:
    return _file("xlsx", auth, uow, {"sleutel": sleutel, "gebruiker": gebruiker, "van": van,
                                     "tot": tot, "handeling": handeling, "persoon": persoon})


@router.get("/audit/export")
def audit_export(auth: PageAuth, uow: Uow) -> Response:
    """The whole log as JSON lines, for programs (ISO times, codes, hashes)."""
    lines = [json.dumps(e, ensure_ascii=False) + "\n" for e in audit.export(uow, auth.principal)]
    return StreamingResponse(iter(lines), media_type="application/x-ndjson", headers={
        "Content-Disposition": 'attachment; filename="auditlog.jsonl"'})
