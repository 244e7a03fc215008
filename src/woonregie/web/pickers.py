"""The pickers' look-ups (kiezers, issue 12 part 5): as one types in a picker's text field
(macros.html `picker`), htmx asks here for a short option list and puts it in the field's
datalist. The text arrives under `q`, or under the field's own name (htmx sends the input as
is). Without JavaScript nothing calls these: the field simply takes the code."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.domain.enums import AreaLevel, OrgKind
from woonregie.http.auth import PageAuth, Uow
from woonregie.services import lookups
from woonregie.web.rendering import render

router = APIRouter(include_in_schema=False)


def typed(request: Request, q: str) -> str:
    """What the user typed: `q`, else the first other parameter (the field's name)."""
    if q:
        return q[:80]
    others = [v for k, v in request.query_params.items() if k not in ("q", "soort", "niveau")]
    return (others[0] if others else "")[:80]


def _options(request: Request, auth: PageAuth, options: list[lookups.Option]) -> HTMLResponse:
    return render(request, "picker_options.html", auth, options=options)


@router.get("/kiezer/gebieden", response_class=HTMLResponse)
def pick_area(request: Request, auth: PageAuth, uow: Uow, q: str = "",
              niveau: str = "buurt") -> HTMLResponse:
    level = niveau if niveau in set(AreaLevel) else "buurt"
    return _options(request, auth, lookups.areas(uow, auth.principal, typed(request, q), level))


@router.get("/kiezer/organisaties", response_class=HTMLResponse)
def pick_organisation(request: Request, auth: PageAuth, uow: Uow, q: str = "",
                      soort: str = "") -> HTMLResponse:
    kind = soort if soort in set(OrgKind) else None
    found = lookups.organisations(uow, auth.principal, typed(request, q), kind)
    return _options(request, auth, found)


@router.get("/kiezer/complexen", response_class=HTMLResponse)
def pick_complex(request: Request, auth: PageAuth, uow: Uow, q: str = "") -> HTMLResponse:
    return _options(request, auth, lookups.complexes(uow, auth.principal, typed(request, q)))


@router.get("/kiezer/personen", response_class=HTMLResponse)
def pick_person(request: Request, auth: PageAuth, uow: Uow, q: str = "") -> HTMLResponse:
    return _options(request, auth, lookups.people(uow, auth.principal, typed(request, q)))
