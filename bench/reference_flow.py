"""Reference for the benchmark: one plain min-cost flow over explicitly listed eligible pairs.

No equivalence classes: every eligible (person, dwelling) pair is an arc. Pairs are listed with
numpy per group of people with identical attributes (a Python double loop would take hours at
national size, which would not be a fair reference). Caps are modelled as in the engine (team
node before the person, complex and area chain after the dwelling); person arcs carry
rank-following weights, so without team caps this yields the same number housed as the engine.
"""

from __future__ import annotations

import numpy as np
from ortools.graph.python import min_cost_flow

from woonregie.matching.classes import rank_order
from woonregie.matching.instance import Round
from woonregie.matching.tree import build_tree


def _dwelling_arrays(round_: Round, tree):
    dws = round_.dwellings
    feats = sorted(
        {f for d in dws for f in d.features} | {n for c in round_.candidates for n in c.needs}
    )
    bit = {f: 1 << i for i, f in enumerate(feats)}
    return {
        "rent": np.array([d.rent for d in dws]),
        "min": np.array([d.min_household for d in dws]),
        "max": np.array([d.max_household for d in dws]),
        "feat": np.array([sum(bit[f] for f in set(d.features)) for d in dws], dtype=np.int64),
        "form": np.array([d.housing_form for d in dws]),
        "area": np.array([tree.index[d.area] for d in dws]),
    }, bit


def _eligible(round_, tree, arrays, bit, c) -> np.ndarray:
    ok = (arrays["rent"] <= c.max_rent) & (arrays["min"] <= c.household_size)
    ok &= arrays["max"] >= c.household_size
    need = sum(bit[n] for n in set(c.needs))
    ok &= (arrays["feat"] & need) == need
    if c.housing_forms:
        ok &= np.isin(arrays["form"], list(c.housing_forms))
    for names in (c.areas, c.support_areas):
        if names:
            cover = tree.cover_of(names)
            inside = np.array([tree.covers(cover, a) for a in range(len(tree.ids))])
            ok &= inside[arrays["area"]]
    return np.flatnonzero(ok)


def reference_solve(round_: Round) -> int:
    """Housed count of the plain pair-level max-flow-min-cost."""
    tree = build_tree(round_)
    arrays, bit = _dwelling_arrays(round_, tree)
    n, m = len(round_.candidates), len(round_.dwellings)
    order = rank_order(round_.candidates)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(round_.candidates):
        key = (c.max_rent, c.household_size, c.needs, c.housing_forms, c.areas, c.support_areas)
        groups.setdefault(key, []).append(i)
    person0, dwell0 = 2, 2 + n
    tails, heads = [], []
    for members in groups.values():
        elig = _eligible(round_, tree, arrays, bit, round_.candidates[members[0]])
        if elig.size:
            tails.append(np.repeat(np.asarray(members, dtype=np.int32) + person0, elig.size))
            heads.append(np.tile(elig.astype(np.int32) + dwell0, len(members)))
    smcf = min_cost_flow.SimpleMinCostFlow()
    if tails:
        t, h = np.concatenate(tails), np.concatenate(heads)
        smcf.add_arcs_with_capacity_and_unit_cost(
            t, h, np.ones(t.size, dtype=np.int64), np.zeros(t.size, dtype=np.int64)
        )
        del t, h, tails, heads
    _add_caps(smcf, round_, tree, rank, n, m, person0, dwell0)
    smcf.set_node_supply(0, n)
    smcf.set_node_supply(1, -n)
    smcf.add_arc_with_capacity_and_unit_cost(0, 1, n, 0)
    smcf.solve()
    return int(n - smcf.flow(smcf.num_arcs() - 1))


def _add_caps(smcf, round_, tree, rank, n, m, person0, dwell0) -> None:
    next_node = dwell0 + m
    area_node = {}
    for a in range(len(tree.ids)):
        area_node[a] = next_node
        next_node += 1
    for a, parent in enumerate(tree.parent):
        cap = tree.cap[a] if tree.cap[a] is not None else m
        smcf.add_arc_with_capacity_and_unit_cost(
            area_node[a], area_node[parent] if parent >= 0 else 1, cap, 0
        )
    cx_node = {}
    for j, d in enumerate(round_.dwellings):
        head = area_node[tree.index[d.area]]
        if d.complex in round_.complex_caps:
            if d.complex not in cx_node:
                cx_node[d.complex] = next_node
                smcf.add_arc_with_capacity_and_unit_cost(
                    next_node, head, round_.complex_caps[d.complex], 0
                )
                next_node += 1
            head = cx_node[d.complex]
        smcf.add_arc_with_capacity_and_unit_cost(dwell0 + j, head, 1, 0)
    team_node = {}
    for i, c in enumerate(round_.candidates):
        tail = 0
        cap = round_.team_caps.get(c.support_team) if c.support_team else None
        if cap is not None:
            if c.support_team not in team_node:
                team_node[c.support_team] = next_node
                smcf.add_arc_with_capacity_and_unit_cost(0, next_node, cap, 0)
                next_node += 1
            tail = team_node[c.support_team]
        smcf.add_arc_with_capacity_and_unit_cost(tail, person0 + i, 1, -(n - int(rank[i])))


def main() -> None:
    """Whole-process reference: `python bench/reference_flow.py FILE` prints the housed count.

    Loads the file as the engine's command does (JSON, then the Round with integrity checks; no
    schema pass, which favours the reference), so the benchmark compares whole processes.
    """
    import json
    import sys
    from pathlib import Path

    from woonregie.matching.instance import load_instance

    round_ = load_instance(json.loads(Path(sys.argv[1]).read_text()), validate=False)
    print(reference_solve(round_))


if __name__ == "__main__":
    main()
