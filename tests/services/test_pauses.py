"""Declines as data (issue 9, part 2): a decline parks the person for the reason's pause and
lets the urgency lapse as the region configured it; person and dwelling return to the pool;
rounds skip a parked person with an explanation; the regisseur approves a lapse or lifts a
pause. On a fake clock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.services.match_region import ACTORS, REGISSEUR, START, clock, loaded
from tests.workflow_support import take, walk
from woonregie.domain.match import MatchConflict, MatchStep
from woonregie.domain.status import PersonStatus
from woonregie.domain.workflow import Decliner, DeclineReason, MatchAction
from woonregie.services import matches, pauses, workflow_config
from woonregie.services import matching_rounds as mr
from woonregie.services.workflow import ActionInput
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import PauseRepository

__all__ = ["clock", "loaded"]


@pytest.fixture(autouse=True)
def _p1_urgent_by_law(loaded, clock) -> None:
    """P-1 has a legal urgency here: a decline may let it lapse."""
    with UnitOfWork(loaded, clock) as uow:
        urgent = uow.persons.get("P-1")
        urgent.legal_urgency = True
        uow.persons.save(urgent)
        uow.commit()


def _urgent(engine, key="P-1") -> bool:
    with UnitOfWork(engine) as uow:
        return uow.persons.get(key).legal_urgency


def _decline(engine, clock, code: str, person="P-1", dwelling="W-1") -> str:
    with UnitOfWork(engine, clock) as uow:
        match = matches.propose_by_hand(uow, REGISSEUR, person, dwelling, "spoed")
    walk(engine, clock, match.key, ACTORS, MatchStep.AANGEBODEN)
    take(engine, clock, match.key, MatchAction.DECLINE, ACTORS, ActionInput(reason_code=code))
    return match.key


def _round(engine, clock):
    with UnitOfWork(engine, clock) as uow:
        return mr.run_round(uow, today=clock.today(), actor=REGISSEUR, dry_run=True)


def test_a_decline_parks_the_person_and_the_lapse_waits_for_the_regisseur(loaded, clock):
    key = _decline(loaded, clock, "weigert_zonder_reden")  # 90 days, lapse after approval
    until = START + timedelta(days=90)
    with UnitOfWork(loaded, clock) as uow:
        assert uow.persons.get("P-1").status == PersonStatus.UITSTROOMKLAAR
        assert uow.dwellings.get("W-1").status == "vrij"  # back in the pool
        match = uow.matches.get(key)
        assert match.step == MatchStep.GEWEIGERD
        assert match.details_of(MatchStep.GEWEIGERD)["reason_code"] == "weigert_zonder_reden"
        assert match.history[-1].reason == "Persoon weigert zonder reden"
        assert PauseRepository(uow.session).parked(["P-1"], clock.today()) == {"P-1": until}
    assert _urgent(loaded)  # not before the regisseur approves
    outcome = _round(loaded, clock)
    parked = [u for u in outcome.unassigned if u.candidate == "P-1"]
    assert parked and parked[0].codes == ("geparkeerd",)
    assert f"Geparkeerd tot {until:%d-%m-%Y}" in parked[0].reasons[0]
    assert "P-1" not in {a.candidate for a in outcome.result.assignments}
    with UnitOfWork(loaded, clock) as uow, pytest.raises(MatchConflict, match="geparkeerd"):
        matches.propose_by_hand(uow, REGISSEUR, "P-1", "W-2", "toch")
    with UnitOfWork(loaded, clock) as uow:
        (pause,) = pauses.open_pauses(uow, REGISSEUR)
    assert pause.lapse == "te_beoordelen" and pause.parked
    with UnitOfWork(loaded, clock) as uow:
        pauses.decide_lapse(uow, REGISSEUR, pause.id, approve=True)
    assert not _urgent(loaded)
    clock.advance(1)
    with UnitOfWork(loaded, clock) as uow:
        pauses.lift(uow, REGISSEUR, pause.id, "persoon wil toch verhuizen")
    assert "P-1" in {a.candidate for a in _round(loaded, clock).result.assignments}


def test_the_pause_ends_by_itself_and_a_configured_lapse_needs_no_approval(loaded, clock):
    with UnitOfWork(loaded, clock) as uow:
        workflow_config.save_reason(uow, REGISSEUR, DeclineReason(
            "tweede_weigering", "Tweede weigering zonder geldige reden", Decliner.PERSOON, 30,
            urgency_lapses=True))
    _decline(loaded, clock, "tweede_weigering")
    assert not _urgent(loaded)  # lapsed at once: the region's rule, no approval
    clock.advance(29)  # parked until day 30: from that day on the person takes part again
    assert "P-1" in {u.candidate for u in _round(loaded, clock).unassigned
                     if u.codes == ("geparkeerd",)}
    clock.advance(1)
    assert "P-1" not in {u.candidate for u in _round(loaded, clock).unassigned
                         if u.codes == ("geparkeerd",)}


def test_a_decline_without_pause_returns_the_person_at_once(loaded, clock):
    _decline(loaded, clock, "huur_te_hoog")
    with UnitOfWork(loaded, clock) as uow:
        assert PauseRepository(uow.session).parked(["P-1"], clock.today()) == {}
        assert pauses.open_pauses(uow, REGISSEUR) == []
    assert _urgent(loaded)
    assert "P-1" in {a.candidate for a in _round(loaded, clock).result.assignments}


def test_the_corporation_refuses_with_its_own_reasons(loaded, clock):
    with UnitOfWork(loaded, clock) as uow:
        match = matches.propose_by_hand(uow, REGISSEUR, "P-2", "W-2", "spoed")
    walk(loaded, clock, match.key, ACTORS, MatchStep.BEGELEIDING_BEVESTIGD)
    take(loaded, clock, match.key, MatchAction.REFUSE, ACTORS,
         ActionInput(reason_code="huurverleden", reason="achterstand bij vorige verhuurder"))
    with UnitOfWork(loaded, clock) as uow:
        done = uow.matches.get(match.key)
        assert done.step == MatchStep.AFGEWEZEN_DOOR_CORPORATIE
        assert done.history[-1].reason == ("Corporatie: huurverleden: achterstand bij vorige "
                                           "verhuurder")
        assert PauseRepository(uow.session).parked(["P-2"], clock.today()) == {
            "P-2": START + timedelta(days=30)}
