"""Returns (terugkeer) in the API: the caseworker records that a housed client came back to care
(teruggevallen) or is registered again (aangemeld); the running placement ends with it."""

from __future__ import annotations

from fastapi import APIRouter

from woonregie.api import schemas as s
from woonregie.api.deps import WRITE_ERRORS, Key
from woonregie.domain.status import PersonStatus
from woonregie.http.auth import ApiAuth, Uow
from woonregie.http.inputs import ReturnIn
from woonregie.services import returns

router = APIRouter(prefix="/persons", tags=["persons"])


@router.post("/{key}/return", response_model=s.ReturnOut, responses=WRITE_ERRORS,
             summary="Terugkeer melden: gehuisveste cliënt terug in zorg of opnieuw aangemeld; "
             "de lopende plaatsing eindigt")
def record_return(key: Key, body: ReturnIn, who: ApiAuth, uow: Uow) -> s.ReturnOut:
    done = returns.record_return(uow, who.principal, key, PersonStatus(body.target), body.reason,
                                 body.end_reason, body.on)
    ended = done.placement_ended
    return s.ReturnOut(person=done.person, status=done.status, on=done.on,
                       placement_ended=None if ended is None else s.PlacementEndOut(
                           dwelling=ended.dwelling, start=ended.start, end=ended.end,
                           end_reason=str(ended.end_reason)))
