"""The three-party workflow's use case (services/workflow.act): every action at every step,
legal or not; the order of refusals (403, 404, 409, 422); what a step records; the consent the
support plan brings; and what the corporation never sees."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from tests.web_support import seed
from tests.workflow_fixtures import ON, fresh_match
from tests.workflow_support import input_for
from woonregie.domain.clock import FakeClock
from woonregie.domain.match import ALLOWED, EFFECTS, LIVE, MatchStep
from woonregie.domain.status import PersonStatus
from woonregie.domain.workflow import ACTIONS, MatchAction, Party
from woonregie.services import match_views, workflow
from woonregie.services.access import Forbidden, NotFound
from woonregie.services.accounts import principal_of
from woonregie.services.persons import FieldError
from woonregie.services.workflow import ActionInput, StepConflict
from woonregie.store import tables as t
from woonregie.store.security import ConsentRepository, UserRepository
from woonregie.store.unit_of_work import UnitOfWork

A, M = MatchAction, MatchStep
PARTY_USER = {Party.ZORGAANBIEDER: "trajectbegeleider-own",
              Party.CORPORATIE: "verhuurmakelaar-own", Party.GEMEENTE: "regisseur-own"}


def who(uow, name):
    return principal_of(uow, UserRepository(uow.session).by_username(name))


@pytest.fixture
def clock():
    return FakeClock.on(ON)


@pytest.fixture
def seeded(engine):
    seed(engine)
    return engine


def act(engine, clock, key, action, user=None, given=None):
    with UnitOfWork(engine, clock) as uow:
        principal = who(uow, user or PARTY_USER[ACTIONS[action].party])
        return workflow.act(uow, principal, key, action,
                            given or input_for(action, clock.today()))


def state(engine, key):
    with UnitOfWork(engine) as uow:
        match = uow.matches.get(key)
        return (match, uow.persons.get(match.person).status,
                uow.dwellings.get(match.dwelling).status)


def test_every_action_at_every_live_step_moves_or_is_a_dutch_409(seeded, clock):
    for step, action in itertools.product(
            [M.VOORGESTELD, M.BEGELEIDING_BEVESTIGD, M.AANGEBODEN, M.BEZICHTIGD,
             M.GEACCEPTEERD], MatchAction):
        key = fresh_match(seeded, step)
        target = ACTIONS[action].target
        if step == M.VOORGESTELD and ACTIONS[action].party is Party.CORPORATIE:
            # before the support plan the corporation is not a party yet: 404, not 409
            with pytest.raises(NotFound):
                act(seeded, clock, key, action)
        elif target in ALLOWED[step]:
            act(seeded, clock, key, action)
            match, person, dwelling = state(seeded, key)
            assert match.step == target, (step, action)
            assert match.history[-1].on == ON and match.history[-1].by == PARTY_USER[
                ACTIONS[action].party]
            expected = EFFECTS.get(target, (PersonStatus.VOORGEDRAGEN, "voorgedragen"))
            assert (person, dwelling) == expected, (step, action)
            assert match.live == (target in LIVE)
        else:
            with pytest.raises(StepConflict, match=f"staat op stap «{step.label}»"):
                act(seeded, clock, key, action)
            assert state(seeded, key)[0].step == step, (step, action)


def test_ended_matches_take_no_action(seeded, clock):
    for end, how in ((M.GEWEIGERD, A.DECLINE), (M.AFGEWEZEN_DOOR_CORPORATIE, A.REFUSE),
                     (M.INGETROKKEN, A.WITHDRAW), (M.CONTRACT_GETEKEND, A.SIGN)):
        start = M.GEACCEPTEERD if end == M.CONTRACT_GETEKEND else M.AANGEBODEN
        key = fresh_match(seeded, start)
        act(seeded, clock, key, how)
        for action in MatchAction:
            with pytest.raises(StepConflict, match=f"«{end.label}»"):
                act(seeded, clock, key, action)


def test_refusals_come_in_order_role_party_step_input(seeded, clock):
    key = fresh_match(seeded, M.AANGEBODEN)
    # 403: an auditor, or a caseworker making the corporation's offer, whatever the match
    with pytest.raises(Forbidden):
        act(seeded, clock, "M-NOPE", A.OFFER, "auditor-own")
    with pytest.raises(Forbidden):
        act(seeded, clock, key, A.OFFER, "trajectbegeleider-own")
    # 404: the other corporation, at a step that would not allow it either
    with pytest.raises(NotFound):
        act(seeded, clock, key, A.SIGN, "verhuurmakelaar-other")
    with pytest.raises(NotFound):
        act(seeded, clock, key, A.WITHDRAW, "regisseur-other", ActionInput())
    # 409 before 422: signing now is the wrong step, even with nothing filled in
    with pytest.raises(StepConflict):
        act(seeded, clock, key, A.SIGN, given=ActionInput())
    # 422: the right step, a missing field
    with pytest.raises(FieldError, match="reason_code"):
        act(seeded, clock, key, A.DECLINE, given=ActionInput())
    with pytest.raises(FieldError, match="reason_code"):  # a corporation's reason
        act(seeded, clock, key, A.DECLINE, given=ActionInput(reason_code="huurverleden"))
    assert state(seeded, key)[0].step == M.AANGEBODEN


def test_the_support_plan_and_offer_are_recorded_and_the_consent_with_them(seeded, clock):
    key = fresh_match(seeded, M.VOORGESTELD)
    with pytest.raises(FieldError, match="consent"):
        act(seeded, clock, key, A.CONFIRM_SUPPORT,
            given=ActionInput(support_start=ON, contact="J. Jansen"))
    with pytest.raises(FieldError, match="support_start"):
        act(seeded, clock, key, A.CONFIRM_SUPPORT, given=ActionInput(contact="J. Jansen"))
    act(seeded, clock, key, A.CONFIRM_SUPPORT,
        given=ActionInput(intensity="intensief", support_start=ON, contact="J. Jansen",
                          consent=True))
    with pytest.raises(FieldError, match="viewing_date"):
        act(seeded, clock, key, A.OFFER, given=ActionInput(rent=500, start=ON))
    act(seeded, clock, key, A.OFFER,
        given=ActionInput(viewing_date=ON, rent=512.5, start=ON))
    match, *_ = state(seeded, key)
    assert match.details_of(M.BEGELEIDING_BEVESTIGD) == {
        "intensity": "intensief", "team": "", "support_start": ON.isoformat(),
        "contact": "J. Jansen"}
    assert match.details_of(M.AANGEBODEN)["rent"] == "512.50"
    with UnitOfWork(seeded) as uow:
        assert ConsentRepository(uow.session).has_basis(match.person, "bemiddeling", "WC-A", ON)
        audit = [(r.action, r.entity_key) for r in uow.session.scalars(select(t.AuditRow))]
    assert ("consent", match.person) in audit and ("step", key) in audit


def test_the_corporation_sees_no_care_details_of_the_plan(seeded, clock):
    key = fresh_match(seeded, M.VOORGESTELD)
    act(seeded, clock, key, A.CONFIRM_SUPPORT,
        given=ActionInput(intensity="intensief", team="T-A1", support_start=ON,
                          contact="J. Jansen", consent=True))
    views = {}
    for user in ("trajectbegeleider-own", "verhuurmakelaar-own", "regisseur-own"):
        with UnitOfWork(seeded, clock) as uow:
            views[user] = match_views.get_match(uow, who(uow, user), key)
    plan = {tr.target: tr.details for tr in views["trajectbegeleider-own"].history}
    assert plan["begeleiding_bevestigd"]["intensity"] == "intensief"
    for user in ("verhuurmakelaar-own", "regisseur-own"):
        details = {tr.target: tr.details for tr in views[user].history}["begeleiding_bevestigd"]
        assert "intensity" not in details and "team" not in details
        assert details["contact"] == "J. Jansen"
    assert views["verhuurmakelaar-own"].actions == (A.OFFER, A.REFUSE)
    assert views["trajectbegeleider-own"].actions == (A.DECLINE,)
    assert views["trajectbegeleider-own"].waiting_for is Party.CORPORATIE
