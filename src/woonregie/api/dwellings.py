"""Dwellings (woningen) in the API: vacancies a corporation registers and lists (its own
only), and the complexes they belong to."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from woonregie.api import schemas as s
from woonregie.api.deps import WRITE_ERRORS, Code, Cursor, Limit, Offset, keyset_page, sliced
from woonregie.domain.enums import DwellingStatus, HousingForm
from woonregie.http.auth import ApiAuth, Uow
from woonregie.http.inputs import DwellingIn, converted
from woonregie.services import dwellings

router = APIRouter(tags=["woningen"])


@router.get("/dwellings", response_model=s.Page[s.DwellingOut],
            summary="Woningen (een corporatie ziet alleen haar eigen)")
def list_dwellings(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                   status: DwellingStatus | None = None,
                   housing_form: HousingForm | None = None,
                   corporation: Annotated[str | None, Query(max_length=32)] = None,
                   cursor: Cursor = None) -> dict[str, Any]:
    result = dwellings.list_dwellings(uow, who.principal, status=status,
                                      housing_form=housing_form, corporation=corporation,
                                      limit=limit, offset=offset, cursor=cursor)
    items = [s.DwellingOut.model_validate(d, from_attributes=True) for d in result.items]
    return keyset_page(items, result)


@router.post("/dwellings", response_model=s.DwellingOut, status_code=201,
             responses=WRITE_ERRORS, summary="Vrijkomende woning aanmelden")
def create_dwelling(body: DwellingIn, who: ApiAuth, uow: Uow) -> s.DwellingOut:
    made = dwellings.register_vacancy(uow, who.principal, **converted(body.model_dump()))
    return s.DwellingOut.model_validate(made, from_attributes=True)


@router.get("/dwellings/{code}", response_model=s.DwellingOut, summary="Eén woning")
def get_dwelling(code: Code, who: ApiAuth, uow: Uow) -> s.DwellingOut:
    found = dwellings.get_dwelling(uow, who.principal, code)
    return s.DwellingOut.model_validate(found, from_attributes=True)


@router.get("/complexes", response_model=s.Page[s.ComplexOut], summary="Complexen")
def list_complexes(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0) -> dict:
    items = [s.ComplexOut.model_validate(c, from_attributes=True)
             for c in dwellings.list_complexes(uow, who.principal)]
    return sliced(items, limit, offset)
