"""Returns (terugkeer): a person housed through Woonregie comes back to care (teruggevallen) or
is registered again after their file was closed (aangemeld).

The person keeps their key, so their earlier status history and placements stay linked; the
running placement ends on the date of the return with its end reason (terug in zorg unless the
caseworker says otherwise, e.g. uitzetting); from teruggevallen the person can be prepared and
judged uitstroomklaar again, which makes them eligible for a round again. Every status change
into a return ends the placement (`end_placement_on_return`, also called by
persons.change_status), so no path leaves a returned person with a running tenancy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from woonregie.domain.errors import IllegalTransition
from woonregie.domain.placement import EndReason, Placement
from woonregie.domain.status import PersonStatus, is_return
from woonregie.services import audit
from woonregie.services.access import Action, NotFound, Principal, can_see_person, require
from woonregie.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class ReturnOutcome:
    person: str
    status: PersonStatus
    on: date
    placement_ended: Placement | None


def end_placement_on_return(uow: UnitOfWork, principal: Principal, person: str, on: date,
                            reason: EndReason = EndReason.TERUG_IN_ZORG) -> Placement | None:
    """End the person's running placement on `on` with `reason` (no commit); None if none."""
    placement = uow.placements.running(person=person)
    if placement is None:
        return None
    placement.end_with(on, reason)
    uow.placements.end(placement)
    audit.record(uow, principal, "update", "placement", person,
                 {"dwelling": placement.dwelling, "end": on.isoformat(), "reason": str(reason)})
    return placement


def record_return(uow: UnitOfWork, principal: Principal, key: str, target: PersonStatus,
                  reason: str, end_reason: EndReason = EndReason.TERUG_IN_ZORG,
                  on: date | None = None) -> ReturnOutcome:
    """The caseworker records a return of a housed client; commits."""
    require(principal, Action.PERSON_STATUS)
    person = uow.persons.get(key)
    if person is None or not can_see_person(uow, principal, key, Action.PERSON_STATUS,
                                            uow.clock.today()):
        raise NotFound("Persoon")
    if not is_return(person.status, target):
        raise IllegalTransition(person.status, target, "een terugkeer kan alleen van iemand "
                                "die gehuisvest is of was (gehuisvest, nazorg, afgesloten)")
    on, source = on or uow.clock.today(), person.status
    person.move_to(target, on, principal.username, reason)
    uow.persons.save(person)
    ended = end_placement_on_return(uow, principal, key, on, end_reason)
    audit.record(uow, principal, "status", "person", key,
                 {"from": str(source), "to": str(target), "return": True})
    uow.commit()
    return ReturnOutcome(key, person.status, on, ended)
