"""Use cases on matches (bemiddelingen): propose by hand, move a match on (the workflow's
actions go through services/workflow.act) and end a match when the caseworker moves the person
on.

Every change goes through the `Match` aggregate and is written here as one unit: the person's
status (version-checked), the dwelling's status (a guarded claim from the status it had) and the
match's step (version-checked). If any of the three was changed by someone else meanwhile,
`ConcurrentUpdate` rolls the whole transaction back, so one dwelling is never held twice and a
person is never left `voorgedragen` without a live match.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date

from woonregie.domain.match import Match, MatchConflict, MatchStep
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.status import PersonStatus
from woonregie.services import messagebus
from woonregie.services.access import (
    Action,
    NotFound,
    Principal,
    can_see_person,
    require,
)
from woonregie.store.repositories import ConcurrentUpdate
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import PauseRepository


def new_key() -> str:
    """A match key (M-…): random, so concurrent rounds and hand proposals never collide."""
    return f"M-{secrets.token_hex(5).upper()}"


def _claim(uow: UnitOfWork, dwelling: Dwelling, before: str) -> None:
    if dwelling.status != before and not uow.dwellings.claim(dwelling.code, before,
                                                             dwelling.status):
        raise ConcurrentUpdate(f"woning {dwelling.code} is intussen gewijzigd")


def open_match(uow: UnitOfWork, person: Person, dwelling: Dwelling, on: date, by: str,
               round_id: int | None = None, reason: str = "") -> Match:
    """Propose `person` for `dwelling` and write all three (no commit)."""
    before = dwelling.status
    match = Match.propose(new_key(), person, dwelling, on, by, round_id, reason)
    _claim(uow, dwelling, before)
    uow.persons.save(person)
    uow.matches.add(match)
    return match


def move_match(uow: UnitOfWork, match: Match, target: MatchStep, on: date, by: str,
               reason: str = "", person: Person | None = None,
               person_target: PersonStatus | None = None,
               details: Mapping[str, str] | None = None) -> None:
    """Move a match on and write the person, dwelling and match together (no commit)."""
    person = person or uow.persons.get(match.person)
    dwelling = uow.dwellings.get(match.dwelling)
    if person is None or dwelling is None:
        raise NotFound("Bemiddeling")
    before = dwelling.status
    match.move_to(target, person, dwelling, on, by, reason, person_target, details)
    _claim(uow, dwelling, before)
    uow.persons.save(person)
    uow.matches.save(match)


def end_for_person_move(uow: UnitOfWork, person: Person, target: PersonStatus, on: date,
                        by: str, reason: str) -> bool:
    """The caseworker moves a voorgedragen person elsewhere (relapse, uitschrijving, back to
    uitstroomklaar): the live match is withdrawn with that move and its dwelling freed, in the
    caller's transaction. False if the person has no live match."""
    match = uow.matches.live_for_person(person.key)
    if match is None:
        return False
    why = reason.strip() or f"persoon door begeleiding teruggezet naar {target}"
    move_match(uow, match, MatchStep.INGETROKKEN, on, by, why, person, target)
    return True


def propose_by_hand(uow: UnitOfWork, principal: Principal, person_key: str, dwelling_code: str,
                    reason: str, on: date | None = None) -> Match:
    """The regisseur proposes a person for a dwelling outside a round; a reason is required."""
    require(principal, Action.MATCH_PROPOSE)
    person, dwelling = uow.persons.get(person_key), uow.dwellings.get(dwelling_code)
    if person is None or not can_see_person(uow, principal, person_key, Action.PERSON_READ,
                                            uow.clock.today()):
        raise NotFound("Persoon")
    if dwelling is None:
        raise NotFound("Woning")
    assert uow.session is not None
    parked = PauseRepository(uow.session).parked([person_key], uow.clock.today())
    if parked:
        raise MatchConflict(f"persoon {person_key} is geparkeerd tot "
                            f"{parked[person_key]:%d-%m-%Y}: hef de pauze eerst op")
    match = open_match(uow, person, dwelling, on or uow.clock.today(), principal.username,
                       None, reason)
    messagebus.commit(uow, principal)
    return match
