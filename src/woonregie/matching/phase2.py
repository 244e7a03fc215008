"""Phase 2 of the optimal policy — best fit for exactly the housed set.

With the number of housed people per fit class fixed, a min-cost flow with supplies on the fit
classes and costs ``-fit`` finds the best total fit among allocations that house exactly that
set; the flow is then decomposed into (person class, dwelling class) counts and individual people
and dwellings are paired in rank and id order.
"""

from __future__ import annotations

from collections import defaultdict, deque

import numpy as np

from woonregie.matching.classes import Classes
from woonregie.matching.fit import PREF_POINTS
from woonregie.matching.flow import arcs_of, solver, static_flows
from woonregie.matching.network import SINK, Network


def phase2(cls: Classes, net: Network, housed: np.ndarray) -> list[tuple[int, int]]:
    """Best-fit allocation of exactly `housed`: list of (candidate, dwelling) index pairs."""
    pc_members: dict[tuple[int, int, int], list[int]] = defaultdict(list)
    for i in housed:
        pc_members[(int(cls.cand_ptype[i]), int(cls.cand_region[i]), int(cls.cand_pref[i]))].append(
            int(i)
        )
    keys = sorted(pc_members)
    used = [net.w_index.get((pt, c)) for pt, region, pref in keys for c in (region, pref)]
    arc_ids = arcs_of(net, net.tails.size, np.array([w for w in used if w is not None], dtype=int))
    smcf = solver(net, net.costs, arc_ids)  # only the housed groups' arcs (solve less)
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
    flows = static_flows(net, smcf, arc_ids)
    bags = _decompose(net, flows, [(j, node, smcf.flow(arc)) for arc, j, node in pc_arcs])
    return _pair(cls, keys, pc_members, bags)


def _decompose(net: Network, flows: np.ndarray, pc_flows) -> dict[int, list[list[int]]]:
    """Split arc flows into paths: dwelling class -> [[pc, amount], ...].

    Arcs in topological order (`Network.stage`, then index: W -> V, V -> ladder, ladder nodes
    top-down, level -> U, the U tree top-down, the dwelling-class arcs), so every node's inflow
    is known before it is split over its out-arcs.
    """
    bag: dict[int, deque[list[int]]] = defaultdict(deque)  # FIFO per node
    for j, node, amount in pc_flows:
        if amount:
            bag[node].append([j, amount])
    out: dict[int, list[list[int]]] = {}
    positive = np.flatnonzero(flows > 0)
    positive = positive[positive >= net.u_first]
    positive = positive[np.lexsort((positive, net.stage[positive]))]
    is_class = (positive >= net.class_first) & (positive < net.arc_order_w)
    for arc, tail, head, amount, cls_arc in zip(
        positive.tolist(),
        net.tails[positive].tolist(),
        net.heads[positive].tolist(),
        flows[positive].tolist(),
        is_class.tolist(),
        strict=True,
    ):
        target = out.setdefault(arc - net.class_first, []) if cls_arc else bag[head]
        _move(bag[tail], target, amount)
    return out


def _move(source: deque[list[int]], target, amount: int) -> None:
    while amount:
        item = source[0]
        take = min(item[1], amount)
        target.append([item[0], take])
        item[1] -= take
        amount -= take
        if item[1] == 0:
            source.popleft()


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
        if len(dwellings) > 1:  # (most person classes get one dwelling: nothing to order)
            dwellings.sort(
                key=lambda d: (-pair_fit(cls, people[0], d), cls.round.dwellings[d].id)
            )
        pairs.extend(zip(people, dwellings, strict=True))
    return pairs
