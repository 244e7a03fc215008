"""The pair-level network: used when grouping people does not compress.

With individual maximum rents and personal area sets nearly every person is their own type, and
the grouped network (W -> V -> U through the tree, `network.py`) costs more arcs than listing the
eligible pairs outright, plus dense type tables. Then the engine lists, per person group
(type, cover) and dwelling class, the eligible pairs directly, vectorised:

    source -> W(ptype, cover) -> D(dwelling class) -> [complex cap] -> area caps -> sink

A group's candidate classes are contiguous ranges in depth-first order of the area tree (a cover
node's subtree is one interval), so the listing touches only classes inside the cover and checks
type and rent per pair with array comparisons; no person-type x dwelling-type table is built.
The fit of an arc is computed per arc (`fit.py`'s points, vectorised). Phases 1 and 2, the repair
and the explanations work on this network unchanged: W -> D arcs play the part of the V -> U
arcs and the class arcs D -> cap that of the U tree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from woonregie.matching.classes import Classes, compatible, cover_nodes, group_arrays, type_fit
from woonregie.matching.network import (
    STAGE_U,
    STAGE_V,
    Builder,
    Network,
    cap_layers,
    class_heads,
    effective_caps,
)

_CHUNK = 4_000_000  # candidate pairs checked per vectorised step (bounded memory)


@dataclass
class Eligible:
    """Eligible (group, dwelling class) pairs, grouped by group in the order given."""

    group: np.ndarray  # index into the groups list
    dclass: np.ndarray
    reach: np.ndarray  # per group: most placements possible (dwellings and caps, per cover node)


def eligible_pairs(cls: Classes, groups: list[tuple[int, int]], eff_cap: np.ndarray) -> Eligible:
    """All eligible (group, dwelling class) pairs of `groups` ((ptype, cover) pairs)."""
    tin, tout = cls.tree.dfs_positions()
    dc_area = np.array([k[1] for k in cls.dclasses], dtype=np.int64)
    dc_dtype = np.array([k[0] for k in cls.dclasses], dtype=np.int64)
    dc_size = np.array([len(m) for m in cls.dclass_dwellings], dtype=np.int64)
    by_pos = np.argsort(tin[dc_area], kind="stable")
    pos = tin[dc_area][by_pos]
    pts, gcover = group_arrays(groups)
    seg_group_a, seg_node_a = cover_nodes(cls, gcover)
    lo = np.searchsorted(pos, tin[seg_node_a], side="left")
    hi = np.searchsorted(pos, tout[seg_node_a], side="left")
    out_g, out_j, seg_reach = [], [], np.zeros(seg_node_a.size, dtype=np.int64)
    start = 0
    lengths = hi - lo
    while start < seg_node_a.size:  # chunks of segments with at most _CHUNK candidate pairs
        csum = np.cumsum(lengths[start:])
        stop = start + max(1, int(np.searchsorted(csum, _CHUNK, side="right")))
        lens = lengths[start:stop]
        total = int(lens.sum())
        seg = np.repeat(np.arange(start, stop), lens)
        offsets = np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens)
        j = by_pos[lo[seg] + offsets]
        g = seg_group_a[seg]
        ok = compatible(cls, pts[g], dc_dtype[j])
        seg_reach[start:stop] = np.bincount(
            seg[ok] - start, weights=dc_size[j[ok]], minlength=stop - start
        ).astype(np.int64)
        out_g.append(g[ok].astype(np.int32))  # tens of millions at national size
        out_j.append(j[ok].astype(np.int32))
        start = stop
    group = np.concatenate(out_g) if out_g else np.zeros(0, dtype=np.int64)
    dclass = np.concatenate(out_j) if out_j else np.zeros(0, dtype=np.int64)
    capped = np.minimum(seg_reach, eff_cap[seg_node_a]) if seg_node_a.size else seg_reach
    reach = np.bincount(seg_group_a, weights=capped, minlength=len(groups)).astype(np.int64)
    # segments come in group order and chunks in segment order: already grouped by group
    return Eligible(group, dclass, reach)


def build_pair_network(cls: Classes, groups: set[tuple[int, int]], extra=frozenset()) -> Network:
    """`network.build_network`'s contract with pair arcs: phase-1 `groups` first, `extra` last."""
    b = Builder()
    area_node, complex_node, labels = cap_layers(b, cls)
    big = max(1, len(cls.round.dwellings))
    d_node = b.nodes(len(cls.dclasses)) + np.arange(len(cls.dclasses))
    heads, sizes = class_heads(cls, area_node, complex_node)
    class_first = b.extend(d_node, heads, sizes, 0, STAGE_U)
    class_arc = class_first + np.arange(len(cls.dclasses))
    first_w = b.m
    eff_cap = effective_caps(cls)
    w_index, w_reach = {}, {}
    phase1_arcs = first_w
    dts = np.fromiter((k[0] for k in cls.dclasses), dtype=np.int64, count=len(cls.dclasses))
    for k, batch in enumerate((sorted(groups), sorted(set(extra) - set(groups)))):
        el = eligible_pairs(cls, batch, eff_cap)
        has = np.zeros(len(batch), dtype=bool)
        has[el.group] = True
        w_of = np.full(len(batch), -1, dtype=np.int64)
        w_of[has] = b.nodes(int(has.sum())) + np.arange(int(has.sum()))
        for g in np.flatnonzero(has).tolist():
            w_index[batch[g]] = int(w_of[g])
            w_reach[int(w_of[g])] = int(el.reach[g])
        pts = np.array([pt for pt, _ in batch], dtype=np.int64)
        costs = -type_fit(cls, pts[el.group], dts[el.dclass])
        b.extend(w_of[el.group], d_node[el.dclass], big, costs, STAGE_V)
        if k == 0:
            phase1_arcs = b.m
    tails, heads, caps, costs, stage = b.arrays()
    return Network(
        n_nodes=b.n,
        tails=tails,
        heads=heads,
        caps=caps,
        costs=costs,
        w_index=w_index,
        w_reach=w_reach,
        class_arc=class_arc,
        area_node=area_node,
        complex_node=complex_node,
        cap_arc_label=labels,
        arc_order_w=first_w,
        u_first=class_first,
        class_first=class_first,
        phase1_arcs=phase1_arcs,
        stage=stage,
        kind="pairs",
    )
