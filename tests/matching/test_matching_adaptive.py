"""The adaptive network and "solve less": same housed set and optimal total fit in every mode.

Forced pair-level vs forced grouped network, with a tiny rank prefix in phase 1 (so the
unreachability proof and the second solve run on small instances too) and against a full phase-2
solve over every arc (so leaving unhoused groups out of phase 2 keeps the total fit optimal).
"""

from __future__ import annotations

import matching_oracle as oracle
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_matching_properties import SETTINGS, instances

from woonregie.matching import flow, optimal, phase1, phase2
from woonregie.matching.engine import solve
from woonregie.matching.generate import generate_instance
from woonregie.matching.instance import load_instance


def _solve(inst, mode: str, prefix: int | None = None, full_phase2: bool = False):
    with pytest.MonkeyPatch.context() as m:
        m.setattr(optimal, "FORCE_NETWORK", mode)
        if prefix is not None:
            m.setattr(phase1, "_PREFIX_MIN", prefix)
            m.setattr(phase1, "_PREFIX_FACTOR", 0)
        if full_phase2:
            m.setattr(phase2, "arcs_of", lambda net, limit, w: np.arange(limit))
        result = solve(load_instance(inst))
    assert result.stats["network"] == mode
    return result


def _housed(result) -> list[str]:
    return sorted(a.candidate for a in result.assignments)


@SETTINGS
@given(st.booleans().flatmap(instances), st.sampled_from([0, 1, 2, 5]))
def test_pairs_and_grouped_networks_agree_and_stay_greedy_and_optimal(inst, prefix):
    grouped = _solve(inst, "grouped")
    pairs = _solve(inst, "pairs", prefix=prefix)
    grouped_prefix = _solve(inst, "grouped", prefix=prefix)
    full = _solve(inst, "grouped", full_phase2=True)
    greedy = sorted(oracle.greedy_set(inst))
    assert _housed(grouped) == _housed(pairs) == _housed(grouped_prefix) == greedy
    assert grouped.total_fit == pairs.total_fit == grouped_prefix.total_fit == full.total_fit
    assert pairs.total_fit == oracle.best_fit(inst, greedy)


@pytest.mark.parametrize("rents", ["limits", "individual"])
def test_modes_agree_on_generated_rounds(rents):
    inst = generate_instance(1_500, 400, 24, 3, True, rents=rents)
    grouped, pairs = _solve(inst, "grouped"), _solve(inst, "pairs")
    assert _housed(grouped) == _housed(pairs)
    assert grouped.total_fit == pairs.total_fit
    assert [u.candidate for u in grouped.unassigned] == [u.candidate for u in pairs.unassigned]


def test_adaptive_choice_is_recorded():
    limits = solve(load_instance(generate_instance(600, 200, 12, 1, True)))
    individual = solve(load_instance(generate_instance(600, 200, 12, 1, True, rents="individual")))
    for result in (limits, individual):  # the network the solver should finish first is built
        sizes = result.stats["group_arcs"]
        cheaper = sizes["pairs_cost"] * optimal.PAIR_ARC_FACTOR < sizes["grouped_cost"]
        assert result.stats["network"] == ("pairs" if cheaper else "grouped")
    assert "stats" not in limits.to_json()


def test_arcs_of_leaves_out_only_other_groups_arcs():
    from woonregie.matching.classes import build_classes
    from woonregie.matching.network import build_network

    cls = build_classes(load_instance(generate_instance(300, 100, 8, 2, True)))
    groups = set(zip(cls.cand_ptype.tolist(), cls.cand_region.tolist(), strict=True))
    net = build_network(cls, groups)
    some = np.array(sorted(net.w_index.values())[:3])
    kept = flow.arcs_of(net, net.tails.size, some)
    dropped = np.setdiff1d(np.arange(net.tails.size), kept)
    assert dropped.size and np.all(net.tail_w[dropped] >= 0)
    assert not np.isin(net.tail_w[dropped], some).any()
