"""Rent out of the type: the threshold-grouped network (rent-level ladders) against the pair
network and the oracle, on instances where nearly every person and dwelling has its own rent."""

from __future__ import annotations

import matching_oracle as oracle
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_matching_properties import SETTINGS, instances

from woonregie.matching import network, optimal
from woonregie.matching.classes import build_classes
from woonregie.matching.engine import solve
from woonregie.matching.explain import _counts_from_ladders, build_context
from woonregie.matching.generate import generate_instance
from woonregie.matching.instance import load_instance
from woonregie.matching.ladders import prefix_nodes
from woonregie.matching.pairs import eligible_pairs


@st.composite
def individual_rents(draw):
    """The property tests' instances with individual rents and maximum rents (many levels)."""
    inst = draw(st.booleans().flatmap(instances))
    for d in inst["dwellings"]:
        d["rent"] = draw(st.integers(400, 900))
    for c in inst["candidates"]:
        c["max_rent"] = draw(st.integers(380, 950))
    return inst


def _solve(inst, mode: str, ladders: str | None = None):
    """Solve with the network forced ("grouped" / "pairs"); `ladders`: force every ladder to a
    segment tree ("tree") or to flat links ("flat") instead of the per-ladder choice."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(optimal, "FORCE_NETWORK", mode)
        if ladders is not None:
            plan = network.plan_ladders

            def forced(*args):
                got = plan(*args)
                got.flat[:] = ladders == "flat"
                return got

            m.setattr(optimal, "plan_ladders", forced)
        result = solve(load_instance(inst))
    assert result.stats["network"] == mode
    return result


def _housed(result) -> list[str]:
    return sorted(a.candidate for a in result.assignments)


@SETTINGS
@given(individual_rents())
def test_threshold_grouped_and_pair_networks_agree(inst):
    pairs = _solve(inst, "pairs")
    grouped = [_solve(inst, "grouped", how) for how in (None, "tree", "flat")]
    greedy = sorted(oracle.greedy_set(inst))
    assert all(_housed(g) == _housed(pairs) == greedy for g in grouped)
    assert all(g.total_fit == pairs.total_fit for g in grouped)
    assert pairs.total_fit == oracle.best_fit(inst, greedy)


@SETTINGS
@given(individual_rents())
def test_explanation_counts_along_ladders_equal_the_pair_listing(inst):
    cls = build_classes(load_instance(inst))
    result_pairs, _, _ = optimal.optimal(cls)
    ctx = build_context(cls, result_pairs)
    counts = _counts_from_ladders(ctx)
    housed = {c for c, _ in result_pairs}
    groups = sorted(
        {
            (int(cls.cand_ptype[i]), int(cls.cand_region[i]))
            for i in range(len(cls.round.candidates))
            if i not in housed
        }
    )
    el = eligible_pairs(cls, groups, network.effective_caps(cls))
    total = np.bincount(el.group, weights=ctx.dc_size[el.dclass], minlength=len(groups))
    vacant = np.bincount(el.group, weights=ctx.vacant[el.dclass], minlength=len(groups))
    for g, (pt, cover) in enumerate(groups):
        assert counts["total"][pt, cover] == total[g]
        assert counts["vacant"][pt, cover] == vacant[g]


@pytest.mark.parametrize("n", range(1, 40))
def test_prefix_nodes_cover_exactly_the_prefix(n):
    def leaves(i: int) -> set[int]:
        return {i - n} if i >= n else leaves(2 * i) | leaves(2 * i + 1)

    for p in range(n + 1):
        _, nodes = prefix_nodes(np.array([n]), np.array([p]))
        got = [leaf for node in nodes.tolist() for leaf in leaves(node)]
        assert sorted(got) == list(range(p))
        assert len(nodes) <= 2 * n.bit_length()


def test_individual_rents_with_structured_areas_use_the_grouped_network():
    """Individual maximum rents, calibrated (gemeente / wijk) search areas: people who differ
    only in rent share ladders, so the grouped network is built, and it is far smaller than the
    pair listing; the housed set equals the pair network's."""
    inst = generate_instance(3_000, 600, 24, 5, True, rents="rents")
    result = solve(load_instance(inst))
    sizes = result.stats["group_arcs"]
    assert result.stats["network"] == "grouped"
    assert sizes["grouped"] * 2 < sizes["pairs"]
    assert _housed(result) == _housed(_solve(inst, "pairs"))
