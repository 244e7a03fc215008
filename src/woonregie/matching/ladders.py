"""Rent levels: the threshold layer that takes rent out of the person type.

Eligibility is "base types compatible (household, needs, housing form) and the dwelling's rent
bucket at most the person's" (`classes.compatible`). People who differ only in maximum rent share
everything but a threshold, so the grouped network does not fan out per (rent, type) pair: per
*person base type* `pb` (rent band, household, needs, allowed forms -- the band stays because the
fit counts it) and area node `m` there is one **ladder**: the dwelling types under `m` compatible
with `pb`, sorted by rent bucket and grouped into *levels* (one per distinct bucket). A person
with bucket `b` may take every level whose bucket is at most `b`: a prefix of the ladder.

Prefixes go through a segment tree over the ladder's levels (heap layout: node 1 is the root,
node `i < n` has children `2i` and `2i + 1`, leaves `n .. 2n - 1` are the levels in order), so
one V node reaches any prefix with at most ~2 log2(n) arcs and every path stays O(log n) long,
instead of a linear chain through every level. The network therefore grows with
(ladders x distinct rent levels) plus the groups' prefix arcs, never with people x dwellings,
and nothing is a dense person-type x dwelling-type table: type compatibility is checked per
(ladder, dwelling type) entry and the fit is looked up per arc (`classes.type_fit`).

The same ladders give, per (person type, cover) group, the dwellings it may take (cumulative per
rent level): reach bounds for trimming, counts for the explanations, and the exact number of
arcs the pair-level network would list (for the adaptive choice, `optimal.choose_network`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from woonregie.matching.classes import Classes, compatible, type_arrays

_CHUNK = 4_000_000  # (ladder, dwelling type) candidates checked per vectorised step


@dataclass
class UKeys:
    """(dwelling type, area node) pairs with dwellings of that type in the node's subtree,
    sorted by (area, rent bucket, type); `chain_key` maps each (dwelling class, ancestor) pair
    (`chain_class`) to its key, so per-class weights sum up to keys with one bincount."""

    dtype: np.ndarray
    area: np.ndarray
    size: np.ndarray  # dwellings
    classes: np.ndarray  # dwelling classes (= arcs a pair listing has per group)
    area_start: np.ndarray  # keys of area a are [area_start[a], area_start[a + 1])
    chain_class: np.ndarray
    chain_key: np.ndarray

    def weigh(self, per_class: np.ndarray) -> np.ndarray:
        """Per key: the sum of a per-dwelling-class weight over the classes under it."""
        w = np.asarray(per_class, dtype=np.float64)[self.chain_class]
        return np.rint(np.bincount(self.chain_key, weights=w, minlength=self.dtype.size)).astype(
            np.int64
        )


def ukeys(cls: Classes) -> UKeys:
    if "_ukeys" in cls.__dict__:
        return cls.__dict__["_ukeys"]
    tree = cls.tree
    dc_dtype = np.fromiter((k[0] for k in cls.dclasses), dtype=np.int64, count=len(cls.dclasses))
    dc_area = [k[1] for k in cls.dclasses]
    dc_size = np.fromiter((len(m) for m in cls.dclass_dwellings), dtype=np.int64)
    chain_class = np.fromiter(
        (j for j, a in enumerate(dc_area) for _ in tree.chains[a]), dtype=np.int64
    )
    chain_area = np.fromiter((anc for a in dc_area for anc in tree.chains[a]), dtype=np.int64)
    bucket = type_arrays(cls)["d_bucket"]
    n_dt = max(1, len(cls.dtypes))
    code = chain_area * n_dt + dc_dtype[chain_class] if chain_class.size else chain_class
    uniq, key = np.unique(code, return_inverse=True)
    u_area, u_dtype = uniq // n_dt, uniq % n_dt
    order = np.lexsort((u_dtype, bucket[u_dtype], u_area))  # (area, bucket, type)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    key = rank[key.reshape(-1)]
    u_area, u_dtype = u_area[order], u_dtype[order]
    size = np.bincount(key, weights=dc_size[chain_class], minlength=order.size)
    classes = np.bincount(key, minlength=order.size)
    out = UKeys(
        dtype=u_dtype,
        area=u_area,
        size=np.rint(size).astype(np.int64),
        classes=classes.astype(np.int64),
        area_start=np.searchsorted(u_area, np.arange(len(tree.ids) + 1)),
        chain_class=chain_class,
        chain_key=key,
    )
    cls.__dict__["_ukeys"] = out
    return out


def person_bases(cls: Classes) -> tuple[np.ndarray, np.ndarray]:
    """Per person type its base type (rent bucket left out), and one person type per base."""
    if "_bases" not in cls.__dict__:
        ids: dict[tuple, int] = {}
        base = np.fromiter(
            (ids.setdefault((p.band, p.household, p.needs, p.forms), len(ids)) for p in cls.ptypes),
            dtype=np.int64,
            count=len(cls.ptypes),
        )
        rep = np.zeros(len(ids), dtype=np.int64)
        rep[base[::-1]] = np.arange(base.size)[::-1]  # first person type of each base
        cls.__dict__["_bases"] = (base, rep)
    return cls.__dict__["_bases"]


@dataclass
class Ladders:
    """Ladders of the (person base type, area node) pairs asked for, levels in bucket order."""

    index: dict[tuple[int, int], int]  # (base, area) -> ladder
    base: np.ndarray  # per ladder
    area: np.ndarray  # per ladder
    lev_start: np.ndarray  # ladder l's levels are [lev_start[l], lev_start[l + 1])
    lev_bucket: np.ndarray  # per level
    ent_start: np.ndarray  # level v's entries are [ent_start[v], ent_start[v + 1])
    ent_key: np.ndarray  # per entry: index into UKeys (dwelling type under the area node)
    _cum: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n_levels(self) -> np.ndarray:
        return np.diff(self.lev_start)

    def ladder_of(self, bases: np.ndarray, areas: np.ndarray) -> np.ndarray:
        """Ladder per (base, area) pair (-1 where none was built). Ladders are numbered in
        (base, area) order, so one binary search over their codes finds them all."""
        if "codes" not in self._cum:
            self._cum["codes"] = (self.base << 32) | self.area
        codes = self._cum["codes"]
        want = (np.asarray(bases, dtype=np.int64) << 32) | np.asarray(areas, dtype=np.int64)
        at = np.minimum(np.searchsorted(codes, want), max(codes.size - 1, 0))
        if codes.size == 0:
            return np.full(want.shape, -1, dtype=np.int64)
        return np.where(codes[at] == want, at, -1)

    def prefix(self, ladders: np.ndarray, buckets: np.ndarray) -> np.ndarray:
        """Per (ladder, person bucket): how many of the ladder's levels are open (<= bucket)."""
        if ladders.size == 0:
            return np.zeros(0, dtype=np.int64)
        top = int(max(self.lev_bucket.max(initial=0), buckets.max(initial=0))) + 1
        lev_ladder = np.repeat(np.arange(self.base.size), self.n_levels)
        codes = lev_ladder * top + self.lev_bucket
        safe = np.maximum(ladders, 0)
        got = np.searchsorted(codes, safe * top + buckets, side="right") - self.lev_start[safe]
        return np.where(ladders >= 0, got, 0)

    def cumulative(self, name: str, per_key: np.ndarray) -> np.ndarray:
        """Per level: `per_key` summed over the entries of its ladder up to that level."""
        if name not in self._cum:
            per_level = (
                np.add.reduceat(per_key[self.ent_key], self.ent_start[:-1])
                if (self.ent_key.size)
                else np.zeros(0, dtype=np.int64)
            )
            total = np.cumsum(per_level)
            before = np.r_[0, total][self.lev_start[:-1]]
            self._cum[name] = total - np.repeat(before, self.n_levels)
        return self._cum[name]

    def open_sum(self, name: str, per_key: np.ndarray, ladders, prefixes) -> np.ndarray:
        """Per (ladder, open-level count): the cumulative sum of `per_key` (0 where none open)."""
        cum = self.cumulative(name, per_key)
        last = self.lev_start[np.maximum(ladders, 0)] + prefixes - 1
        ok = (ladders >= 0) & (prefixes > 0)
        return np.where(ok, cum[np.where(ok, last, 0)] if cum.size else 0, 0)


