"""The grouped flow network shared by both phases of the optimal policy.

    source -> W(ptype, cover) -> V(ptype, area) -> rent-level segment tree of
    (base type, area) -> level -> U(dtype, area) -> ... U(dtype, buurt) ->
    [complex cap] -> area cap(buurt) -> area cap(wijk) -> area cap(gemeente) -> sink

W nodes are person groups (type + where they may live). U nodes are "dwellings of type t
somewhere under area a" and fan down the tree to the dwelling classes. A W node links to V(ptype,
m) for each node m of its cover (V nodes are shared by groups that overlap, e.g. people of
different support teams who accept the same gemeente). Rent is out of the V -> U fan-out: V(ptype,
m) reaches the prefix of rent levels its maximum rent allows in the *ladder* of (base type, m)
(`ladders.py`: a segment tree over the distinct rent levels of the compatible dwelling types
under m, O(log levels) arcs per V node), and each ladder level links once to its dwelling types'
U nodes, carrying the fit. People who differ only in maximum rent share the ladder, so the
network grows with ladders x rent levels, not with person types x dwelling types. Caps sit on the
way up to the sink, nested exactly like the tree (complex inside buurt inside wijk inside
gemeente).

Arc stages (`Network.stage`) order the arcs topologically for the phase-2 flow decomposition:
W -> V, V -> ladder, ladder nodes by depth, level -> U, then the U tree top-down and the
dwelling-class arcs in index order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from woonregie.matching.classes import (
    Classes,
    cover_nodes,
    distinct,
    group_arrays,
    member,
    type_arrays,
    type_fit,
)
from woonregie.matching.ladders import Ladders, build_ladders, person_bases, prefix_nodes, ukeys

SOURCE, SINK = 0, 1
# What a node costs the flow solver, in arcs. Measured on the benchmark's rounds (OR-Tools'
# cost-scaling min-cost flow, phase-1 solve time against arcs and nodes of both networks):
# one node weighs like 15-60 arcs, so the plan and the adaptive choice trade them at 30.
NODE_COST = 30
STAGE_W, STAGE_V, STAGE_LADDER, STAGE_LEVEL, STAGE_U = 0, 1, 2, 80, 81


@dataclass
class Network:
    n_nodes: int
    tails: np.ndarray
    heads: np.ndarray
    caps: np.ndarray
    costs: np.ndarray  # phase-2 (fit) costs; phase 1 uses zeros
    w_index: dict[tuple[int, int], int]  # (ptype, cover) -> node
    w_reach: dict[int, int]  # W node -> dwellings reachable (upper bound on its placements)
    class_arc: np.ndarray  # arc index per dwelling class
    area_node: list[int]
    complex_node: dict[str, int]
    cap_arc_label: dict[int, tuple[str, str]] = field(default_factory=dict)  # arc -> (kind, id)
    arc_order_w: int = 0  # first arc index of the group arcs (W -> ... -> U, or W -> D)
    u_first: int = 0  # U tree arcs are [u_first, class_first), top-down
    class_first: int = 0  # dwelling-class arcs are [class_first, arc_order_w)
    phase1_arcs: int = 0  # arcs phase 1 needs (a prefix)
    stage: np.ndarray | None = None  # per arc: topological stage (see module docstring)
    tail_w: np.ndarray | None = None  # per arc: its tail if that is a W node, else -1
    kind: str = "grouped"  # "grouped" (W -> V -> ladders -> U) or "pairs" (see pairs.py)

    def __post_init__(self) -> None:
        if self.tail_w is None:
            is_w = np.zeros(self.n_nodes, dtype=bool)
            is_w[list(self.w_index.values())] = True
            self.tail_w = np.where(is_w[self.tails], self.tails, -1)


class Builder:
    """Arcs collected as numpy blocks (national networks have millions of arcs)."""

    def __init__(self) -> None:
        self.n = 2
        self.m = 0
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.one: list[tuple[int, int, int, int, int]] = []

    def node(self) -> int:
        self.n += 1
        return self.n - 1

    def nodes(self, count: int) -> int:
        """`count` new nodes; the first one's id."""
        self.n += count
        return self.n - count

    def arc(self, tail: int, head: int, cap: int, cost: int = 0, stage: int = STAGE_U) -> int:
        self.one.append((tail, head, cap, cost, stage))
        self.m += 1
        return self.m - 1

    def extend(self, tails, heads, cap, costs, stage: int | np.ndarray) -> int:
        """Append a block of arcs; the first one's index."""
        self._flush()
        size = len(tails)
        self.parts.append(
            (
                np.asarray(tails, dtype=np.int64),
                np.asarray(heads, dtype=np.int64),
                np.broadcast_to(np.asarray(cap, dtype=np.int64), (size,)),
                np.broadcast_to(np.asarray(costs, dtype=np.int64), (size,)),
                np.broadcast_to(np.asarray(stage, dtype=np.int8), (size,)),
            )
        )
        self.m += size
        return self.m - size

    def _flush(self) -> None:
        if self.one:
            cols = list(zip(*self.one, strict=True))
            self.parts.append(
                tuple(
                    np.asarray(c, dtype=np.int8 if k == 4 else np.int64) for k, c in enumerate(cols)
                )
            )
            self.one = []

    def arrays(self) -> tuple[np.ndarray, ...]:
        """(tails int32, heads int32, caps, costs, stage)."""
        self._flush()
        if not self.parts:
            empty = np.zeros(0, dtype=np.int64)
            return (
                empty.astype(np.int32),
                empty.astype(np.int32),
                empty,
                empty,
                empty.astype(np.int8),
            )
        kinds = (np.int32, np.int32, np.int64, np.int64, np.int8)  # node ids fit in int32
        cols = [np.concatenate([p[k] for p in self.parts], dtype=kinds[k]) for k in range(5)]
        self.parts = []
        return tuple(cols)


