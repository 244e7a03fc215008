"""Augmenting paths from the previous flow (`repair.extend`, `repair.repair`) must give exactly
what a full solve gives: the prefix's rest added on top of its greedy set, and the team-cap
rounds recomputed after drops."""

from __future__ import annotations

import json

import matching_oracle as oracle
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_matching_properties import SETTINGS, instances

from woonregie.matching import optimal, phase1, repair
from woonregie.matching.engine import solve
from woonregie.matching.generate import generate_instance
from woonregie.matching.instance import load_instance

ALWAYS, NEVER = 10**9, 0


def _run(inst, paths: int, prefix: int | None = None, network: str | None = None) -> str:
    """The round's JSON with augmenting paths tried, and given up for a full solve after the
    batch that found more than `paths` newcomers (NEVER: every round and every prefix rest is a
    full solve; ALWAYS: paths whenever they are possible)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(repair.Budget, "may_try", lambda self: paths > 0)
        m.setattr(repair.Budget, "exhausted", lambda self, *spent: False)
        m.setattr(repair, "GIVE_UP_AFTER", paths)
        if prefix is not None:
            m.setattr(phase1, "_PREFIX_MIN", prefix)
            m.setattr(phase1, "_PREFIX_FACTOR", 0)
        if network is not None:
            m.setattr(optimal, "FORCE_NETWORK", network)
        return solve(load_instance(inst)).dumps()


def _housed(text: str) -> list[str]:
    return sorted(a["candidate"] for a in json.loads(text)["assignments"])


@SETTINGS
@given(
    instances(team_caps=True),
    st.sampled_from([0, 1, 3]),
    st.sampled_from(["grouped", "pairs"]),
)
def test_paths_equal_full_solves_and_stay_greedy_in_rank(inst, prefix, network):
    solved = _run(inst, NEVER, prefix, network)
    extended = _run(inst, ALWAYS, prefix, network)
    assert extended == solved
    assert _housed(extended) == sorted(oracle.greedy_set(inst))


@SETTINGS
@given(instances(team_caps=True), st.sampled_from([1, 2]))
def test_stopping_after_a_few_newcomers_falls_back_to_the_same_set(inst, limit):
    assert _run(inst, limit, prefix=1) == _run(inst, NEVER, prefix=1)


@pytest.mark.parametrize(
    "people,seed,rents", [(5_000, 1, "limits"), (1_200, 2, "limits"), (3_000, 4, "individual")]
)
def test_paths_equal_full_solves_on_generated_rounds(people, seed, rents):
    inst = generate_instance(people, 1_000, 60, seed, True, rents=rents)
    assert _run(inst, ALWAYS, prefix=500) == _run(inst, NEVER, prefix=500)


def test_the_budget_weighs_path_searches_against_a_solve():
    budget = repair.Budget()
    assert not budget.may_try()  # nothing timed yet: no paths
    budget.solve_cpu = 1.0
    budget.guess_from_bfs(0.01)
    assert budget.may_try() and not budget.exhausted(0.4) and budget.exhausted(0.6)
    assert not budget.exhausted(0.6, 800, 1_000)  # a repair on pace to finish within a solve
    assert budget.exhausted(0.3, 100, 1_000)  # a tenth found at a pace of 2.9 s for all
    assert not budget.exhausted(0.3, 50, 1_000)  # too few found to judge the pace
    assert budget.exhausted(1.1, 900, 1_000)  # never more than a solve
    budget.guess_from_bfs(0.7)  # a guess never overrides a measurement
    assert budget.setup_cpu == 0.01
    budget.setup_cpu = 0.5  # on a small round the set-up alone costs half a solve
    assert not budget.may_try()


def _without_guess(inst) -> str:
    with pytest.MonkeyPatch.context() as m:
        m.setattr(phase1, "_beyond_likely_cap", lambda cls, active: active & False)
        return solve(load_instance(inst)).dumps()


@SETTINGS
@given(instances(team_caps=True), st.sampled_from([-1.0, -0.5, 0.0, phase1._CAP_SLACK]))
def test_leaving_out_a_teams_likely_overflow_changes_nothing(inst, slack):
    """Confirmed or not (then phase 1 runs without it), the guess gives the same round."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(phase1, "_CAP_SLACK", slack)
        guessed = solve(load_instance(inst)).dumps()
    assert guessed == _without_guess(inst)
    assert _housed(guessed) == sorted(oracle.greedy_set(inst))


def _tries(inst, slack: float, short_first: bool = False) -> tuple[list[int], str]:
    """Guessed people per phase-1 try (0: a try without guess), and the round's JSON.
    `short_first`: the first try reports team 0 short as well (as if it had not filled)."""
    tries: list[int] = []
    fixed_point, short_teams = phase1._fixed_point, phase1._short_teams

    def spy(*args):
        tries.append(int(args[5].sum()) if len(args) > 5 else 0)
        return fixed_point(*args)

    def short(cls, accepted, guessed):
        got = short_teams(cls, accepted, guessed)
        return np.union1d(got, [0]) if short_first and len(tries) == 1 else got

    with pytest.MonkeyPatch.context() as m:
        m.setattr(phase1, "_CAP_SLACK", slack)
        m.setattr(phase1, "_fixed_point", spy)
        m.setattr(phase1, "_short_teams", short)
        return tries, solve(load_instance(inst)).dumps()


def test_a_confirmed_guess_runs_phase_1_once():
    inst = generate_instance(3_000, 1_000, 60, 4, True, rents="individual")
    tries, guessed = _tries(inst, phase1._CAP_SLACK)
    assert len(tries) == 1 and tries[0] > 0
    assert guessed == _without_guess(inst)


def test_a_wrong_guess_costs_a_try_and_nothing_else():
    inst = generate_instance(3_000, 1_000, 60, 4, True, rents="individual")
    tries, guessed = _tries(inst, -1.0)  # every team keeps one member: none fills
    assert len(tries) == 2 and tries[0] > 0 and tries[1] == 0
    assert guessed == _without_guess(inst)


def test_a_team_left_short_is_not_guessed_again():
    inst = generate_instance(3_000, 1_000, 60, 4, True, rents="individual")
    tries, guessed = _tries(inst, phase1._CAP_SLACK, short_first=True)
    assert len(tries) == 2 and tries[0] > tries[1] > 0
    assert guessed == _without_guess(inst)
