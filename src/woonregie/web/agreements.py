"""Contingent agreements (contingentafspraken) on the pages: N dwellings a year per gemeente,
corporation and target group; filtered and paged in SQL (a region has thousands)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.domain.enums import TargetGroup
from woonregie.http.auth import PageAuth, Uow
from woonregie.services import dwellings, lookups
from woonregie.web.rendering import code, page_number, query_base, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/afspraken", response_class=HTMLResponse)
def agreements(request: Request, auth: PageAuth, uow: Uow, jaar: str = "", gemeente: str = "",
               corporatie: str = "", doelgroep: str = "", pagina: int = 1) -> HTMLResponse:
    year = int(jaar) if jaar.strip().isdigit() and len(jaar.strip()) == 4 else None
    group = doelgroep if doelgroep in set(TargetGroup) else None
    pagina = page_number(pagina)
    filters = {"gemeente": code(gemeente), "corporatie": code(corporatie)}
    page = dwellings.page_agreements(uow, auth.principal, year=year,
                                     gemeente=filters["gemeente"],
                                     corporation=filters["corporatie"], target_group=group,
                                     limit=PAGE_SIZE, offset=(pagina - 1) * PAGE_SIZE)
    shown = lookups.names(uow, auth.principal, [
        code for a in page.items for code in (a.gemeente, a.corporation)])
    return render(request, "agreements.html", auth, page=page, agreements=page.items,
                  names=shown,
                  jaar=year or "", doelgroep=group or "", pagina=pagina, size=PAGE_SIZE,
                  filters={k: v or "" for k, v in filters.items()},
                  base=query_base("/afspraken", jaar=year, doelgroep=group, **filters))
