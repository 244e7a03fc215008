"""Phase-1 greedy sets without a full re-solve: extend or repair the previous flow.

`extend` adds people ranked after everyone already accepted (the rest after a rank prefix):
in rank order, each candidate that can still reach the sink in the residual graph takes an
augmenting path. A BFS from the sink rules out at once everyone who cannot; the others are
decided one by one along its levels, or by a short search when the levels are used up, so a
BFS serves a batch of newcomers (`Residual`). `repair` recomputes the greedy set after a
team-cap round dropped accepted people: their flow is cancelled and the others are extended
the same way. Both yield exactly the accepted set a full solve gives; phase 1 uses them while
`Budget` judges them cheaper than a solve (on large rounds a BFS costs 1/100-1/150 of an OR-Tools
solve on the same network; on small ones setting the paths up costs about a solve).
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
    far in this phase 1: the last full solve and setting paths up (the residual adjacency).
    Paths are tried only when the set-up fits in half a solve (on a small round it alone costs
    about a solve). They are given up -- for a full solve -- once they have cost half a solve,
    or, on a repair (where at most `bound` newcomers are possible), once a tenth of the bound
    was found at a pace that would take longer than a solve for the whole bound; and always at a
    whole solve. Before anything was timed on the round, no paths. Only speed depends on it:
    either way the accepted set is the same."""

    clock: Callable[[], float] = time.process_time
    solve_cpu: float | None = None
    setup_cpu: float | None = None

    def may_try(self) -> bool:
        if self.solve_cpu is None or self.setup_cpu is None:
            return False
        return self.setup_cpu < _SHARE * self.solve_cpu

    def exhausted(self, spent: float, found: int = 0, bound: int | None = None) -> bool:
        """Paths have cost `spent` (set-up included) and found `found` newcomers: give up?"""
        if self.solve_cpu is None or spent > self.solve_cpu:
            return True
        if bound and found >= _SAMPLE * bound:
            setup = self.setup_cpu or 0.0
            return setup + (spent - setup) * bound / found > self.solve_cpu
        return spent > _SHARE * self.solve_cpu

    def guess_from_bfs(self, seconds: float) -> None:
        """Before paths were set up: a residual BFS on the whole network costs about what the
        set-up does (both walk all arcs)."""
        if self.setup_cpu is None:
            self.setup_cpu = seconds


_SHARE = 0.5
_SAMPLE = 0.1  # share of a repair's bound found before its pace is judged
GIVE_UP_AFTER = 10**18  # tests: give up after the batch that found more newcomers than this


def repair(net: Network, cls: Classes, accepted, flows, drop, active, person_node, budget):
    """The greedy set after deleting `drop`, from the previous run's flow; None when `budget`
    judges paths dearer than a re-solve (before or while trying them).

    Matroid greedy is monotone under deletion: everyone accepted and not dropped stays accepted
    (a person is accepted iff not spanned by the active people ranked before them, and deleting
    people only shrinks that span). The newcomers are then exactly the candidates that, in rank
    order, still fit beside the kept set plus the newcomers before them (the kept people ranked
    after a candidate never change that, since the final set holds them all): augmenting paths
    on the residual graph of the kept flow. There are at most |dropped accepted| newcomers
    (rank(A') <= rank(A)), so per W node only that many candidates matter.
    """
    gone = accepted[drop[accepted]]
    if not budget.may_try():
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
    got = extend(net, flows, cands, person_node, budget, bound=gone.size)
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


def extend(net: Network, flows, cands, person_node, budget: Budget, bound: int | None = None):
    """Greedy newcomers among `cands` (rank order) on top of the set carried by `flows`, all of
    whose people stay accepted, or None once the paths have cost more than `budget` allows
    (then a full solve is cheaper). `bound`: at most that many newcomers are possible (a
    repair).

    The next newcomer is the best-ranked candidate whose W node reaches the sink in the residual
    graph of the current flow (that is the greedy rule); it takes an augmenting path. A node
    that cannot reach the sink never can again (augmenting only adds to the span), so one
    vectorised BFS from the sink rules out every such candidate at once. The candidates it left
    open are then decided in rank order (`Residual.augment_in_order`): one with a path left is
    the next newcomer, one proven cut off is turned away, and the first one that a short search
    cannot decide waits for a new BFS. The cost is a BFS per batch and a short walk per
    newcomer.
    """
    if not budget.may_try():
        return None
    start = budget.clock()
    adj = Residual(net, flows)
    budget.setup_cpu = budget.clock() - start
    nodes = person_node[cands]
    open_ = np.ones(cands.size, dtype=bool)  # not yet taken, not yet ruled out
    newcomers: list[int] = []
    while bound is None or len(newcomers) < bound:
        spent = budget.clock() - start
        if budget.exhausted(spent, len(newcomers), bound) or len(newcomers) > GIVE_UP_AFTER:
            return None
        dist = adj.sink_distances()
        open_ &= dist[nodes] < np.inf
        order = np.flatnonzero(open_)
        if bound is not None:
            order = order[: bound - len(newcomers)]
        if order.size == 0:
            break
        got, refused = adj.augment_in_order(nodes[order], dist)
        open_[order[:got]] = False
        taken = np.ones(got, dtype=bool)
        taken[refused] = False
        newcomers.extend(cands[order[:got][taken]].tolist())
    out = flows.copy()
    out[: adj.k] = adj.flows
    return np.asarray(newcomers, dtype=np.int64), out


