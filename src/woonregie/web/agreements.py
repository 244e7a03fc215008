"""Contingent agreements (contingentafspraken) on the pages: N dwellings a year per gemeente,
corporation and target group."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.http.auth import PageAuth, Uow
from woonregie.services import dwellings
from woonregie.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.get("/afspraken", response_class=HTMLResponse)
def agreements(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    items = dwellings.list_agreements(uow, auth.principal)
    return render(request, "agreements.html", auth, agreements=items)
