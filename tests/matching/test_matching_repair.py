"""The team-cap repair (augmenting paths from the previous flow) must equal re-solving."""

from __future__ import annotations

import matching_oracle as oracle
import pytest
from hypothesis import given
from test_matching_properties import SETTINGS, instances

from woonregie.matching import phase1, repair
from woonregie.matching.engine import solve
from woonregie.matching.generate import generate_instance
from woonregie.matching.instance import load_instance


def _both(inst, monkeypatch) -> tuple[str, str]:
    round_ = load_instance(inst)
    resolved = solve(round_).dumps()
    with monkeypatch.context() as m:
        m.setattr(phase1, "_REPAIR_MIN_ARCS", 0)
        repaired = solve(round_).dumps()
    return resolved, repaired


@SETTINGS
@given(instances(team_caps=True))
def test_repair_is_greedy_in_rank_and_equals_resolving(inst):
    with pytest.MonkeyPatch.context() as monkeypatch:
        resolved, repaired = _both(inst, monkeypatch)
        monkeypatch.setattr(phase1, "_REPAIR_MIN_ARCS", 0)
        result = solve(load_instance(inst))
    assert repaired == resolved
    assert sorted(a.candidate for a in result.assignments) == sorted(oracle.greedy_set(inst))


@pytest.mark.parametrize("people,seed", [(5_000, 1), (1_200, 2)])
def test_repair_equals_resolving_on_generated_rounds(people, seed, monkeypatch):
    inst = generate_instance(people, 1_000, 60, seed, True)
    resolved, repaired = _both(inst, monkeypatch)
    assert repaired == resolved


def test_repair_falls_back_to_a_solve_when_paths_get_expensive(monkeypatch):
    inst = generate_instance(5_000, 1_000, 60, 1, True)
    resolved, _ = _both(inst, monkeypatch)
    monkeypatch.setattr(phase1, "_REPAIR_MIN_ARCS", 0)
    monkeypatch.setattr(repair, "_MAX_REFRESHES", 0)
    assert solve(load_instance(inst)).dumps() == resolved