def group_ladder_pairs(cls: Classes, groups) -> dict[tuple[int, int], int]:
    """The (person base type, area node) ladders the groups (ptype, cover) need, each with the
    highest rent bucket asked for it."""
    base, _ = person_bases(cls)
    bucket = type_arrays(cls)["p_bucket"]
    pts, covers = group_arrays(groups)
    gi, ms = cover_nodes(cls, covers)
    n_areas = len(cls.tree.ids)
    code = base[pts[gi]] * n_areas + ms
    top = bucket[pts[gi]]
    order = np.lexsort((top, code))
    code, top = code[order], top[order]
    last = np.r_[code[1:] != code[:-1], True] if code.size else code.astype(bool)
    code, top = code[last], top[last]  # the highest bucket asked per (base, node)
    keys = zip((code // n_areas).tolist(), (code % n_areas).tolist(), strict=True)
    return dict(zip(keys, top.tolist(), strict=True))


@dataclass
class LadderPlan:
    """How each ladder is built for the nodes that query it (one per distinct (ptype, area)
    pair: a shared V node, or the group's W node when only one group has the pair).

    Only the prefixes actually asked for matter, so a ladder's segment tree is built over
    *merged* levels: merged level j holds the rent levels between the (j-1)-th and j-th
    distinct prefix its users ask for (so a ladder has at most as many leaves as it has
    distinct users' rents). A ladder is flat instead (each user links straight to the U nodes
    of its open levels) when that takes fewer arcs."""

    flat: np.ndarray  # bool per ladder
    shared_v: np.ndarray  # codes ptype * n_areas + area of the shared V nodes
    cut_start: np.ndarray  # ladder l's cuts are [cut_start[l], cut_start[l + 1])
    cuts: np.ndarray  # per cut: an asked prefix (rent levels open), ascending per ladder
    arcs: int  # group arcs of the whole grouped network under the plan
    nodes: int = 0  # nodes it adds beyond the W and U nodes (shared V, ladder trees)

    def merged(self, lad: np.ndarray, p: np.ndarray) -> np.ndarray:
        """Merged prefix (leaves open) of each asked (ladder, prefix)."""
        top = int(self.cuts.max(initial=0)) + 1
        owner = np.repeat(np.arange(self.cut_start.size - 1), np.diff(self.cut_start))
        codes = owner * top + self.cuts
        return np.searchsorted(codes, lad * top + p, side="right") - self.cut_start[lad]


def plan_ladders(cls: Classes, ladders: Ladders, groups) -> LadderPlan:
    gpt, gcover = group_arrays(sorted(groups))
    gi, ms = cover_nodes(cls, gcover)
    pts = gpt[gi]
    base, _ = person_bases(cls)
    bucket = type_arrays(cls)["p_bucket"]
    n_areas = len(cls.tree.ids)
    p = ladders.prefix(ladders.ladder_of(base[pts], ms), bucket[pts])
    live = p > 0
    codes, uses = np.unique(pts[live] * n_areas + ms[live], return_counts=True)
    lad = ladders.ladder_of(base[codes // n_areas], codes % n_areas)
    vp = ladders.prefix(lad, bucket[codes // n_areas])
    n_lad = ladders.base.size
    top = int(vp.max(initial=0)) + 1
    cut_code = distinct(lad * top + vp)
    cut_lad, cuts = cut_code // top, cut_code % top
    cut_start = np.searchsorted(cut_lad, np.arange(n_lad + 1))
    k = np.diff(cut_start)
    ones = np.ones(ukeys(cls).dtype.size, dtype=np.int64)
    ent = ladders.open_sum("entries", ones, cut_lad, cuts)  # entries open at each cut
    per_leaf = ent - np.r_[0, ent[:-1]] * (np.r_[-1, cut_lad[:-1]] == cut_lad)
    flat = np.bincount(lad, weights=ladders.open_sum("entries", ones, lad, vp), minlength=n_lad)
    plan = LadderPlan(np.zeros(n_lad, dtype=bool), codes[uses > 1], cut_start, cuts, 0)
    q, _ = prefix_nodes(k[lad], plan.merged(lad, vp))
    tree = 2 * (k - 1) + np.bincount(lad[q], minlength=n_lad)
    multi = np.where(per_leaf == 1, 0, per_leaf)  # one-entry leaves are their U node
    tree = tree + np.bincount(cut_lad, weights=multi, minlength=n_lad).astype(np.int64)
    tree_nodes = k - 1 + np.bincount(cut_lad, weights=per_leaf > 1, minlength=n_lad)
    plan.flat = flat <= tree + NODE_COST * tree_nodes
    shared = uses > 1
    plan.arcs = int(uses[shared].sum()) + int(np.where(plan.flat, flat, tree).sum())
    plan.nodes = int(shared.sum()) + int(np.where(plan.flat, 0, tree_nodes).sum())
    return plan


def build_network(
    cls: Classes,
    groups: set[tuple[int, int]],
    extra=frozenset(),
    ladders: Ladders | None = None,
    plan: LadderPlan | None = None,
) -> Network:
    """Network for W groups (ptype, cover id): phase-1 `groups` first, then `extra` groups.

    Arcs of the extra groups (preferred-area covers, used only by the fit phase) come last, so
    phase 1 solves on the prefix ``[0, phase1_arcs)``. `ladders` must hold every (base type,
    area) pair the groups need (`group_ladder_pairs`), `plan` be made for all the groups; both
    are built here when not given.
    """
    every = set(groups) | set(extra)
    if ladders is None:
        ladders = build_ladders(cls, group_ladder_pairs(cls, every))
    if plan is None:
        plan = plan_ladders(cls, ladders, every)
    b = Builder()
    area_node, complex_node, labels = cap_layers(b, cls)
    u_node, u_first, class_first, class_arc = _u_layer(b, cls, area_node, complex_node)
    first_w = b.m
    state = _GroupState(cls, ladders, plan, u_node, effective_caps(cls))
    _add_groups(b, state, groups)
    phase1_arcs = b.m
    _add_groups(b, state, set(extra) - set(groups))
    tails, heads, caps, costs, stage = b.arrays()
    return Network(
        n_nodes=b.n,
        tails=tails,
        heads=heads,
        caps=caps,
        costs=costs,
        w_index=state.w_index,
        w_reach=state.w_reach,
        class_arc=class_arc,
        area_node=area_node,
        complex_node=complex_node,
        cap_arc_label=labels,
        arc_order_w=first_w,
        u_first=u_first,
        class_first=class_first,
        phase1_arcs=phase1_arcs,
        stage=stage,
    )


def _u_layer(b: Builder, cls: Classes, area_node: list[int], complex_node: dict[str, int]):
    """U nodes (one per `ladders.ukeys` key), the U tree arcs top-down and the class arcs."""
    tree = cls.tree
    uk = ukeys(cls)
    big = max(1, len(cls.round.dwellings))
    u_node = b.nodes(uk.dtype.size) + np.arange(uk.dtype.size)
    n_dt = max(1, len(cls.dtypes))
    code = uk.area * n_dt + uk.dtype
    by_code = np.argsort(code)
    parent = np.asarray(tree.parent, dtype=np.int64)
    depth = np.fromiter((tree.depth(a) for a in range(len(tree.ids))), dtype=np.int64)
    child = np.flatnonzero(parent[uk.area] >= 0)
    child = child[np.lexsort((uk.dtype[child], uk.area[child], depth[uk.area[child]]))]
    up = by_code[np.searchsorted(code[by_code], parent[uk.area[child]] * n_dt + uk.dtype[child])]
    u_first = b.extend(u_node[up], u_node[child], big, 0, STAGE_U)
    # a class's own key is the first of its chain entries (chains start at the node itself)
    n_chain = np.fromiter(
        (len(tree.chains[k[1]]) for k in cls.dclasses), dtype=np.int64, count=len(cls.dclasses)
    )
    own_key = uk.chain_key[np.cumsum(n_chain) - n_chain]
    heads, sizes = class_heads(cls, area_node, complex_node)
    class_first = b.extend(u_node[own_key], heads, sizes, 0, STAGE_U)
    return u_node, u_first, class_first, class_first + np.arange(len(cls.dclasses))


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


def class_heads(cls: Classes, area_node: list[int], complex_node: dict[str, int]):
    """Per dwelling class, the cap node its dwellings flow into (its complex, else its area; the
    nodes of `cap_layers`) and its number of dwellings: the class arcs of both networks."""
    heads = np.fromiter(
        (complex_node[cx] if cx is not None else area_node[area] for _, area, cx in cls.dclasses),
        dtype=np.int64,
        count=len(cls.dclasses),
    )
    sizes = np.fromiter(
        (len(m) for m in cls.dclass_dwellings), dtype=np.int64, count=len(cls.dclasses)
    )
    return heads, sizes


def ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All positions of the ranges [lo[i], hi[i]): (range index, position) pairs, in order."""
    lens = np.maximum(hi - lo, 0)
    total = int(lens.sum())
    owner = np.repeat(np.arange(lo.size), lens)
    return owner, np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(total)


class _GroupState:
    """W and V nodes and the ladders built so far, shared between the calls of `_add_groups`."""

    def __init__(self, cls: Classes, ladders: Ladders, plan: LadderPlan, u_node, eff_cap):
        self.cls = cls
        self.lad = ladders
        self.plan = plan
        self.flat = plan.flat
        self.shared = plan.shared_v
        self.u_node = u_node
        self.eff = np.asarray(eff_cap, dtype=np.int64)
        self.base, self.rep = person_bases(cls)
        self.bucket = type_arrays(cls)["p_bucket"]
        self.uk = ukeys(cls)
        self.big = max(1, len(cls.round.dwellings))
        self.leaves = np.diff(plan.cut_start)  # merged levels per ladder
        count = np.maximum(2 * self.leaves - 1, 0)  # segment-tree slots (heap 1 .. 2k-1)
        self.slot_base = np.cumsum(count) - count
        self.slot_node = np.full(int(count.sum()), -1, dtype=np.int64)
        self.slot_cost = np.zeros(int(count.sum()), dtype=np.int64)
        self.built = np.zeros(ladders.base.size, dtype=bool)
        self.v_node: dict[tuple[int, int], int] = {}
        self.w_index: dict[tuple[int, int], int] = {}
        self.w_reach: dict[int, int] = {}

    def open_levels(self, pts: np.ndarray, ms: np.ndarray):
        """Per (person type, area node): its ladder, open levels and dwellings under them."""
        lad = self.lad.ladder_of(self.base[pts], ms)
        p = self.lad.prefix(lad, self.bucket[pts])
        return lad, p, self.lad.open_sum("size", self.uk.size, lad, p)


def _add_groups(b: Builder, st: _GroupState, groups) -> None:
    """W(ptype, cover) -> V(ptype, m) for m in the cover -> its open rent levels' ladder nodes.

    A V node only where groups share the (ptype, m) pair; otherwise the W node itself queries
    the ladder (fewer nodes: the flow solver's work grows with them). Groups without any
    reachable dwelling get no node. `w_reach` bounds what a group can ever get (dwellings and
    caps around each cover node), so people beyond it are never offered.
    """
    order = sorted(groups)
    if not order:
        return
    order_pt, order_cover = group_arrays(order)
    gi, ms = cover_nodes(st.cls, order_cover)
    gpt = order_pt[gi]
    _, _, reach = st.open_levels(gpt, ms)
    ok = reach > 0  # a V node only where compatible dwellings lie under m within the rent
    gi, ms, gpt, reach = gi[ok], ms[ok], gpt[ok], reach[ok]
    kept = np.flatnonzero(np.bincount(gi, minlength=len(order)))
    node_of = np.full(len(order), -1, dtype=np.int64)
    node_of[kept] = b.nodes(kept.size) + np.arange(kept.size)
    got = np.bincount(gi, weights=np.minimum(reach, st.eff[ms]), minlength=len(order))
    for k, node, total in zip(
        kept.tolist(),
        node_of[kept].tolist(),
        np.rint(got[kept]).astype(np.int64).tolist(),
        strict=True,
    ):
        st.w_index[order[k]] = node
        st.w_reach[node] = total
    shared = member(gpt * len(st.cls.tree.ids) + ms, st.shared)
    sh = np.flatnonzero(shared)
    keys = list(zip(gpt[sh].tolist(), ms[sh].tolist(), strict=True))
    new_v = sorted(set(keys) - st.v_node.keys())
    first = b.nodes(len(new_v))
    for i, v in enumerate(new_v):
        st.v_node[v] = first + i
    v_of = np.fromiter((st.v_node[k] for k in keys), dtype=np.int64, count=len(keys))
    b.extend(node_of[gi[sh]], v_of, st.big, 0, STAGE_W)
    alone = np.flatnonzero(~shared)  # these W nodes query their ladder themselves
    src = np.r_[first + np.arange(len(new_v)), node_of[gi[alone]]].astype(np.int64)
    src_pt = np.r_[np.array([pt for pt, _ in new_v], dtype=np.int64), gpt[alone]]
    src_m = np.r_[np.array([m for _, m in new_v], dtype=np.int64), ms[alone]]
    stage = np.r_[np.full(len(new_v), STAGE_V), np.full(alone.size, STAGE_W)]
    _query(b, st, src, src_pt, src_m, stage)


def _query(b: Builder, st: _GroupState, src, pts, ms, stage) -> None:
    """Arcs from each `src` node to the open levels of the ladder of (pts, ms): the canonical
    segment-tree nodes of its prefix, or (flat ladders) straight to the levels' U nodes."""
    if src.size == 0:
        return
    lad, p, _ = st.open_levels(pts, ms)
    tree = np.flatnonzero(~st.flat[lad])
    _materialise(b, st, distinct(lad[tree][~st.built[lad[tree]]]))
    q, heap = prefix_nodes(st.leaves[lad[tree]], st.plan.merged(lad[tree], p[tree]))
    slot = st.slot_base[lad[tree][q]] + heap - 1
    b.extend(src[tree[q]], st.slot_node[slot], st.big, st.slot_cost[slot], stage[tree[q]])
    flat = np.flatnonzero(st.flat[lad])
    level0 = st.lad.lev_start[lad[flat]]
    owner, ent = ranges(st.lad.ent_start[level0], st.lad.ent_start[level0 + p[flat]])
    key = st.lad.ent_key[ent]
    costs = -type_fit(st.cls, pts[flat][owner], st.uk.dtype[key])
    b.extend(src[flat[owner]], st.u_node[key], st.big, costs, stage[flat[owner]])


def _materialise(b: Builder, st: _GroupState, ladders: np.ndarray) -> None:
    """Nodes and arcs of the given ladders' segment trees (parent -> child). A level (leaf)
    with one dwelling type is that type's U node itself, reached at the fit's cost; a level
    with several is a node with an arc to each of their U nodes, carrying the fit."""
    if ladders.size == 0:
        return
    st.built[ladders] = True
    lad = st.lad
    n = st.leaves[ladders]
    # merged leaf j of ladder l: rent levels [cuts[j - 1], cuts[j]) of the ladder (cuts[-1] = 0)
    owner, cut = ranges(st.plan.cut_start[ladders], st.plan.cut_start[ladders + 1])
    first_cut = cut == st.plan.cut_start[ladders][owner]
    lo_level = np.where(first_cut, 0, st.plan.cuts[cut - 1]) + lad.lev_start[ladders][owner]
    hi_level = st.plan.cuts[cut] + lad.lev_start[ladders][owner]
    lo_ent, hi_ent = lad.ent_start[lo_level], lad.ent_start[hi_level]
    leaf_slot = st.slot_base[ladders][owner] + n[owner] + (cut - st.plan.cut_start[ladders][owner])
    leaf_slot -= 1
    single = hi_ent - lo_ent == 1
    key = lad.ent_key[lo_ent[single]]
    st.slot_node[leaf_slot[single]] = st.u_node[key]
    st.slot_cost[leaf_slot[single]] = -type_fit(
        st.cls, st.rep[lad.base[ladders][owner[single]]], st.uk.dtype[key]
    )
    many = np.flatnonzero(~single)
    st.slot_node[leaf_slot[many]] = b.nodes(many.size) + np.arange(many.size)
    which, ent = ranges(lo_ent[many], hi_ent[many])
    key = lad.ent_key[ent]
    pts = st.rep[lad.base[ladders][owner[many][which]]]
    b.extend(
        st.slot_node[leaf_slot[many][which]],
        st.u_node[key],
        st.big,
        -type_fit(st.cls, pts, st.uk.dtype[key]),
        STAGE_LEVEL,
    )
    owner, i = ranges(np.ones_like(n), n)  # internal heap indices 1 .. n-1
    base = st.slot_base[ladders][owner] - 1  # slot of heap index h: base + h
    st.slot_node[base + i] = b.nodes(i.size) + np.arange(i.size)
    depth = np.frexp(i.astype(np.float64))[1] - 1  # floor(log2(i))
    kids = np.r_[base + 2 * i, base + 2 * i + 1]
    b.extend(
        np.r_[st.slot_node[base + i], st.slot_node[base + i]],
        st.slot_node[kids],
        st.big,
        st.slot_cost[kids],
        np.r_[depth, depth] + STAGE_LADDER,
    )


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
