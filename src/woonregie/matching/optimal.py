"""The `optimal` policy: priority-maximal set by greedy-in-rank, then best total fit.

Phase 1 (who is housed). Without support-team caps the sets of people that can be housed
together form a matroid (a gammoid: one unit of flow per person through nested dwelling-side
caps). For a matroid the greedy-in-rank set is the maximum-weight independent set for *any*
weights that decrease strictly with rank, so one max-flow-min-cost solve with person arc cost
``-(N - rank)`` yields exactly the greedy set. Team caps add a partition constraint (each person
has at most one team), which breaks the matroid; the greedy rule there is "skip a person whose
team already took `cap` people earlier in rank". We compute it as a fixed point: solve, and for
every team that took more than its cap, drop its members ranked after its cap-th accepted member;
repeat. Dropping people only ever helps the remaining ones (matroid greedy is monotone under
deletion), so every drop is one the true greedy also makes, and at the fixed point the result is
the greedy set exactly. It converges in a few rounds (one per cascade level of binding teams).

Phase 2 (best fit). With the number of housed people per fit class fixed, a min-cost flow with
supplies on the fit classes and costs ``-fit`` finds the best total fit among allocations that
house exactly that set; the flow is then decomposed into (person class, dwelling class) counts and
individual people and dwellings are paired in rank and id order.

Why OR-Tools SimpleMinCostFlow: it solves both phases (max-flow-with-min-cost, then
min-cost-with-supplies) on integer costs in C++ with a vectorised Python API. SciPy's
`maximum_flow` has no costs and `linear_sum_assignment` needs the dense people x dwellings
matrix this engine avoids; networkx is pure Python and far too slow at national size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from woonregie.matching.classes import Classes
from woonregie.matching.fit import PREF_POINTS
from woonregie.matching.network import SINK, SOURCE, Network


@dataclass
class Phase1:
    housed: np.ndarray  # candidate indices, rank order
    team_dropped: np.ndarray  # candidates skipped because their team was full
    team_cost: np.ndarray  # of those, the ones a free team slot would have housed
    flows: np.ndarray  # flow on the network's (static) arcs in the final solve
    person_node: np.ndarray  # W node per candidate, -1 when nothing is eligible


def _solver(net: Network, costs: np.ndarray, arcs: int | None = None):
    """A SimpleMinCostFlow holding the network's first `arcs` arcs (all by default)."""
    k = net.tails.size if arcs is None else arcs
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(net.tails[:k], net.heads[:k], net.caps[:k], costs[:k])
    return smcf


def _trim(persons: np.ndarray, nodes: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """Keep per W node only its best `reach` people: the rest can never be placed."""
    if persons.size == 0:
        return persons
    idx = np.lexsort((np.arange(persons.size), nodes))
    sorted_nodes = nodes[idx]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_nodes)) + 1]
    pos = np.arange(persons.size) - np.repeat(starts, np.diff(np.r_[starts, persons.size]))
    keep = np.zeros(persons.size, dtype=bool)
    keep[idx] = pos < reach[sorted_nodes]
    return persons[keep]


def _solve_once(net: Network, cls: Classes, persons: np.ndarray, person_node: np.ndarray):
    smcf = _solver(net, np.zeros_like(net.costs), net.phase1_arcs)
    reach = np.zeros(net.n_nodes, dtype=np.int64)
    for node, r in net.w_reach.items():
        reach[node] = r
    persons = _trim(persons, person_node[persons], reach)
    n = len(cls.round.candidates)
    weights = -(n - cls.rank[persons])
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        np.full(persons.size, SOURCE, dtype=np.int32),
        person_node[persons].astype(np.int32),
        np.ones(persons.size, dtype=np.int64),
        weights.astype(np.int64),
    )
    # Overflow arc: people left out go straight to the sink at cost 0, so a plain min-cost
    # solve maximises the total weight of the people routed through the dwellings.
    smcf.add_arc_with_capacity_and_unit_cost(SOURCE, SINK, int(persons.size), 0)
    smcf.set_node_supply(SOURCE, int(persons.size))
    smcf.set_node_supply(SINK, -int(persons.size))
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    accepted = persons[smcf.flows(arcs) > 0]
    static = np.zeros(net.tails.size, dtype=np.int64)
    static[: net.phase1_arcs] = smcf.flows(np.arange(net.phase1_arcs))
    return accepted[np.argsort(cls.rank[accepted], kind="stable")], static


def _team_drops(cls: Classes, accepted: np.ndarray, active: np.ndarray) -> np.ndarray:
    """Active people to drop: members ranked after their team's cap-th accepted member."""
    drop = np.zeros(len(cls.round.candidates), dtype=bool)
    teams = cls.cand_team[accepted]
    for t, cap in enumerate(cls.team_cap):
        if cap is None:
            continue
        members = accepted[teams == t]
        if members.size > cap:
            cutoff = cls.rank[members[cap - 1]] if cap > 0 else -1
            drop |= (cls.cand_team == t) & (cls.rank > cutoff)
    drop &= active
    return drop


