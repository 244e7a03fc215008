"""Team-cap rounds of phase 1 without a full re-solve: repair the previous flow.

After a team-cap round drops people, the greedy set is recomputed from the previous run's flow:
the dropped people's flow is cancelled and the other candidates, in rank order, each try one
augmenting path in the residual graph (Dinic-style along BFS distance levels, an exhaustive DFS
when the levels are stale). It yields exactly the accepted set a re-solve gives (see `repair`).
"""

from __future__ import annotations

from array import array
from collections import defaultdict

import numpy as np

from woonregie.matching.classes import Classes, distinct
from woonregie.matching.flow import trim
from woonregie.matching.network import SINK, Network, ranges


def repair(net: Network, cls: Classes, accepted, flows, drop, active, person_node):
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
    cands = trim(cands, person_node[cands], np.minimum(room, gone.size))
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
    adj = _Adjacency(net)
    # The adjacency lives in compact `array.array`s, read element by element like lists: a
    # national network has millions of residual arcs, and Python lists of them (an int object
    # per entry) took ~0.5 GB, the peak of the whole solve.
    indptr = _compact("i", adj.indptr)
    to_l = _compact("i", adj.to)
    is_fwd = _compact("b", adj.fwd)
    arc_l = _compact("i", adj.arc)
    f = flows[:k].copy()
    dist = adj.sink_distances(f).tolist()
    blocked: set[int] = set()
    refreshes = stale = 0
    newcomers: list[int] = []
    c = _compact("q", net.caps[:k])
    fl = _compact("q", f)
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
                f[:] = np.frombuffer(fl, dtype=np.int64)
                for i in path:
                    f[arc_l[i]] += 1 if is_fwd[i] else -1
                dist = adj.sink_distances(f).tolist()
                blocked.clear()
        for i in path:
            fl[arc_l[i]] += 1 if is_fwd[i] else -1
        newcomers.append(p)
    out = flows.copy()
    out[:k] = np.frombuffer(fl, dtype=np.int64)
    return np.asarray(newcomers, dtype=np.int64), out


def _compact(code: str, values: np.ndarray) -> array:
    """`values` as an `array.array` of typecode `code` (i: int32, b: int8, q: int64)."""
    kind = {"i": np.int32, "b": np.int8, "q": np.int64}[code]
    out = array(code)
    out.frombytes(np.ascontiguousarray(values, dtype=kind).tobytes())
    return out


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
