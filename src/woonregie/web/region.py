"""The regisseur's region page (regio): counts per target group / housing form and status, and
the people at a chosen status (no names: the regie view), filtered and paged by key."""

from __future__ import annotations

import time
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.domain.enums import TargetGroup
from woonregie.domain.status import PersonStatus
from woonregie.http.auth import PageAuth, Uow
from woonregie.services import dwellings, persons
from woonregie.services.access import Action, Principal, allowed, require
from woonregie.web.rendering import keyset_args, page_number, query_base, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
OVERVIEW_TTL_S = 30.0
"""The counts grid is kept this long per app (worker): counting 337,000 dwellings and 135,000
persons by status takes 100–300 ms at scale 50, and the grid is an aggregate, not a record
anyone acts on; the page says from when the figures are."""


def _overview(request: Request, uow: Uow, principal: Principal) -> tuple[dict, datetime]:
    require(principal, Action.REGION_OVERVIEW)
    kept = getattr(request.app.state, "region_overview", None)
    now = time.monotonic()
    if kept is None or now - kept[0] > OVERVIEW_TTL_S:
        kept = (now, dwellings.overview(uow, principal).to_json(), uow.clock.now())
        request.app.state.region_overview = kept
    return kept[1], kept[2]


def known(value: str, vocabulary: type) -> str | None:
    """A filter value as typed in the URL: a known code counts, anything else means "all"."""
    return value if value in set(vocabulary) else None


@router.get("/regio", response_class=HTMLResponse)
def region(request: Request, auth: PageAuth, uow: Uow, status: str = "uitstroomklaar",
           groep: str = "", zoek: str = "", na: str = "", pagina: int = 1) -> HTMLResponse:
    grid, counted_at = _overview(request, uow, auth.principal)
    status_filter, group_filter = known(status, PersonStatus), known(groep, TargetGroup)
    zoek = zoek.strip()[:32]
    people = (persons.list_persons(uow, auth.principal, status=status_filter,
                                   target_group=group_filter, search=zoek,
                                   **keyset_args(pagina, na, PAGE_SIZE))
              if allowed(auth.principal, Action.PERSON_LIST) else None)
    base = query_base("/regio", status=status_filter or "", groep=group_filter, zoek=zoek)
    if status_filter is None:
        base = base.replace("/regio?", "/regio?status=&", 1)  # "alle", not the default
    return render(request, "regio.html", auth, overview=grid, counted_at=counted_at,
                  ttl=int(OVERVIEW_TTL_S), people=people,
                  status=status_filter or "", groep=group_filter or "", zoek=zoek,
                  pagina=page_number(pagina), base=base, size=PAGE_SIZE)
