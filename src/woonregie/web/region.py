"""The regisseur's region page (regio): counts per target group / housing form and status, and
the people at a chosen status (no names: the regie view)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.domain.status import PersonStatus
from woonregie.http.auth import PageAuth, Uow
from woonregie.services import dwellings, persons
from woonregie.services.access import Action, allowed
from woonregie.web.rendering import page_number, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/regio", response_class=HTMLResponse)
def region(request: Request, auth: PageAuth, uow: Uow, status: str = "uitstroomklaar",
           pagina: int = 1) -> HTMLResponse:
    grid = dwellings.overview(uow, auth.principal)
    status_filter = status if status in set(PersonStatus) else None
    pagina = page_number(pagina)
    people = (persons.list_persons(uow, auth.principal, status=status_filter, limit=PAGE_SIZE,
                                   offset=(pagina - 1) * PAGE_SIZE)
              if allowed(auth.principal, Action.PERSON_LIST) else None)
    return render(request, "regio.html", auth, overview=grid.to_json(), people=people,
                  status=status_filter or "", pagina=pagina)
