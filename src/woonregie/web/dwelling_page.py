"""One dwelling's page (/woningen/{code}): the corporation sees and edits its dwelling (rent,
rooms, features, availability …) and reads its history (matches with their dated steps,
placements); the regisseur reads it. Other corporations get 404, as for any record not theirs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.domain import locale_nl
from woonregie.domain.enums import FEATURES, HousingForm
from woonregie.domain.match import MatchStep
from woonregie.domain.model import Dwelling
from woonregie.domain.placement import EndReason
from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.http.inputs import DwellingEdit
from woonregie.services import dwellings, lookups
from woonregie.services.access import Action, allowed
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.forms import FormErrors, submit
from woonregie.web.rendering import as_list, render

router = APIRouter(include_in_schema=False)


def _form_of(d: Dwelling) -> dict[str, Any]:
    return {"address": d.address, "rent": locale_nl.amount_field(d.rent), "rooms": str(d.rooms),
            "housing_form": str(d.housing_form), "min_household": str(d.min_household),
            "max_household": str(d.max_household), "features": sorted(d.features),
            "available_from": d.available_from.isoformat() if d.available_from else ""}


def _page(request: Request, auth: Auth, uow: UnitOfWork, code: str, status_code: int = 200,
          form: dict[str, Any] | None = None, errors: FormErrors | None = None,
          saved: bool = False) -> HTMLResponse:
    dwelling = dwellings.get_dwelling(uow, auth.principal, code)
    history = dwellings.dwelling_history(uow, auth.principal, code)
    names = lookups.names(uow, auth.principal, [dwelling.buurt, dwelling.corporation,
                                                dwelling.complex])
    return render(request, "dwellings/detail.html", auth, status_code, d=dwelling,
                  history=history, names=names, form=form or _form_of(dwelling),
                  errors=errors or {}, saved=saved, forms=list(HousingForm), features=FEATURES,
                  can_edit=allowed(auth.principal, Action.DWELLING_UPDATE),
                  MatchStep=MatchStep, EndReason=EndReason)


@router.get("/woningen/{code}", response_class=HTMLResponse)
def dwelling_page(request: Request, code: str, auth: PageAuth, uow: Uow,
                  opgeslagen: str = "") -> HTMLResponse:
    return _page(request, auth, uow, code, saved=opgeslagen == "ja")


def _input(form: dict[str, Any]) -> dict[str, Any]:
    data = {
        "address": form.get("address"), "rent": str(form.get("rent") or "").strip() or None,
        "rooms": form.get("rooms") or None, "housing_form": form.get("housing_form") or None,
        "min_household": form.get("min_household") or None,
        "max_household": form.get("max_household") or None,
        "features": as_list(form.get("features")),  # none ticked: no features
        "available_from": form.get("available_from") or None,
    }
    return {k: v for k, v in data.items() if v is not None}


@router.post("/woningen/{code}", response_class=HTMLResponse)
async def edit_dwelling(request: Request, code: str, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = DwellingEdit.model_validate(_input(form))
        values = body.model_dump(exclude_unset=True)  # a field not sent stays as it is
        values["features"] = frozenset(values.get("features", ()))
        dwellings.update_dwelling(uow, auth.principal, code, **values)
        return f"/woningen/{code}?opgeslagen=ja"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        shown = dict(form) | {"features": as_list(form.get("features"))}
        return _page(request, auth, uow, code, status, shown, errors)

    return await submit(request, uow, save, again, default_field="rent")
