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
On large networks each round after the first repairs the previous flow with augmenting paths
(`_repair`) instead of solving from scratch; it yields the very same accepted set per round.

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
    accepted, flows = _solve_once(net, cls, cls.order[active[cls.order]], person_node)
    while True:
        drop = _team_drops(cls, accepted, active)
        if not drop.any():
            break
        active &= ~drop
        got = None
        if net.phase1_arcs >= _REPAIR_MIN_ARCS:
            got = _repair(net, cls, accepted, flows, drop, active, person_node)
        if got is None:
            got = _solve_once(net, cls, cls.order[active[cls.order]], person_node)
        accepted, flows = got
    team_full = np.zeros(n, dtype=bool)
    for t, cap in enumerate(cls.team_cap):
        if cap is not None:
            team_full |= (cls.cand_team == t) & (person_node >= 0) & ~active
    dropped = cls.order[team_full[cls.order]]
    cost = _feasible_with_prefix(net, cls, accepted, flows, dropped, person_node)
    return Phase1(accepted, dropped, dropped[cost], flows, person_node)


def _feasible_with_prefix(net: Network, cls: Classes, chosen, flows, people, person_node):
    """Per person in `people` (none of them chosen): can they be housed together with the
    chosen people ranked before them (their own team cap ignored)? Run-independent.

    The chosen set G is feasible, so G_<x + x is feasible iff G + x is, or G - y + x is for some
    chosen y ranked after x (extend G_<x + x with elements of G: matroid augmentation). In the
    residual graph of G's flow (static arcs only) that is: x's W node reaches the sink, or a W
    node carrying such a y (then x takes over y's unit). So each node gets the best value it can
    reach -- sink = infinite, W node = the highest rank among its chosen people -- and x
    qualifies iff that value exceeds its own rank.
    """
    if people.size == 0:
        return np.zeros(0, dtype=bool)
    k = net.phase1_arcs
    n = len(cls.round.candidates)
    value = np.full(net.n_nodes, -1, dtype=np.int64)
    np.maximum.at(value, person_node[chosen], cls.rank[chosen])
    value[SINK] = n
    f, caps = flows[:k], net.caps[:k]
    tails, heads = net.tails[:k].astype(np.int64), net.heads[:k].astype(np.int64)
    fwd, back = f < caps, f > 0
    src = np.r_[tails[fwd], heads[back]]  # residual arc src -> dst
    dst = np.r_[heads[fwd], tails[back]]
    order = np.argsort(src, kind="stable")
    src, dst = src[order], dst[order]
    starts = np.flatnonzero(np.r_[True, src[1:] != src[:-1]]) if src.size else src
    owners = src[starts]
    while src.size:  # best[u] = max(best[u], best[v]) over residual u -> v, to a fixed point
        reach = np.maximum.reduceat(value[dst], starts)
        grow = reach > value[owners]
        if not grow.any():
            break
        value[owners[grow]] = reach[grow]
    return value[person_node[people]] > cls.rank[people]


# Below this many arcs a full OR-Tools solve (tens of ms) beats repairing in Python.
_REPAIR_MIN_ARCS = 500_000


def _repair(net: Network, cls: Classes, accepted, flows, drop, active, person_node):
    """The greedy set after deleting `drop`, from the previous run's flow; None: re-solve.

    Matroid greedy is monotone under deletion: everyone accepted and not dropped stays accepted
    (a person is accepted iff not spanned by the active people ranked before them, and deleting
    people only shrinks that span). The newcomers are then exactly the candidates that, in rank
    order, still fit beside the kept set plus the newcomers before them (the kept people ranked
    after a candidate never change that, since the final set holds them all): one augmenting
    path search per candidate on the residual graph of the kept flow. Per W node at most
    |dropped accepted| candidates matter (rank(A') <= rank(A) bounds the newcomers).
    """
    gone = accepted[drop[accepted]]
    kept = accepted[~drop[accepted]]
    flows = flows.copy()
    _cancel(net, flows, person_node[gone])
    if gone.size == 0:
        return kept, flows
    is_cand = active.copy()
    is_cand[kept] = False
    is_cand &= person_node >= 0
    cands = cls.order[is_cand[cls.order]]
    room = np.zeros(net.n_nodes, dtype=np.int64)
    for node, r in net.w_reach.items():
        room[node] = r
    np.subtract.at(room, person_node[kept], 1)
    cands = _trim(cands, person_node[cands], np.minimum(room, gone.size))
    got = _augment_in_rank(net, flows, cands, person_node)
    if got is None:
        return None
    newcomers, flows = got
    both = np.r_[kept, newcomers]
    return both[np.argsort(cls.rank[both], kind="stable")], flows


def _cancel(net: Network, flows: np.ndarray, nodes: np.ndarray) -> None:
    """Take one unit of flow off a path from each W node in `nodes` to the sink.

    The network is acyclic (W -> V -> U -> down the tree -> classes -> up the caps), so
    following any positive-flow arc from a node with inflow always ends at the sink.
    """
    if nodes.size == 0:
        return
    static = np.flatnonzero(flows[: net.phase1_arcs] > 0)
    out: dict[int, list[int]] = defaultdict(list)
    for arc, tail in zip(static.tolist(), net.tails[static].tolist(), strict=True):
        out[tail].append(arc)
    heads = net.heads
    for node in nodes.tolist():
        while node != SINK:
            arcs = out[node]
            arc = arcs[-1]
            flows[arc] -= 1
            if flows[arc] == 0:
                arcs.pop()
            node = int(heads[arc])


