"""Pauses after a decline (geparkeerd tot) and the urgency lapses they bring, for the regisseur.

A decline for a reason with a pause parks the person: rounds skip them until the day the pause
ends (services/matching_rounds.py) and a hand proposal is refused. The regisseur sees the open
pauses of persons it may see for regie, can lift one early with a reason, and decides an urgency
lapse the reason left for approval: approve (the urgency lapses now) or keep the urgency.
Every decision is dated, attributed and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from woonregie.domain.workflow import LapseState
from woonregie.services import audit
from woonregie.services.access import Action, NotFound, Principal, can_see_person, require
from woonregie.services.persons import FieldError
from woonregie.store.repositories import ConcurrentUpdate
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import DeclineReasonRepository, Pause, PauseRepository


@dataclass(frozen=True, slots=True)
class PauseView:
    id: int
    person: str
    match_key: str | None
    reason_code: str
    reason_label: str
    on: date
    until: date | None
    parked: bool  # still keeps the person out of rounds today
    lapse: LapseState


def _repo(uow: UnitOfWork) -> PauseRepository:
    assert uow.session is not None
    return PauseRepository(uow.session)


def open_pauses(uow: UnitOfWork, principal: Principal, limit: int = 500) -> list[PauseView]:
    """The pauses still in force, or awaiting a decision on the urgency, of persons the
    regisseur may see (audited as a list)."""
    require(principal, Action.WORKFLOW_CONFIG)
    today = uow.clock.today()
    assert uow.session is not None
    labels = {r.code: r.label for r in DeclineReasonRepository(uow.session).list()}
    found = [p for p in _repo(uow).open(today, limit)
             if can_see_person(uow, principal, p.person, Action.PERSON_READ, today)]
    if found:
        audit.record(uow, principal, "list", "pause", None,
                     {"persons": sorted({p.person for p in found})})
    uow.commit()
    return [_view(p, labels, today) for p in found]


def _view(p: Pause, labels: dict[str, str], today: date) -> PauseView:
    return PauseView(p.id, p.person, p.match_key, p.reason_code,
                     labels.get(p.reason_code, p.reason_code), p.on, p.until,
                     p.lifted_on is None and p.until is not None and p.until > today,
                     LapseState(p.lapse))


def _visible(uow: UnitOfWork, principal: Principal, pause_id: int) -> Pause:
    require(principal, Action.WORKFLOW_CONFIG)
    pause = _repo(uow).get(pause_id)
    if pause is None or not can_see_person(uow, principal, pause.person, Action.PERSON_READ,
                                           uow.clock.today()):
        raise NotFound("Pauze")
    return pause


def lift(uow: UnitOfWork, principal: Principal, pause_id: int, reason: str) -> None:
    """End a pause today: the person takes part in the next round."""
    pause = _visible(uow, principal, pause_id)
    if not reason.strip():
        raise FieldError("reason", "een reden is verplicht")
    if not _repo(uow).lift(pause_id, uow.clock.today(), principal.username, reason.strip()):
        raise ConcurrentUpdate("deze pauze is al opgeheven")
    audit.record(uow, principal, "pause_lift", "person", pause.person,
                 {"pause": pause_id, "reason": reason.strip()[:200]})
    uow.commit()


def decide_lapse(uow: UnitOfWork, principal: Principal, pause_id: int, approve: bool,
                 reason: str = "") -> None:
    """The regisseur's decision on an urgency lapse waiting for approval."""
    pause = _visible(uow, principal, pause_id)
    if not approve and not reason.strip():
        raise FieldError("reason", "zeg waarom de urgentie blijft")
    target = LapseState.VERVALLEN if approve else LapseState.GEHANDHAAFD
    if not _repo(uow).set_lapse(pause_id, str(target), str(LapseState.TE_BEOORDELEN)):
        raise ConcurrentUpdate("over deze urgentie is al besloten")
    if approve:
        person = uow.persons.get(pause.person)
        assert person is not None
        person.legal_urgency = False
        uow.persons.save(person)
    audit.record(uow, principal, "urgency", "person", pause.person,
                 {"pause": pause_id, "decision": str(target), "reason": reason.strip()[:200]})
    uow.commit()
