"""Dwellings (woningen) on the pages: the list (a corporation sees its own stock) and the form
on which a corporation registers a vacancy (vrijkomende woning)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.domain.enums import FEATURES, DwellingStatus, HousingForm
from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.http.inputs import DwellingIn, converted
from woonregie.services import dwellings, lookups
from woonregie.services.access import Action, allowed, require
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.forms import FormErrors, submit
from woonregie.web.person_form import decimal
from woonregie.web.rendering import (
    as_list,
    code,
    keyset_args,
    page_number,
    query_base,
    render,
)

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/woningen", response_class=HTMLResponse)
def dwelling_list(request: Request, auth: PageAuth, uow: Uow, status: str = "",
                  buurt: str = "", complex: str = "", corporatie: str = "", zoek: str = "",
                  na: str = "", pagina: int = 1) -> HTMLResponse:
    status_filter = status if status in set(DwellingStatus) else None
    filters = {name: code(value) for name, value in
               (("buurt", buurt), ("complex", complex), ("corporatie", corporatie),
                ("zoek", zoek))}
    result = dwellings.list_dwellings(
        uow, auth.principal, status=status_filter, buurt=filters["buurt"],
        complex=filters["complex"], corporation=filters["corporatie"], search=filters["zoek"],
        **keyset_args(pagina, na, PAGE_SIZE))
    shown = lookups.names(uow, auth.principal, (d.buurt for d in result.items))
    return render(request, "dwellings/list.html", auth, page=result, names=shown,
                  status=status_filter or "", statuses=list(DwellingStatus),
                  filters={k: v or "" for k, v in filters.items()},
                  pagina=page_number(pagina), size=PAGE_SIZE,
                  base=query_base("/woningen", status=status_filter, **filters),
                  can_create=allowed(auth.principal, Action.DWELLING_CREATE))


@router.get("/complexen", response_class=HTMLResponse)
def complex_list(request: Request, auth: PageAuth, uow: Uow, corporatie: str = "",
                 zoek: str = "", na: str = "", pagina: int = 1) -> HTMLResponse:
    corporation, search = code(corporatie), zoek.strip()[:80] or None
    result = dwellings.find_complexes(uow, auth.principal, search=search,
                                      corporation=corporation,
                                      **keyset_args(pagina, na, PAGE_SIZE))
    shown = lookups.names(uow, auth.principal, [
        code for c in result.items for code in (c.buurt, c.corporation)])
    return render(request, "dwellings/complexes.html", auth, page=result, names=shown,
                  corporatie=corporation or "", zoek=search or "", pagina=page_number(pagina),
                  size=PAGE_SIZE,
                  base=query_base("/complexen", corporatie=corporation, zoek=search))


def _form_page(request: Request, auth: Auth, uow: UnitOfWork, form: dict[str, Any],
               errors: FormErrors, status_code: int = 200) -> HTMLResponse:
    return render(request, "dwellings/form.html", auth, status_code, form=form, errors=errors,
                  forms=list(HousingForm), features=FEATURES)


def _input(form: dict[str, Any]) -> dict[str, Any]:
    """Form strings → the API's input shape; an empty required field → "is verplicht"."""
    data = {
        "buurt": code(form.get("buurt")), "address": form.get("address", ""),
        "rent": decimal(form.get("rent")) or None, "rooms": form.get("rooms") or None,
        "housing_form": form.get("housing_form") or "zelfstandig",
        "min_household": form.get("min_household") or 1,
        "max_household": form.get("max_household") or 20,
        "features": as_list(form.get("features")),
        "complex": code(form.get("complex")),
        "available_from": form.get("available_from") or None,
    }
    return {k: v for k, v in data.items() if v is not None}


@router.get("/woningen/nieuw", response_class=HTMLResponse)
def new_dwelling_form(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    require(auth.principal, Action.DWELLING_CREATE)
    form = {"buurt": "", "address": "", "rent": "", "rooms": "1", "housing_form": "zelfstandig",
            "min_household": "1", "max_household": "4", "features": [], "complex": "",
            "available_from": ""}
    return _form_page(request, auth, uow, form, {})


@router.post("/woningen/nieuw", response_class=HTMLResponse)
async def new_dwelling(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = DwellingIn.model_validate(_input(form))
        dwellings.register_vacancy(uow, auth.principal, **converted(body.model_dump()))
        return "/woningen"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        shown = dict(form) | {"features": as_list(form.get("features"))}
        return _form_page(request, auth, uow, shown, errors, status)

    return await submit(request, uow, save, again, default_field="rent")
