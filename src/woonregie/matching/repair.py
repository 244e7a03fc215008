"""Phase-1 greedy sets without a full re-solve: extend or repair the previous flow.

`extend` adds people ranked after everyone already accepted (the rest after a rank prefix):
the best-ranked candidate that can still reach the sink in the residual graph takes an
augmenting path, one at a time, at the cost of one vectorised BFS per newcomer. `repair`
recomputes the greedy set after a team-cap round dropped accepted people: their flow is
cancelled and the others are extended the same way. Both yield exactly the accepted set a full
solve gives; phase 1 uses them when few newcomers are possible or found and `Budget` says they
are cheaper (on large rounds a full OR-Tools solve costs 50-150 BFS runs on the same network;
on small ones setting the paths up costs about a solve).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from woonregie.matching.classes import Classes, distinct
from woonregie.matching.flow import reach_per_node, trim
from woonregie.matching.network import SINK, Network, ranges


@dataclass
class Budget:
    """Whether augmenting paths beat a full solve on this network, from what both have cost so
    far in this phase 1: the last full solve, setting paths up (the residual adjacency) and one
    step (a BFS and a path). A step costs 1/50-1/150 of a solve on large rounds (9 ms against
    1.15 s national, 22 ms against 1.4 s on 20,000 x 5,000 with individual rents), but on a
    small round the set-up alone costs about what a solve does, so a fixed count would be wrong
    somewhere: paths may take as many newcomers as fit in half a solve, set-up included, and
    none before a path search has been timed on the round. Only speed depends on it: either way
    the accepted set is the same."""

    clock: Callable[[], float] = time.process_time
    solve_cpu: float | None = None
    setup_cpu: float | None = None
    step_cpu: float | None = None

    def newcomers(self) -> int:
        """How many newcomers augmenting paths may take (set-up + (k + 1) steps in half a
        solve)."""
        if self.solve_cpu is None or self.setup_cpu is None or not self.step_cpu:
            return 0
        spare = _SHARE * self.solve_cpu - self.setup_cpu
        return max(0, int(spare / self.step_cpu) - 1)

    def guess_from_bfs(self, seconds: float) -> None:
        """Before paths were timed: a residual BFS on the whole network costs about what the
        set-up and each step do (both walk all arcs)."""
        if self.setup_cpu is None:
            self.setup_cpu = seconds
        if self.step_cpu is None:
            self.step_cpu = seconds


_SHARE = 0.5


def repair(net: Network, cls: Classes, accepted, flows, drop, active, person_node, budget):
    """The greedy set after deleting `drop`, from the previous run's flow; None when more
    people were dropped than `budget` allows newcomers (then a re-solve is cheaper).

    Matroid greedy is monotone under deletion: everyone accepted and not dropped stays accepted
    (a person is accepted iff not spanned by the active people ranked before them, and deleting
    people only shrinks that span). The newcomers are then exactly the candidates that, in rank
    order, still fit beside the kept set plus the newcomers before them (the kept people ranked
    after a candidate never change that, since the final set holds them all): augmenting paths
    on the residual graph of the kept flow. There are at most |dropped accepted| newcomers
    (rank(A') <= rank(A)), so per W node only that many candidates matter.
    """
    gone = accepted[drop[accepted]]
    if gone.size > budget.newcomers():
        return None
    kept = accepted[~drop[accepted]]
    flows = flows.copy()
    _cancel(net, flows, person_node[gone])
    if gone.size == 0:
        return kept, flows
    is_cand = active.copy()
    is_cand[kept] = False
    is_cand &= person_node >= 0
    cands = cls.order[is_cand[cls.order]]
    room = reach_per_node(net)
    np.subtract.at(room, person_node[kept], 1)
    cands = trim(cands, person_node[cands], np.minimum(room, gone.size))
    newcomers, flows = extend(net, flows, cands, person_node, budget, bound=gone.size)
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


def extend(net: Network, flows, cands, person_node, budget: Budget, bound: int | None = None):
    """Greedy newcomers among `cands` (rank order) on top of the set carried by `flows`, all of
    whose people stay accepted, or None once more newcomers are found than `budget` allows
    (then a full solve is cheaper). `bound`: at most that many newcomers are possible (a
    repair), so the budget was checked up front.

    The next newcomer is the best-ranked candidate whose W node reaches the sink in the residual
    graph of the current flow (that is the greedy rule); it takes a shortest augmenting path.
    One vectorised BFS from the sink per newcomer finds that candidate among all of them at
    once: a node that cannot reach the sink never can again (augmenting only adds to the span),
    so the cost is (newcomers + 1) BFS runs.
    """
    if bound is None and budget.newcomers() == 0:
        return None
    k = net.phase1_arcs
    start = budget.clock()
    adj = _Adjacency(net)
    budget.setup_cpu = budget.clock() - start
    f = flows[:k].copy()
    nodes = person_node[cands]
    taken = np.zeros(cands.size, dtype=bool)
    newcomers: list[int] = []
    while True:
        start = budget.clock()
        dist = adj.sink_distances(f)
        open_ = ~taken & (dist[nodes] < np.inf)
        if not open_.any():
            break
        if bound is None and len(newcomers) >= budget.newcomers():
            return None
        i = int(np.argmax(open_))
        taken[i] = True
        newcomers.append(int(cands[i]))
        adj.augment(int(nodes[i]), dist, f)
        budget.step_cpu = budget.clock() - start
    out = flows.copy()
    out[:k] = f
    return np.asarray(newcomers, dtype=np.int64), out


class _Adjacency:
    """Both directions of the phase-1 arcs grouped by node (CSR), built once per repair: per
    entry the arc, whether the node is its tail, and the other end."""

    def __init__(self, net: Network) -> None:
        k = self.k = net.phase1_arcs
        node_of = np.r_[net.tails[:k], net.heads[:k]]
        order = np.argsort(node_of, kind="stable").astype(np.int32)
        self.indptr = np.searchsorted(node_of[order], np.arange(net.n_nodes + 1))
        self.to = np.r_[net.heads[:k], net.tails[:k]][order]
        self.fwd = order < k
        self.arc = order % k
        self.caps = net.caps[:k]

    def sink_distances(self, flows: np.ndarray) -> np.ndarray:
        """Residual BFS distance of every node to the sink (inf if it cannot reach it).

        From node v the search steps to u where u -> v is residual: the tail of an arc into v
        with room left, or the head of an arc out of v that carries flow. The grouping by node
        is reused, so a refresh is one vectorised mask and the frontier steps (no sort, which
        made each refresh ~0.3 s on a national network)."""
        f = flows[self.arc]
        steps = np.where(self.fwd, f > 0, f < self.caps[self.arc])
        target = np.where(steps, self.to, -1)
        dist = np.full(self.indptr.size - 1, -1, dtype=np.int64)
        dist[SINK] = 0
        frontier = np.array([SINK], dtype=np.int64)
        level = 0
        while frontier.size:
            _, pos = ranges(self.indptr[frontier], self.indptr[frontier + 1])
            nxt = target[pos]
            nxt = distinct(nxt[(nxt >= 0) & (dist[np.maximum(nxt, 0)] < 0)])
            level += 1
            dist[nxt] = level
            frontier = nxt
        out = dist.astype(np.float64)
        out[dist < 0] = np.inf
        return out

    def augment(self, node: int, dist: np.ndarray, flows: np.ndarray) -> None:
        """Push one unit from `node` to the sink along residual arcs on which the BFS distance
        `dist` (fresh for `flows`) falls by one: such an arc exists at every reachable node."""
        while node != SINK:
            lo, hi = self.indptr[node], self.indptr[node + 1]
            arc, fwd = self.arc[lo:hi], self.fwd[lo:hi]
            f = flows[arc]
            residual = np.where(fwd, f < self.caps[arc], f > 0)
            step = int(np.argmax(residual & (dist[self.to[lo:hi]] == dist[node] - 1)))
            flows[arc[step]] += 1 if fwd[step] else -1
            node = int(self.to[lo + step])