def _augment_in_rank(net: Network, flows, cands, person_node):
    """Greedy on the residual graph: each candidate in rank order takes an augmenting path.

    A candidate is accepted iff its W node reaches the sink in the residual graph of the current
    flow (kept people plus newcomers so far): that is the greedy rule. Paths are searched as in
    Dinic's algorithm: along arcs that step one closer to the sink by BFS distance, with dead ends
    pruned; a failed search refreshes the distances (stale ones stay valid lower bounds, so an
    infinite one means the W node is cut off for good: the set of nodes that cannot reach the
    sink is closed, and augmenting paths never enter it). Returns None after too many refreshes:
    then a full solve is cheaper.
    """
    k = net.phase1_arcs
    tails, heads = net.tails[:k].astype(np.int64), net.heads[:k].astype(np.int64)
    node_of = np.r_[tails, heads]
    order = np.argsort(node_of, kind="stable")
    indptr = np.searchsorted(node_of[order], np.arange(net.n_nodes + 1)).tolist()
    arc_l = (order % k).tolist()
    is_fwd = (order < k).tolist()
    to_l = np.r_[heads, tails][order].tolist()
    f = flows[:k].copy()
    dist = _sink_distances(net, f).tolist()
    blocked: set[int] = set()
    refreshes = stale = 0
    newcomers: list[int] = []
    c = net.caps[:k].tolist()
    fl = f.tolist()
    for p, w in zip(cands.tolist(), person_node[cands].tolist(), strict=True):
        if dist[w] == np.inf:  # cut off from the sink: stays so (see above)
            continue
        path = _level_path(w, dist, blocked, indptr, arc_l, is_fwd, to_l, fl, c)
        if path is None:
            seen: set[int] = set()
            path = _any_path(w, dist, seen, indptr, arc_l, is_fwd, to_l, fl, c)
            if path is None:  # exhaustive: nothing it saw reaches the sink, now or later
                for node in seen:
                    dist[node] = np.inf
                continue
            stale += 1
            if stale == _STALE_LIMIT:
                if refreshes == _MAX_REFRESHES:
                    return None
                refreshes += 1
                stale = 0
                f[:] = fl
                for i in path:
                    f[arc_l[i]] += 1 if is_fwd[i] else -1
                dist = _sink_distances(net, f).tolist()
                blocked.clear()
        for i in path:
            fl[arc_l[i]] += 1 if is_fwd[i] else -1
        newcomers.append(p)
    out = flows.copy()
    out[:k] = fl
    return np.asarray(newcomers, dtype=np.int64), out


_MAX_REFRESHES = 40  # one refresh is a BFS; a full solve costs ~50-100 of them
_STALE_LIMIT = 8  # paths found off the level graph before the distances are refreshed


def _level_path(w, dist, blocked, indptr, arc_l, is_fwd, to_l, f, c):
    """Adjacency positions of a path w -> sink along residual arcs with dist falling by one."""
    stack = [w]
    ptr = [indptr[w]]
    via: list[int] = []
    while stack:
        node = stack[-1]
        if node == SINK:
            return via
        i, end, want = ptr[-1], indptr[node + 1], dist[node] - 1
        while i < end:
            nxt = to_l[i]
            if dist[nxt] == want and nxt not in blocked:
                a = arc_l[i]
                if f[a] < c[a] if is_fwd[i] else f[a] > 0:
                    break
            i += 1
        if i < end:
            ptr[-1] = i + 1
            stack.append(nxt)
            ptr.append(indptr[nxt])
            via.append(i)
        else:
            blocked.add(node)
            stack.pop()
            ptr.pop()
            if via:
                via.pop()
    return None


def _any_path(w, dist, seen, indptr, arc_l, is_fwd, to_l, f, c):
    """Depth-first search for any residual path w -> sink (nodes at infinite distance skipped);
    `seen` ends up holding every node visited."""
    seen.add(w)
    stack = [w]
    ptr = [indptr[w]]
    via: list[int] = []
    while stack:
        node = stack[-1]
        if node == SINK:
            return via
        i, end = ptr[-1], indptr[node + 1]
        while i < end:
            nxt = to_l[i]
            if nxt not in seen and dist[nxt] != np.inf:
                a = arc_l[i]
                if f[a] < c[a] if is_fwd[i] else f[a] > 0:
                    break
            i += 1
        if i < end:
            ptr[-1] = i + 1
            seen.add(nxt)
            stack.append(nxt)
            ptr.append(indptr[nxt])
            via.append(i)
        else:
            stack.pop()
            ptr.pop()
            if via:
                via.pop()
    return None


def _sink_distances(net: Network, flows: np.ndarray) -> np.ndarray:
    """Residual BFS distance of every node to the sink (inf if it cannot reach it)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    k = flows.size
    tails, heads = net.tails[:k], net.heads[:k]
    fwd = flows < net.caps[:k]
    back = flows > 0
    src = np.r_[heads[fwd], tails[back]]
    dst = np.r_[tails[fwd], heads[back]]
    graph = csr_matrix(
        (np.ones(src.size, dtype=np.int32), (src, dst)), shape=(net.n_nodes, net.n_nodes)
    )
    return dijkstra(graph, directed=True, indices=SINK, unweighted=True)


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
