"""The region in the API: its areas (gebieden), organisations and the regie overview (counts per
target group / housing form and status)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from woonregie.api import schemas as s
from woonregie.api.deps import Code, Limit, Offset, sliced
from woonregie.domain.enums import AreaLevel, OrgKind
from woonregie.http.auth import ApiAuth, Uow
from woonregie.services import dwellings

router = APIRouter()


@router.get("/areas", response_model=s.Page[s.AreaOut], tags=["gebieden"], summary="Gebieden")
def list_areas(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0,
               level: AreaLevel | None = None,
               parent: Annotated[str | None, Query(max_length=16)] = None) -> dict:
    items = [s.AreaOut.model_validate(a, from_attributes=True)
             for a in dwellings.list_areas(uow, who.principal, level=level, parent=parent)]
    return sliced(items, limit, offset)


@router.get("/areas/{code}", response_model=s.AreaOut, tags=["gebieden"], summary="Eén gebied")
def get_area(code: Code, who: ApiAuth, uow: Uow) -> s.AreaOut:
    return s.AreaOut.model_validate(dwellings.get_area(uow, who.principal, code),
                                    from_attributes=True)


@router.get("/organisations", response_model=s.Page[s.OrganisationOut],
            tags=["organisaties"], summary="Organisaties")
def list_organisations(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                       kind: OrgKind | None = None) -> dict:
    items = [s.OrganisationOut.model_validate(o, from_attributes=True)
             for o in dwellings.list_organisations(uow, who.principal, kind=kind)]
    return sliced(items, limit, offset)


@router.get("/organisations/{code}", response_model=s.OrganisationOut, tags=["organisaties"],
            summary="Eén organisatie")
def get_organisation(code: Code, who: ApiAuth, uow: Uow) -> s.OrganisationOut:
    return s.OrganisationOut.model_validate(
        dwellings.get_organisation(uow, who.principal, code), from_attributes=True
    )


@router.get("/overview", response_model=s.OverviewOut, tags=["regie"],
            summary="Aantallen per doelgroep/woonvorm en status")
def overview(who: ApiAuth, uow: Uow) -> dict:
    return dwellings.overview(uow, who.principal).to_json()
