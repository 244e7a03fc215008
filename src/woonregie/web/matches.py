"""Matches (bemiddelingen) on the pages, as far as they exist today: the corporation's list of
candidates proposed for its dwellings (kandidaten). The Match aggregate's own pages come with
it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.http.auth import PageAuth, Uow
from woonregie.services import persons
from woonregie.services.access import Action, require
from woonregie.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/kandidaten", response_class=HTMLResponse)
def candidates(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    require(auth.principal, Action.DWELLING_CREATE)  # the corporation's page
    result = persons.list_persons(uow, auth.principal, limit=100)
    return render(request, "candidates.html", auth, page=result)
