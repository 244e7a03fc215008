"""The class flow network shared by both phases of the optimal policy.

    source -> W(ptype, cover) -> V(ptype, area) -> U(dtype, area) -> ... U(dtype, buurt) ->
    [complex cap] -> area cap(buurt) -> area cap(wijk) -> area cap(gemeente) -> sink

W nodes are person groups (type + where they may live). U nodes are "dwellings of type t
somewhere under area a"; a W node links (through V(ptype, m), shared by groups) to U(t, m) for
each compatible type t and each node m of its cover, and U nodes fan down the tree to the
dwelling classes. This factorises the eligible
class pairs through the area tree, so a person group that accepts a whole gemeente needs one arc
per dwelling type instead of one per dwelling class. Caps sit on the way up to the sink, nested
exactly like the tree (complex inside buurt inside wijk inside gemeente).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from woonregie.matching.classes import Classes, type_fit

SOURCE, SINK = 0, 1


@dataclass
class Network:
    n_nodes: int
    tails: np.ndarray
    heads: np.ndarray
    caps: np.ndarray
    costs: np.ndarray  # phase-2 (fit) costs; phase 1 uses zeros
    w_index: dict[tuple[int, int], int]  # (ptype, cover) -> node
    w_reach: dict[int, int]  # W node -> dwellings reachable (upper bound on its placements)
    u_index: dict[tuple[int, int], int]  # (dtype, area) -> node
    class_arc: np.ndarray  # arc index per dwelling class
    area_node: list[int]
    complex_node: dict[str, int]
    cap_arc_label: dict[int, tuple[str, str]] = field(default_factory=dict)  # arc -> (kind, id)
    arc_order_w: int = 0  # first arc index of W -> V and (after them) V -> U arcs
    u_first: int = 0  # U tree arcs are [u_first, class_first), top-down
    class_first: int = 0  # dwelling-class arcs are [class_first, arc_order_w)
    phase1_arcs: int = 0  # arcs phase 1 needs (a prefix)
    is_wv: np.ndarray | None = None  # W -> V arcs (the rest after arc_order_w are V -> U)
    tail_w: np.ndarray | None = None  # per arc: its tail if that is a W node, else -1
    kind: str = "grouped"  # "grouped" (W -> V -> U through the tree) or "pairs" (see pairs.py)

    def __post_init__(self) -> None:
        if self.tail_w is None:
            is_w = np.zeros(self.n_nodes, dtype=bool)
            is_w[list(self.w_index.values())] = True
            self.tail_w = np.where(is_w[self.tails], self.tails, -1)


class Builder:
    def __init__(self) -> None:
        self.n = 2
        self.t: list[int] = []
        self.h: list[int] = []
        self.c: list[int] = []
        self.k: list[int] = []

    def extend(self, tails, heads, cap: int, costs) -> None:
        self.t.extend(tails.tolist())
        self.h.extend(heads.tolist())
        self.c.extend([cap] * len(tails))
        self.k.extend(costs.tolist())

    def node(self) -> int:
        self.n += 1
        return self.n - 1

    def arc(self, tail: int, head: int, cap: int, cost: int = 0) -> int:
        self.t.append(tail)
        self.h.append(head)
        self.c.append(cap)
        self.k.append(cost)
        return len(self.t) - 1


def build_network(cls: Classes, groups: set[tuple[int, int]], extra=frozenset()) -> Network:
    """Network for W groups (ptype, cover id): phase-1 `groups` first, then `extra` groups.

    Arcs of the extra groups (preferred-area covers, used only by the fit phase) come last, so
    phase 1 solves on the prefix ``[0, phase1_arcs)``.
    """
    b = Builder()
    tree = cls.tree
    big = max(1, len(cls.round.dwellings))
    area_node, complex_node, labels = cap_layers(b, cls)
    subtotal: dict[tuple[int, int], int] = {}
    for (dt, area, _), members in zip(cls.dclasses, cls.dclass_dwellings, strict=True):
        for anc in tree.chains[area]:
            subtotal[(dt, anc)] = subtotal.get((dt, anc), 0) + len(members)
    # parents before children, so U tree arcs come out top-down
    u_keys = sorted(subtotal, key=lambda k: (tree.depth(k[1]), k))
    u_index = {k: b.node() for k in u_keys}
    u_first = len(b.t)
    for dt, area in u_keys:
        parent = tree.parent[area]
        if parent >= 0:
            b.arc(u_index[(dt, parent)], u_index[(dt, area)], big)
    class_arc = np.empty(len(cls.dclasses), dtype=np.int64)
    class_first = len(b.t)
    for j, ((dt, area, cx), members) in enumerate(
        zip(cls.dclasses, cls.dclass_dwellings, strict=True)
    ):
        head = complex_node[cx] if cx is not None else area_node[area]
        class_arc[j] = b.arc(u_index[(dt, area)], head, len(members))
    first_w = len(b.t)
    state = _GroupState(cls, u_index, subtotal, effective_caps(cls))
    _add_groups(b, state, groups, big)
    phase1_arcs = len(b.t)
    _add_groups(b, state, set(extra) - set(groups), big)
    is_wv = np.zeros(len(b.t), dtype=bool)
    is_wv[state.wv_arcs] = True
    return Network(
        n_nodes=b.n,
        tails=np.asarray(b.t, dtype=np.int32),
        heads=np.asarray(b.h, dtype=np.int32),
        caps=np.asarray(b.c, dtype=np.int64),
        costs=np.asarray(b.k, dtype=np.int64),
        w_index=state.w_index,
        w_reach=state.w_reach,
        u_index=u_index,
        class_arc=class_arc,
        area_node=area_node,
        complex_node=complex_node,
        cap_arc_label=labels,
        arc_order_w=first_w,
        u_first=u_first,
        class_first=class_first,
        phase1_arcs=phase1_arcs,
        is_wv=is_wv,
    )


def cap_layers(b: Builder, cls: Classes):
    """Area cap arcs (up the tree to the sink) and complex cap arcs: nodes and arc labels."""
    tree = cls.tree
    big = max(1, len(cls.round.dwellings))
    labels: dict[int, tuple[str, str]] = {}
    area_node = [b.node() for _ in tree.ids]
    for a, parent in enumerate(tree.parent):
        cap = tree.cap[a]
        arc = b.arc(
            area_node[a], area_node[parent] if parent >= 0 else SINK, big if cap is None else cap
        )
        if cap is not None:
            labels[arc] = ("gebied", tree.ids[a])
    complex_node: dict[str, int] = {}
    for _, area, cx in cls.dclasses:
        if cx is not None and cx not in complex_node:
            complex_node[cx] = b.node()
            arc = b.arc(complex_node[cx], area_node[area], cls.round.complex_caps[cx])
            labels[arc] = ("complex", cx)
    return area_node, complex_node, labels


class _GroupState:
    """V nodes and their arcs, shared between the two calls of `_add_groups`."""

    def __init__(self, cls: Classes, u_index, subtotal, eff_cap: np.ndarray):
        self.cls = cls
        n_areas = len(cls.tree.ids)
        self.u_node = np.full((len(cls.dtypes), n_areas), -1, dtype=np.int64)
        self.u_size = np.zeros((len(cls.dtypes), n_areas), dtype=np.int64)
        for (dt, area), node in u_index.items():
            self.u_node[dt, area] = node
            self.u_size[dt, area] = subtotal[(dt, area)]
        self.eff_cap = eff_cap.tolist()
        self.v_node: dict[tuple[int, int], int] = {}
        self.w_index: dict[tuple[int, int], int] = {}
        self.w_reach: dict[int, int] = {}
        self.wv_arcs: list[int] = []
        self._per_type: dict[int, tuple[np.ndarray, list[int]]] = {}

    def totals(self, pt: int) -> list[int]:
        """Dwellings of types compatible with `pt` under each area node (computed once)."""
        got = self._per_type.get(pt)
        if got is None:  # compatible types and their totals per area
            dts = np.flatnonzero(self.cls.type_ok[pt])
            got = self._per_type[pt] = (dts, self.u_size[dts].sum(axis=0).tolist())
        return got[1]

    def arcs_of(self, vs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """V(pt, m) -> U(dtype, m) arcs of every V node in `vs` (tails, heads, fit costs), in
        the order of `vs`, one vectorised pass (only for V nodes that are built)."""
        types = [self._per_type[pt][0] for pt, _ in vs]
        counts = np.fromiter((t.size for t in types), dtype=np.int64, count=len(vs))
        dts = np.concatenate(types) if types else np.zeros(0, dtype=np.int64)
        pts = np.repeat(np.fromiter((pt for pt, _ in vs), dtype=np.int64, count=len(vs)), counts)
        ms = np.repeat(np.fromiter((m for _, m in vs), dtype=np.int64, count=len(vs)), counts)
        tails = np.repeat(np.fromiter((self.v_node[v] for v in vs), dtype=np.int64,
                                      count=len(vs)), counts)
        nodes = self.u_node[dts, ms]
        mask = nodes >= 0
        return tails[mask], nodes[mask], -type_fit(self.cls, pts[mask], dts[mask])


def _add_groups(b: Builder, st: _GroupState, groups, big: int) -> None:
    """W(ptype, cover) -> V(ptype, m) for m in the cover -> U(dtype, m) for compatible types.

    The V layer shares the (type x area) fan-out between groups that overlap (e.g. people of
    different support teams who accept the same gemeente), which keeps national rounds to a few
    hundred thousand arcs. Groups without any reachable dwelling get no node. `w_reach` bounds
    what a group can ever get (dwellings and caps), so people beyond it are never offered.
    """
    w_arcs: list[tuple[int, tuple[int, int]]] = []
    covers, eff, known = st.cls.covers, st.eff_cap, st._per_type
    for pt, cover in sorted(groups):
        reach = known[pt][1] if pt in known else st.totals(pt)
        ms = [m for m in covers[cover] if reach[m]]
        if not ms:
            continue
        node = st.w_index[(pt, cover)] = b.node()
        st.w_reach[node] = sum(min(reach[m], eff[m]) for m in ms)
        w_arcs.extend((node, (pt, m)) for m in ms)
    new_v = sorted({v for _, v in w_arcs} - set(st.v_node))
    for v in new_v:
        st.v_node[v] = b.node()
    first = len(b.t)  # the W -> V arcs, appended as a block
    b.t.extend(node for node, _ in w_arcs)
    b.h.extend(st.v_node[v] for _, v in w_arcs)
    b.c.extend([big] * len(w_arcs))
    b.k.extend([0] * len(w_arcs))
    st.wv_arcs.extend(range(first, len(b.t)))
    if new_v:  # every new V node's arcs in one vectorised pass, in the order of `new_v`
        tails, heads, costs = st.arcs_of(new_v)
        b.extend(tails, heads, big, costs)


def effective_caps(cls: Classes) -> np.ndarray:
    """Most placements possible under each area node, from dwellings and all caps around it."""
    tree = cls.tree
    n = len(tree.ids)
    inf = len(cls.round.dwellings)
    direct = np.zeros(n, dtype=np.int64)
    per_complex: dict[str, int] = {}
    for (_, area, cx), members in zip(cls.dclasses, cls.dclass_dwellings, strict=True):
        if cx is None:
            direct[area] += len(members)
        else:
            per_complex[cx] = per_complex.get(cx, 0) + len(members)
    for (_, area, cx), _m in zip(cls.dclasses, cls.dclass_dwellings, strict=True):
        if cx is not None and cx in per_complex:
            direct[area] += min(per_complex.pop(cx), cls.round.complex_caps[cx])
    sub = direct.copy()
    for a in sorted(range(n), key=lambda a: -tree.depth(a)):  # leaves first
        if tree.cap[a] is not None:
            sub[a] = min(sub[a], tree.cap[a])
        if tree.parent[a] >= 0:
            sub[tree.parent[a]] += sub[a]
    eff = sub.copy()
    for a in range(n):
        for anc in tree.chains[a][1:]:
            eff[a] = min(eff[a], tree.cap[anc] if tree.cap[anc] is not None else inf)
    return eff