def build_ladders(cls: Classes, pairs: dict[tuple[int, int], int]) -> Ladders:
    """Ladders for the (person base type, area node) `pairs`, each up to the highest rent
    bucket asked for it (the dict's value); levels only where compatible dwelling types lie
    under the node (a ladder without any is left out of `index`)."""
    keys = sorted(pairs)
    uk = ukeys(cls)
    _, rep = person_bases(cls)
    d_bucket = type_arrays(cls)["d_bucket"]
    lb = np.fromiter((b for b, _ in keys), dtype=np.int64, count=len(keys))
    la = np.fromiter((m for _, m in keys), dtype=np.int64, count=len(keys))
    top = np.fromiter((pairs[k] for k in keys), dtype=np.int64, count=len(keys))
    lo, hi = uk.area_start[la], uk.area_start[la + 1]
    lengths = hi - lo
    got_l, got_k = [], []
    start = 0
    while start < len(keys):  # chunks of at most _CHUNK candidate entries
        csum = np.cumsum(lengths[start:])
        stop = start + max(1, int(np.searchsorted(csum, _CHUNK, side="right")))
        lens = lengths[start:stop]
        total = int(lens.sum())
        lad = np.repeat(np.arange(start, stop), lens)
        pos = np.repeat(lo[start:stop] - np.cumsum(lens) + lens, lens) + np.arange(total)
        ok = d_bucket[uk.dtype[pos]] <= top[lad]
        ok &= compatible(cls, rep[lb[lad]], uk.dtype[pos], rent=False)
        got_l.append(lad[ok])
        got_k.append(pos[ok])
        start = stop
    lad = np.concatenate(got_l) if got_l else np.zeros(0, dtype=np.int64)
    ent = np.concatenate(got_k) if got_k else np.zeros(0, dtype=np.int64)
    used = np.flatnonzero(np.bincount(lad, minlength=len(keys)))
    renum = np.full(len(keys), -1, dtype=np.int64)
    renum[used] = np.arange(used.size)
    lad = renum[lad]
    bucket = d_bucket[uk.dtype[ent]]
    new = np.r_[True, (lad[1:] != lad[:-1]) | (bucket[1:] != bucket[:-1])] if lad.size else lad
    lev_of_entry_first = np.flatnonzero(new)
    lev_ladder = lad[lev_of_entry_first]
    return Ladders(
        index={keys[i]: k for k, i in enumerate(used.tolist())},
        base=lb[used],
        area=la[used],
        lev_start=np.searchsorted(lev_ladder, np.arange(used.size + 1)),
        lev_bucket=bucket[lev_of_entry_first],
        ent_start=np.r_[lev_of_entry_first, ent.size],
        ent_key=ent,
    )


def prefix_nodes(n: np.ndarray, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Segment-tree nodes (heap indices) whose leaves are exactly levels [0, p) of a tree with
    `n` leaves, for many (n, p) queries: (query index, node) pairs, O(log n) per query."""
    q_of, nodes = [], []
    left, right = n.copy(), n + p
    idx = np.arange(n.size)
    while True:
        live = left < right
        if not live.any():
            break
        idx, left, right = idx[live], left[live], right[live]
        take = (left & 1) == 1
        q_of.append(idx[take])
        nodes.append(left[take])
        left = left + take
        take = ((right & 1) == 1) & (left < right)
        right = right - take
        q_of.append(idx[take])
        nodes.append(right[take])
        left, right = left >> 1, right >> 1
    if not q_of:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(q_of), np.concatenate(nodes)
