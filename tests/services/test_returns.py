"""Returns (terugkeer): a housed person back in care, or registered again after closure, keeps
key, history and earlier placement; the running placement ends with date and reason; the
person can become eligible again and be housed anew."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.services.match_region import CASEWORKER, CORPORATION, REGISSEUR, START, clock, loaded
from tests.signal_fixtures import sign_contract
from woonregie.domain.errors import IllegalTransition
from woonregie.domain.placement import EndReason
from woonregie.domain.status import PersonStatus as S
from woonregie.services import persons, returns
from woonregie.store.unit_of_work import UnitOfWork

__all__ = ["clock", "loaded"]


def house(engine, clock, person="P-1", dwelling="W-1") -> None:
    sign_contract(engine, clock, person, dwelling, REGISSEUR, CORPORATION)


def test_a_return_ends_the_placement_and_the_person_is_eligible_again(loaded, clock):
    house(loaded, clock)
    clock.advance(200)
    with UnitOfWork(loaded, clock) as uow:
        done = returns.record_return(uow, CASEWORKER, "P-1", S.TERUGGEVALLEN, "opname",
                                     EndReason.UITZETTING)
    assert done.status == S.TERUGGEVALLEN
    assert (done.placement_ended.end, done.placement_ended.end_reason) == (
        START + timedelta(days=200), EndReason.UITZETTING)
    clock.advance(30)
    with UnitOfWork(loaded, clock) as uow:
        persons.change_status(uow, CASEWORKER, "P-1", S.IN_VOORBEREIDING)
        persons.change_status(uow, CASEWORKER, "P-1", S.UITSTROOMKLAAR)
    house(loaded, clock, "P-1", "W-2")  # eligible again: a new match and placement
    with UnitOfWork(loaded, clock) as uow:
        first, second = uow.placements.list(person="P-1")
        person = uow.persons.get("P-1")
    assert (first.dwelling, first.end_reason, first.kept) == ("W-1", EndReason.UITZETTING,
                                                              False)
    assert (second.dwelling, second.end) == ("W-2", None)
    assert [t.target for t in person.history].count(S.GEHUISVEST) == 2  # one history
    assert person.ready_since == clock.today()  # waiting counts anew


def test_the_plain_status_change_to_teruggevallen_ends_the_placement_too(loaded, clock):
    house(loaded, clock)
    clock.advance(10)
    with UnitOfWork(loaded, clock) as uow:
        persons.change_status(uow, CASEWORKER, "P-1", S.TERUGGEVALLEN, "crisis")
    with UnitOfWork(loaded, clock) as uow:
        (placement,) = uow.placements.list(person="P-1")
    assert (placement.end, placement.end_reason) == (clock.today(), EndReason.TERUG_IN_ZORG)


def test_registered_again_after_closure(loaded, clock):
    house(loaded, clock)
    for target in (S.NAZORG, S.AFGESLOTEN):
        clock.advance(100)
        with UnitOfWork(loaded, clock) as uow:
            persons.change_status(uow, CASEWORKER, "P-1", target)
    clock.advance(100)
    with UnitOfWork(loaded, clock) as uow:
        done = returns.record_return(uow, CASEWORKER, "P-1", S.AANGEMELD, "weer dakloos",
                                     EndReason.OPZEGGING_HUURDER)
    assert done.status == S.AANGEMELD
    assert done.placement_ended.end_reason == EndReason.OPZEGGING_HUURDER


def test_only_housed_people_return(loaded, clock):
    with UnitOfWork(loaded, clock) as uow, pytest.raises(IllegalTransition, match="terugkeer"):
        returns.record_return(uow, CASEWORKER, "P-2", S.TERUGGEVALLEN, "x")
