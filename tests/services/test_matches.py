"""The Match aggregate on the database: person, dwelling and match move together or not at
all; a caseworker's move ends a live match; the corporation sees only live matches."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.services.match_region import ACTORS, CASEWORKER, CORPORATION, REGISSEUR, clock, loaded
from tests.workflow_support import walk
from woonregie.domain.errors import DomainError
from woonregie.domain.match import MatchRefused, MatchStep
from woonregie.domain.placement import Placement
from woonregie.domain.status import PersonStatus
from woonregie.domain.workflow import MatchAction
from woonregie.services import matches, persons, workflow
from woonregie.services import matching_rounds as mr
from woonregie.services.access import Action, visible_keys_query
from woonregie.services.persons import FieldError
from woonregie.services.workflow import ActionInput
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

__all__ = ["clock", "loaded"]


def seen_by_corporation(uow: UnitOfWork) -> list[str]:
    q = visible_keys_query(CORPORATION, Action.PERSON_LIST, uow.clock.today())
    return list(uow.session.scalars(q))


def _match_of(engine, person: str) -> str:
    with UnitOfWork(engine) as uow:
        return uow.matches.live_for_person(person).key


def test_drift_a_caseworker_moving_a_proposed_person_back_ends_the_match(loaded, clock):
    """Issue 7's first paragraph: after a round proposed a person, the caseworker moved them back
    to uitstroomklaar; the dwelling stayed voorgedragen and the corporation still saw them."""
    with UnitOfWork(loaded, clock) as uow:
        outcome = mr.run_round(uow, today=clock.today(), actor=REGISSEUR)
    assert outcome.housed == 4
    key, dwelling = outcome.result.assignments[0].candidate, outcome.result.assignments[0].dwelling
    with UnitOfWork(loaded, clock) as uow:
        assert key not in seen_by_corporation(uow)  # not before the support plan is confirmed
    walk(loaded, clock, _match_of(loaded, key),
         ACTORS, MatchStep.BEGELEIDING_BEVESTIGD)
    with UnitOfWork(loaded, clock) as uow:
        assert key in seen_by_corporation(uow)
    clock.advance(3)
    with UnitOfWork(loaded, clock) as uow:
        persons.change_status(uow, CASEWORKER, key, PersonStatus.UITSTROOMKLAAR)
    with UnitOfWork(loaded, clock) as uow:
        assert uow.persons.get(key).status == PersonStatus.UITSTROOMKLAAR
        assert uow.dwellings.get(dwelling).status == "vrij"
        (match,) = uow.matches.find(person=key)
        assert match.step == MatchStep.INGETROKKEN and not match.live
        assert match.history[-1].on == clock.today() and match.history[-1].reason
        assert key not in seen_by_corporation(uow)


def test_a_relapse_ends_the_match_and_frees_the_dwelling(loaded, clock):
    with UnitOfWork(loaded, clock) as uow:
        match = matches.propose_by_hand(uow, REGISSEUR, "P-2", "W-3", "spoed na brand")
    clock.advance(1)
    with UnitOfWork(loaded, clock) as uow:
        persons.change_status(uow, CASEWORKER, "P-2", PersonStatus.TERUGGEVALLEN, "opname")
    with UnitOfWork(loaded, clock) as uow:
        assert uow.persons.get("P-2").status == PersonStatus.TERUGGEVALLEN
        assert uow.dwellings.get("W-3").status == "vrij"
        assert uow.matches.get(match.key).step == MatchStep.INGETROKKEN
        assert seen_by_corporation(uow) == []


def test_signing_writes_a_placement_in_the_same_transaction(loaded, clock):
    with UnitOfWork(loaded, clock) as uow:
        match = matches.propose_by_hand(uow, REGISSEUR, "P-1", "W-2", "past precies")
    clock.advance(14)
    walk(loaded, clock, match.key, ACTORS)
    with UnitOfWork(loaded, clock) as uow:
        assert uow.persons.get("P-1").status == PersonStatus.GEHUISVEST
        assert uow.dwellings.get("W-2").status == "verhuurd"
        (placement,) = uow.placements.list()
        assert placement == Placement("P-1", "W-2", "WC-A", "GM9001", "BU90010201", None,
                                      placement.housing_form, placement.target_group,
                                      clock.today(), match.key)
        assert placement.agreement_key == ("GM9001", "WC-A", "dakloos", 2026)
        assert seen_by_corporation(uow) == []


def test_a_hand_proposal_needs_a_reason_and_a_free_dwelling(loaded, clock):
    with UnitOfWork(loaded, clock) as uow, pytest.raises(MatchRefused, match="reden"):
        matches.propose_by_hand(uow, REGISSEUR, "P-1", "W-1", "  ")
    with UnitOfWork(loaded, clock) as uow:
        matches.propose_by_hand(uow, REGISSEUR, "P-1", "W-1", "spoed")
    with UnitOfWork(loaded, clock) as uow, pytest.raises(MatchRefused, match="niet vrij"):
        matches.propose_by_hand(uow, REGISSEUR, "P-2", "W-1", "spoed")
    with UnitOfWork(loaded, clock) as uow:
        assert uow.persons.get("P-2").status == PersonStatus.UITSTROOMKLAAR
        assert uow.session.scalar(select(func.count()).select_from(t.MatchRow)) == 1


def test_withdrawing_needs_a_reason_and_changes_nothing_without_one(loaded, clock):
    with UnitOfWork(loaded, clock) as uow:
        match = matches.propose_by_hand(uow, REGISSEUR, "P-1", "W-1", "spoed")
    with UnitOfWork(loaded, clock) as uow, pytest.raises(FieldError, match="reden"):
        workflow.act(uow, REGISSEUR, match.key, MatchAction.WITHDRAW, ActionInput(reason=" "))
    with UnitOfWork(loaded, clock) as uow:
        assert uow.persons.get("P-1").status == PersonStatus.VOORGEDRAGEN
        assert uow.matches.get(match.key).live


def test_a_stale_match_loses_and_writes_nothing(loaded, clock):
    """Two writers move one match: the second one's version check fails, all rolls back."""
    with UnitOfWork(loaded, clock) as uow:
        match = matches.propose_by_hand(uow, REGISSEUR, "P-1", "W-1", "spoed")
    with UnitOfWork(loaded, clock) as first:
        stale = first.matches.get(match.key)
        first.rollback()  # end the read (SQLite lets one writer in at a time)
        with UnitOfWork(loaded, clock) as second:
            workflow.act(second, REGISSEUR, match.key, MatchAction.WITHDRAW,
                         ActionInput(reason="dubbel"))
        with pytest.raises(DomainError):
            matches.move_match(first, stale, MatchStep.CONTRACT_GETEKEND, clock.today(), "x")
        first.rollback()
    with UnitOfWork(loaded, clock) as uow:
        assert uow.persons.get("P-1").status == PersonStatus.UITSTROOMKLAAR
        assert uow.placements.list() == []