class Residual:
    """The residual graph of the phase-1 arcs under a flow it owns (`flows`), both directions
    grouped by node (CSR): per entry the arc, whether the node is its tail, and the other end.
    The grouping depends on the network only and is kept on it (`_csr`), so every residual
    graph of a round -- the prefix's reachability check, each extension -- shares one sort.
    For the BFS towards the sink each entry also holds `back`: the node one may step back to
    from its node (the other end, when that end -> node is residual), else -1. Augmenting
    updates `back` for the arcs of the path only, so a BFS does no work over the whole graph
    beyond its frontiers (recomputing the mask per BFS was 3/4 of its cost on a national
    round)."""

    def __init__(self, net: Network, flows: np.ndarray) -> None:
        self.k, self.indptr, self.to, self.fwd, self.arc, self.entry = _csr(net)
        self.caps = net.caps[: self.k]
        self.flows = flows[: self.k].copy()
        f = self.flows[self.arc]
        steps = np.where(self.fwd, f > 0, f < self.caps[self.arc])
        self.back = np.where(steps, self.to, -1)
        self.dead = np.zeros(net.n_nodes, dtype=bool)  # proven unable to reach the sink

    def sink_distances(self) -> np.ndarray:
        """Residual BFS distance of every node to the sink (inf if it cannot reach it): from
        node v the search steps to u where u -> v is residual (`back`). Vectorised frontier
        by frontier in numpy: SciPy's csgraph would cost 0.3-0.5 s of imports per process,
        more than a small round's whole solve."""
        dist = np.full(self.indptr.size - 1, -1, dtype=np.int64)
        dist[SINK] = 0
        frontier = np.array([SINK], dtype=np.int64)
        level = 0
        while frontier.size:
            _, pos = ranges(self.indptr[frontier], self.indptr[frontier + 1])
            nxt = self.back[pos]
            nxt = distinct(nxt[(nxt >= 0) & (dist[np.maximum(nxt, 0)] < 0)])
            level += 1
            dist[nxt] = level
            frontier = nxt
        out = dist.astype(np.float64)
        out[dist < 0] = np.inf
        self.dead |= dist < 0  # cut off from the sink: for good (see `_search`)
        return out

    def augment_in_order(self, nodes: np.ndarray, dist: np.ndarray) -> tuple[int, list[int]]:
        """Decide `nodes` in turn (all could reach the sink when `dist` was fresh): each that
        still has a residual path to the sink pushes one unit along it; one proven unable to
        reach it any more is turned away. Stops at the first node that is neither (a search
        that grew too large): a new BFS decides it. Returns how many were decided and the
        positions (in `nodes`) of those turned away.

        A path is first sought along the levels of `dist` (most are found there); when the
        levels are used up, a search of the whole residual graph led by `dist` (nearest to the
        sink first) looks further, up to `_SEARCH_NODES` nodes. A node from which an exhaustive
        search found no path can never reach the sink again, so it is marked dead for good."""
        level_dead = np.zeros(dist.size, dtype=bool)
        refused: list[int] = []
        for done, node in enumerate(nodes.tolist()):
            path = self._level_path(node, dist, level_dead)
            if path is None:
                path = self._search(node, dist)
            if path is None:
                return done, refused
            if path:
                self._push(path)
            else:
                refused.append(done)
        return nodes.size, refused

    def _push(self, path: list[int]) -> None:
        """One unit along the entries of `path`, and the changed arcs' `back` entries."""
        entries = np.asarray(path, dtype=np.int64)
        arcs = self.arc[entries]
        self.flows[arcs] += np.where(self.fwd[entries], 1, -1)
        f = self.flows[arcs]
        tail_side, head_side = self.entry[arcs], self.entry[arcs + self.k]
        self.back[tail_side] = np.where(f > 0, self.to[tail_side], -1)
        self.back[head_side] = np.where(f < self.caps[arcs], self.to[head_side], -1)

    def _level_path(self, node: int, dist: np.ndarray, level_dead) -> list[int] | None:
        """Adjacency entries of a residual path from `node` to the sink on which `dist` falls
        by one per step, found depth first (widest arc first: it saturates least); None when
        there is none any more. Level dead ends found on the way are marked in `level_dead`."""
        if level_dead[node] or self.dead[node]:
            return None
        path: list[int] = []
        trail = [node]
        while node != SINK:
            lo, hi = self.indptr[node], self.indptr[node + 1]
            arc, to = self.arc[lo:hi], self.to[lo:hi]
            f = self.flows[arc]
            room = np.where(self.fwd[lo:hi], self.caps[arc] - f, f)
            room[(dist[to] != dist[node] - 1) | level_dead[to]] = 0
            step = int(np.argmax(room))
            if room[step] <= 0:
                level_dead[node] = True
                trail.pop()
                if not trail:
                    return None
                path.pop()
                node = trail[-1]
                continue
            path.append(int(lo) + step)
            node = int(to[step])
            trail.append(node)
        return path

    def _search(self, start: int, dist: np.ndarray) -> list[int] | None:
        """A residual path from `start` to the sink by depth-first search over all residual
        arcs to live nodes, nearest (by `dist`) first: its entries; [] when there is none;
        None when it saw `_SEARCH_NODES` nodes without deciding.

        Dead nodes are those a BFS or a search found cut off from the sink. They stay so: the
        set of nodes that cannot reach the sink has no residual arc out of it, an augmenting
        path never enters it (it runs through nodes that reach the sink), and pushing flow
        changes only arcs between the path's nodes. So when no path is found, every node the
        search saw joins them."""
        seen = {start}
        trail, path = [start], []
        options = [self._options(start, dist, seen)]
        while trail:
            if len(seen) > _SEARCH_NODES:
                return None
            if not options[-1]:
                trail.pop()
                options.pop()
                if path:
                    path.pop()
                continue
            entry = options[-1].pop()
            node = int(self.to[entry])
            if node in seen:
                continue
            seen.add(node)
            path.append(entry)
            if node == SINK:
                return path
            trail.append(node)
            options.append(self._options(node, dist, seen))
        self.dead[np.fromiter(seen, dtype=np.int64, count=len(seen))] = True
        return []

    def _options(self, node: int, dist: np.ndarray, seen: set[int]) -> list[int]:
        """Residual entries out of `node` to live, unseen nodes, nearest to the sink last (the
        search pops from the end)."""
        lo, hi = self.indptr[node], self.indptr[node + 1]
        arc, to = self.arc[lo:hi], self.to[lo:hi]
        f = self.flows[arc]
        ok = np.where(self.fwd[lo:hi], f < self.caps[arc], f > 0) & ~self.dead[to]
        idx = np.flatnonzero(ok)
        idx = idx[np.argsort(-dist[to[idx]], kind="stable")]
        return [int(lo) + i for i in idx.tolist() if int(to[i]) not in seen]


_SEARCH_NODES = 30  # nodes one search may see before a new BFS is cheaper


def _csr(net: Network):
    """(k, indptr, to, fwd, arc, entry) of the phase-1 arcs grouped by node, made once per
    network; `entry[a]` / `entry[a + k]`: arc a's entry at its tail / head."""
    got = net.__dict__.get("_residual_csr")
    if got is None:
        k = net.phase1_arcs
        node_of = np.r_[net.tails[:k], net.heads[:k]]
        order = np.argsort(node_of, kind="stable").astype(np.int32)
        indptr = np.searchsorted(node_of[order], np.arange(net.n_nodes + 1))
        to = np.r_[net.heads[:k], net.tails[:k]][order]
        entry = np.empty(2 * k, dtype=np.int32)
        entry[order] = np.arange(2 * k, dtype=np.int32)
        got = net.__dict__["_residual_csr"] = (k, indptr, to, order < k, order % k, entry)
    return got


def release_residual(net: Network) -> None:
    """Drop the grouping `_csr` keeps on the network once phase 1 is done with it (~16 bytes
    per arc: 60 MB on a national round with individual rents)."""
    net.__dict__.pop("_residual_csr", None)
