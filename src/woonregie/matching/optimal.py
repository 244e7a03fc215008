"""The `optimal` policy: the priority-maximal set by greedy-in-rank, then the best total fit.

Phase 1 (`phase1.py`, with `repair.py` for team-cap rounds) decides who is housed; phase 2
(`phase2.py`) decides who gets which dwelling among allocations of exactly that set.

Why OR-Tools SimpleMinCostFlow: it solves both phases (max-flow-with-min-cost, then
min-cost-with-supplies) on integer costs in C++ with a vectorised Python API. SciPy's
`maximum_flow` has no costs and `linear_sum_assignment` needs the dense people x dwellings
matrix this engine avoids; networkx is pure Python and far too slow at national size.
"""

from __future__ import annotations

from woonregie.matching.classes import Classes, cover_nodes, group_arrays, type_arrays
from woonregie.matching.ladders import Ladders, build_ladders, person_bases, ukeys
from woonregie.matching.network import (
    NODE_COST,
    LadderPlan,
    build_network,
    group_ladder_pairs,
    plan_ladders,
)
from woonregie.matching.pairs import build_pair_network
from woonregie.matching.phase1 import phase1
from woonregie.matching.phase2 import phase2
from woonregie.matching.repair import release_residual


def optimal(cls: Classes, explain: bool = True):
    """(candidate, dwelling) pairs; for the explanations the (ptype, cover) groups that could
    take one more person on the dwelling side and the people a free team slot would house
    (both empty with `explain=False`); and the network used (grouped or pair-level, see
    `choose_network`)."""
    groups = set(zip(cls.cand_ptype.tolist(), cls.cand_region.tolist(), strict=True))
    prefs = {
        (p, r)
        for p, r in zip(cls.cand_ptype.tolist(), cls.cand_pref.tolist(), strict=True)
        if r >= 0
    }
    kind, ladders, plan, sizes = choose_network(cls, sorted(groups | prefs))  # sorted once
    cls.__dict__["_ladders"] = ladders  # the explanations count along the same ladders
    cls.__dict__["_network_sizes"] = sizes
    if kind == "pairs":
        net = build_pair_network(cls, groups, prefs)
    else:
        net = build_network(cls, groups, prefs, ladders, plan)
    p1 = phase1(cls, net, explain)
    aug = None
    if p1.sink_reach is not None:  # a full team: could its people's groups take one more?
        aug = {g for g, node in net.w_index.items() if p1.sink_reach[node]}
    release_residual(net)  # phase 2 builds the round's biggest solver: not beside this
    pairs = phase2(cls, net, p1.housed)
    return pairs, (aug or set(), set(p1.team_cost.tolist())), net


# The adaptive choice: both networks' sizes are known exactly before either is built (from the
# rent-level ladders and their plan); the one the flow solver should finish first is built: the
# cost is arcs + NODE_COST x nodes (nodes the two networks do not share: the grouped network's
# U, shared V and ladder-tree nodes; the pair network's dwelling-class nodes).
PAIR_ARC_FACTOR = 1.0  # pairs are built when their cost x this factor is lower
FORCE_NETWORK: str | None = None  # tests: "grouped" or "pairs"


def choose_network(cls: Classes, groups) -> tuple[str, Ladders, LadderPlan, dict[str, int]]:
    """("grouped" | "pairs", the groups' ladders and plan, both networks' group arcs, nodes
    and cost)."""
    ladders = build_ladders(cls, group_ladder_pairs(cls, groups))
    plan = plan_ladders(cls, ladders, groups)
    sizes = {
        "pairs": pair_arcs(cls, ladders, groups),
        "grouped": plan.arcs,
        "pairs_nodes": len(cls.dclasses),
        "grouped_nodes": plan.nodes + int(ukeys(cls).dtype.size),
    }
    sizes["pairs_cost"] = sizes["pairs"] + NODE_COST * sizes["pairs_nodes"]
    sizes["grouped_cost"] = sizes["grouped"] + NODE_COST * sizes["grouped_nodes"]
    pairs_first = sizes["pairs_cost"] * PAIR_ARC_FACTOR < sizes["grouped_cost"]
    return FORCE_NETWORK or ("pairs" if pairs_first else "grouped"), ladders, plan, sizes


def pair_arcs(cls: Classes, ladders: Ladders, groups) -> int:
    """Arcs of the pair-level network: one per eligible (group, dwelling class)."""
    gpt, gcover = group_arrays(sorted(groups))
    gi, ms = cover_nodes(cls, gcover)
    pts = gpt[gi]
    lad = ladders.ladder_of(person_bases(cls)[0][pts], ms)
    p = ladders.prefix(lad, type_arrays(cls)["p_bucket"][pts])
    return int(ladders.open_sum("classes", ukeys(cls).classes, lad, p).sum())
