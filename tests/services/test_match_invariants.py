"""Stateful invariants of matches (Hypothesis RuleBasedStateMachine), on SQLite and PostgreSQL.

Random sequences of rounds, hand proposals, every workflow action by its party (legal at the
step or not), relapses and moves back to uitstroomklaar; after every step, straight from the
database:

- no dwelling is held by two live matches, and no person either;
- a `voorgedragen` person has exactly one live match, and so does a `voorgedragen` dwelling,
  and every live match's person and dwelling are `voorgedragen`;
- the corporation sees exactly the people of live matches on its dwellings from the confirmed
  support plan on: a withdrawn or ended match leaves nobody visible;
- every `gehuisvest` person has a placement that started on the day of that move.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select

from tests.conftest import _truncate
from tests.services.match_region import (
    CASEWORKER,
    CORPORATION,
    DWELLINGS,
    PERSONS,
    REGISSEUR,
    START,
    load,
)
from tests.workflow_support import actors_for, input_for
from woonregie.domain.clock import FakeClock
from woonregie.domain.errors import DomainError
from woonregie.domain.match import SHARED_WITH_CORPORATION
from woonregie.domain.status import PersonStatus
from woonregie.domain.workflow import ACTIONS, MatchAction
from woonregie.services import matches, persons, workflow
from woonregie.services import matching_rounds as mr
from woonregie.services.access import Action, visible_keys_query
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

S = PersonStatus
ACTORS = actors_for("ZA-A", CORPORATION, REGISSEUR)
person_keys = st.sampled_from(PERSONS)


def machine_for(engine):
    class Matches(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            _truncate(engine)
            self.clock = FakeClock.on(START)
            with self.uow() as uow:
                load(uow)
                uow.commit()

        def uow(self) -> UnitOfWork:
            return UnitOfWork(engine, self.clock)

        def attempt(self, use_case, *args, **kwargs) -> None:
            """Run one use case; a refused move (a domain rule) must leave no trace."""
            self.clock.advance(1)
            with self.uow() as uow, contextlib.suppress(DomainError):
                use_case(uow, *args, **kwargs)

        def live_key(self, person: str) -> str | None:
            with self.uow() as uow:
                live = uow.matches.live_for_person(person)
                return live.key if live else None

        @rule()
        def round(self) -> None:
            self.attempt(lambda uow: mr.run_round(uow, today=self.clock.today(),
                                                  actor=REGISSEUR))

        @rule(person=person_keys, dwelling=st.sampled_from(DWELLINGS))
        def propose_by_hand(self, person: str, dwelling: str) -> None:
            self.attempt(matches.propose_by_hand, REGISSEUR, person, dwelling, "met de hand")

        @rule(person=person_keys, action=st.sampled_from(list(MatchAction)))
        def a_party_acts(self, person: str, action: MatchAction) -> None:
            """Any workflow action by its own party, legal at the step or not."""
            key = self.live_key(person)
            if key:
                self.attempt(workflow.act, ACTORS[ACTIONS[action].party], key, action,
                             input_for(action, self.clock.today() + timedelta(days=1)))

        @rule(person=person_keys, status=st.sampled_from(
            [S.TERUGGEVALLEN, S.UITSTROOMKLAAR, S.IN_VOORBEREIDING, S.UITGESCHREVEN]))
        def caseworker_moves(self, person: str, status: PersonStatus) -> None:
            self.attempt(persons.change_status, CASEWORKER, person, status, "begeleiding")

        @invariant()
        def statuses_and_matches_agree(self) -> None:
            with self.uow() as uow:
                live = uow.matches.find(live=True)
                by_dwelling = Counter(m.dwelling for m in live)
                by_person = Counter(m.person for m in live)
                assert max(by_dwelling.values(), default=0) <= 1
                assert max(by_person.values(), default=0) <= 1
                proposed = {p.key for p in uow.persons.find(status=S.VOORGEDRAGEN)}
                offered = {d.code for d in uow.dwellings.find(status="voorgedragen")}
                assert proposed == set(by_person)
                assert offered == set(by_dwelling)
                seen = set(uow.session.scalars(
                    visible_keys_query(CORPORATION, Action.PERSON_LIST, self.clock.today())))
                assert seen == {m.person for m in live if m.step in SHARED_WITH_CORPORATION}

        @invariant()
        def housed_people_have_their_placement(self) -> None:
            with self.uow() as uow:
                starts = set(uow.session.execute(
                    select(t.PlacementRow.person, t.PlacementRow.start_date)))
                for p in uow.persons.find(status=S.GEHUISVEST):
                    assert (p.key, p.history[-1].on) in starts

    return Matches


def test_matches_keep_person_dwelling_and_visibility_in_step(engine):
    machine = machine_for(engine)
    machine.TestCase.settings = settings(
        max_examples=12, stateful_step_count=12, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    run_state_machine_as_test(machine, settings=machine.TestCase.settings)
