"""The dashboard (regisseur and auditor): the monitor's figures as charts with their tables,
filtered by period, doelgroep, gemeente, corporatie and zorgaanbieder; htmx swaps the figures
when a filter changes, and every table downloads as CSV or Excel.

The figures come from services/dashboard.py (the monitor's one entry), so they are those of
`woonregie monitor` and the API. A dashboard is kept 30 s per worker per period and filters: a
download right after looking at the page does not count everything again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.domain.enums import TargetGroup
from woonregie.domain.errors import DomainError
from woonregie.exchange.values import CellError, Day
from woonregie.http.auth import PageAuth, Uow
from woonregie.monitor import Period
from woonregie.monitor.figure_tables import LONG_TABLE_ROWS
from woonregie.services import table_files
from woonregie.services.access import Action, Principal, require
from woonregie.services.dashboard import Dashboard, dashboard
from woonregie.services.monitoring import MonitorFilters, UnknownFilter
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.rendering import code, render

router = APIRouter(include_in_schema=False)

KEEP_S = 30.0
KEEP_AT_MOST = 16


@dataclass
class Choice:
    """The filters as typed (for the form) and as understood (for the monitor)."""

    van: str = ""
    tot: str = ""
    doelgroep: str = ""
    gemeente: str = ""
    corporatie: str = ""
    zorgaanbieder: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    period: Period | None = None
    filters: MonitorFilters = MonitorFilters()

    def query(self) -> str:
        """The filters in force as a query string (downloads, the address bar)."""
        assert self.period is not None
        params = {"van": f"{self.period.van:%d-%m-%Y}", "tot": f"{self.period.tot:%d-%m-%Y}",
                  "doelgroep": self.doelgroep, "gemeente": self.gemeente,
                  "corporatie": self.corporatie, "zorgaanbieder": self.zorgaanbieder}
        return urlencode({k: v for k, v in params.items() if v})


def _day(raw: str, name: str, errors: dict[str, str]) -> date | None:
    try:
        return Day().parse(raw.strip())
    except CellError as e:
        errors[name] = f"{name.capitalize()}: {e} of DD-MM-JJJJ"
        return None


def choose(today: date, van: str, tot: str, doelgroep: str, gemeente: str, corporatie: str,
           zorgaanbieder: str) -> Choice:
    """Read the filter fields; what cannot be read lands in `errors` under its field."""
    c = Choice(van.strip()[:20], tot.strip()[:20], doelgroep.strip()[:40],
               code(gemeente) or "", code(corporatie) or "", code(zorgaanbieder) or "")
    start = _day(c.van, "van", c.errors) if c.van else date(today.year, 1, 1)
    end = _day(c.tot, "tot", c.errors) if c.tot else today
    if c.doelgroep and c.doelgroep not in set(TargetGroup):
        c.errors["doelgroep"] = "Doelgroep: kies een doelgroep uit de lijst"
    if start is not None and end is not None:
        try:
            c.period = Period(start, end)
        except DomainError as e:
            c.errors["tot" if "einddatum" in str(e) else "van"] = f"Periode: {e}"
    c.filters = MonitorFilters(c.gemeente or None, c.doelgroep or None, c.corporatie or None,
                               c.zorgaanbieder or None)
    return c


def _dashboard(request: Request, uow: UnitOfWork, principal: Principal,
               choice: Choice) -> Dashboard | None:
    """The dashboard of the choice, kept KEEP_S seconds per worker; None with the refusal in
    `choice.errors` when a filter names something unknown."""
    require(principal, Action.REGION_OVERVIEW)
    assert choice.period is not None
    key = (choice.period, choice.filters)
    kept: dict | None = getattr(request.app.state, "dashboards", None)
    if kept is None:
        kept = request.app.state.dashboards = {}
    now = time.monotonic()
    hit = kept.get(key)
    if hit is not None and now - hit[0] <= KEEP_S:
        return hit[1]
    try:
        board = dashboard(uow, principal, choice.period, choice.filters)
    except UnknownFilter as e:
        choice.errors[e.field] = f"{e.field.capitalize()}: {e}"
        return None
    for old in [k for k, (at, _) in kept.items() if now - at > KEEP_S]:
        del kept[old]
    if len(kept) >= KEEP_AT_MOST:
        kept.pop(next(iter(kept)))
    kept[key] = (now, board)
    return board


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, auth: PageAuth, uow: Uow, van: str = "", tot: str = "",
                   doelgroep: str = "", gemeente: str = "", corporatie: str = "",
                   zorgaanbieder: str = "") -> HTMLResponse:
    require(auth.principal, Action.REGION_OVERVIEW)
    choice = choose(uow.clock.today(), van, tot, doelgroep, gemeente, corporatie, zorgaanbieder)
    board = (_dashboard(request, uow, auth.principal, choice)
             if not choice.errors else None)
    fragment = request.headers.get("HX-Target") == "figuren"
    return render(request, "dashboard/figures.html" if fragment else "dashboard/page.html",
                  auth, choice=choice, board=board, errors=choice.errors,
                  query=choice.query() if board else "", long_rows=LONG_TABLE_ROWS,
                  status_code=422 if choice.errors and not fragment else 200)


@router.get("/dashboard/download")
def dashboard_download(request: Request, auth: PageAuth, uow: Uow, tabel: str = "stroom",
                       formaat: str = "csv", van: str = "", tot: str = "",
                       doelgroep: str = "", gemeente: str = "", corporatie: str = "",
                       zorgaanbieder: str = "") -> Response:
    """One table as CSV or Excel, or (`tabel=alle`) every table as one workbook."""
    require(auth.principal, Action.REGION_OVERVIEW)
    choice = choose(uow.clock.today(), van, tot, doelgroep, gemeente, corporatie, zorgaanbieder)
    board = _dashboard(request, uow, auth.principal, choice) if not choice.errors else None
    if board is None:
        message = "; ".join(choice.errors.values())
        return Response(message, status_code=422, media_type="text/plain; charset=utf-8")
    tables = board.tables if tabel == "alle" else [x for x in board.tables if x.name == tabel]
    if not tables or formaat not in ("csv", "xlsx") or (formaat == "csv" and len(tables) > 1):
        return Response("Deze tabel of dit formaat bestaat niet.", status_code=404,
                        media_type="text/plain; charset=utf-8")
    p = board.period
    stem = f"woonregie-{tabel}-{p.van:%d-%m-%Y}-tot-{p.tot:%d-%m-%Y}"
    if formaat == "csv":
        body, media = table_files.people_csv(tables[0]), "text/csv; charset=utf-8"
    else:
        body = table_files.people_workbook(tables, board.figures, board.computed_at)
        media = table_files.XLSX_TYPE
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{stem}.{formaat}"'})