def phase1(cls: Classes, net: Network) -> Phase1:
    n = len(cls.round.candidates)
    person_node = np.array(
        [
            net.w_index.get((int(p), int(r)), -1)
            for p, r in zip(cls.cand_ptype, cls.cand_region, strict=True)
        ],
        dtype=np.int64,
    ).reshape(n)
    active = person_node >= 0
    for t, cap in enumerate(cls.team_cap):
        if cap == 0:
            active &= cls.cand_team != t
    ever = np.zeros(n, dtype=bool)
    while True:
        persons = cls.order[active[cls.order]]
        accepted, flows = _solve_once(net, cls, persons, person_node)
        ever[accepted] = True
        drop = _team_drops(cls, accepted, active)
        if not drop.any():
            break
        active &= ~drop
    team_full = np.zeros(n, dtype=bool)
    for t, cap in enumerate(cls.team_cap):
        if cap is not None:
            team_full |= (cls.cand_team == t) & (person_node >= 0) & ~active
    dropped = cls.order[team_full[cls.order]]
    # Accepted in some run => dwelling-feasible together with the true higher-ranked set
    # (that set is a subset of every run's prefix), so only the team cap stopped them.
    return Phase1(accepted, dropped, dropped[ever[dropped]], flows, person_node)


def phase2(cls: Classes, net: Network, housed: np.ndarray) -> list[tuple[int, int]]:
    """Best-fit allocation of exactly `housed`: list of (candidate, dwelling) index pairs."""
    pc_members: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for i in housed:
        pc_members[(int(cls.cand_ptype[i]), int(cls.cand_region[i]), int(cls.cand_pref[i]))].append(
            int(i)
        )
    keys = sorted(pc_members)
    smcf = _solver(net, net.costs)
    base = net.n_nodes
    pc_arcs: list[tuple[int, int, int]] = []  # (arc, pc index, W node)
    for j, (pt, region, pref) in enumerate(keys):
        size = len(pc_members[(pt, region, pref)])
        smcf.set_node_supply(base + j, size)
        for cover, cost in ((region, 0), (pref, -PREF_POINTS)):
            node = net.w_index.get((pt, cover)) if cover >= 0 else None
            if node is not None:
                arc = smcf.add_arc_with_capacity_and_unit_cost(base + j, node, size, cost)
                pc_arcs.append((arc, j, node))
    smcf.set_node_supply(SINK, -len(housed))
    status = smcf.solve()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"fit phase failed: {status}")
    flows = smcf.flows(np.arange(net.tails.size))
    bags = _decompose(net, flows, [(j, node, smcf.flow(arc)) for arc, j, node in pc_arcs])
    return _pair(cls, keys, pc_members, bags)


def _decompose(net: Network, flows: np.ndarray, pc_flows) -> dict[int, list[list[int]]]:
    """Split arc flows into paths: dwelling class -> [[pc, amount], ...].

    W -> V and V -> U arcs first (in that order), then the U tree top-down, then the
    dwelling-class arcs, so every node's inflow is known before it is split over its out-arcs.
    """
    bag: dict[int, list[list[int]]] = defaultdict(list)
    for j, node, amount in pc_flows:
        if amount:
            bag[node].append([j, amount])
    out: dict[int, list[list[int]]] = {}
    positive = np.flatnonzero(flows > 0).tolist()
    wv = [a for a in positive if a >= net.arc_order_w and net.is_wv[a]]
    vu = [a for a in positive if a >= net.arc_order_w and not net.is_wv[a]]
    u_arcs = [a for a in positive if net.u_first <= a < net.arc_order_w]
    for arc in wv + vu + u_arcs:
        tail, amount = int(net.tails[arc]), int(flows[arc])
        if arc >= net.class_first and arc < net.arc_order_w:
            target = out.setdefault(arc - net.class_first, [])
        else:
            target = bag[int(net.heads[arc])]
        _move(bag[tail], target, amount)
    return out


def _move(source: list[list[int]], target: list[list[int]], amount: int) -> None:
    while amount:
        item = source[0]
        take = min(item[1], amount)
        target.append([item[0], take])
        item[1] -= take
        amount -= take
        if item[1] == 0:
            source.pop(0)


def _pair(cls: Classes, keys, pc_members, bags) -> list[tuple[int, int]]:
    """Individual pairs: per person class, better-fitting dwellings go to higher rank."""
    from woonregie.matching.scoring import pair_fit

    got: dict[int, list[int]] = defaultdict(list)
    for jclass in sorted(bags):
        members = iter(cls.dclass_dwellings[jclass])
        for pc, amount in bags[jclass]:
            got[pc].extend(next(members) for _ in range(amount))
    pairs: list[tuple[int, int]] = []
    for pc in sorted(got):
        people, dwellings = pc_members[keys[pc]], got[pc]
        dwellings.sort(key=lambda d: (-pair_fit(cls, people[0], d), cls.round.dwellings[d].id))
        pairs.extend(zip(people, dwellings, strict=True))
    return pairs


def augmentable(net: Network, flows: np.ndarray) -> set[int]:
    """Nodes from which one more unit can reach the sink in the residual graph.

    A W node in this set could take one more person on the dwelling side: used to tell when a
    full support team (not dwellings or caps) cost a placement.
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order

    fwd = flows < net.caps
    back = flows > 0
    # edges of the reversed residual graph: v -> u whenever u -> v is residual
    src = np.r_[net.heads[fwd], net.tails[back]]
    dst = np.r_[net.tails[fwd], net.heads[back]]
    graph = csr_matrix(
        (np.ones(src.size, dtype=np.int8), (src, dst)), shape=(net.n_nodes, net.n_nodes)
    )
    reached = breadth_first_order(graph, SINK, directed=True, return_predecessors=False)
    return set(reached.tolist())
