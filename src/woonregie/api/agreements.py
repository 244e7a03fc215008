"""Contingent agreements (contingentafspraken) in the API: N dwellings a year per gemeente,
corporation and target group."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from woonregie.api import schemas as s
from woonregie.api.deps import Limit, Offset, sliced
from woonregie.domain.enums import TargetGroup
from woonregie.http.auth import ApiAuth, Uow
from woonregie.services import dwellings

router = APIRouter(tags=["afspraken"])


@router.get("/agreements", response_model=s.Page[s.AgreementOut],
            summary="Contingentafspraken")
def list_agreements(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                    target_group: TargetGroup | None = None) -> dict:
    items = [s.AgreementOut.model_validate(a, from_attributes=True)
             for a in dwellings.list_agreements(uow, who.principal, year=year,
                                                target_group=target_group)]
    return sliced(items, limit, offset)
