"""Matches (bemiddelingen) on the pages, as far as they exist today: the corporation's list of
candidates proposed for its dwellings (kandidaten). The Match aggregate's own pages come with
it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.http.auth import PageAuth, Uow
from woonregie.services import persons
from woonregie.services.access import Action, require
from woonregie.web.rendering import keyset_args, page_number, query_base, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/kandidaten", response_class=HTMLResponse)
def candidates(request: Request, auth: PageAuth, uow: Uow, zoek: str = "", na: str = "",
               pagina: int = 1) -> HTMLResponse:
    require(auth.principal, Action.DWELLING_CREATE)  # the corporation's page
    zoek = zoek.strip()[:80]
    result = persons.list_persons(uow, auth.principal, search=zoek,
                                  **keyset_args(pagina, na, PAGE_SIZE))
    return render(request, "candidates.html", auth, page=result, zoek=zoek,
                  pagina=page_number(pagina), size=PAGE_SIZE,
                  base=query_base("/kandidaten", zoek=zoek))
