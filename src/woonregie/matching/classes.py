"""Equivalence classes: the engine never looks at people x dwellings, only at class pairs.

Dwelling type (`DType`): rent bucket, rent band, household range, features, housing form.
Dwelling class (`DClass`): type + location (area node) + capped complex; dwellings in one class are
interchangeable for eligibility, caps and fit.
Person type (`PType`): rent bucket, rent band, household size, needs, allowed forms.
Person region: the cover (see tree.py) where both the acceptable areas and the support team's
coverage hold. Eligibility is ``type_ok[ptype, dtype] and region covers dclass.area``.

Rent is compressed exactly: only the order of rents against maximum rents matters, so each rent is
mapped to a bucket such that ``rent <= max_rent`` iff ``bucket(rent) <= bucket(max_rent)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from woonregie.matching.fit import (
    RENT_MAX_STEPS,
    RENT_STEP_POINTS,
    SIZE_POINTS,
    rent_band,
    rent_limits,
)
from woonregie.matching.model import Candidate, DwellingOffer, Round
from woonregie.matching.tree import AreaTree, Cover, build_tree


@dataclass(frozen=True)
class DType:
    bucket: int
    band: int
    min_household: int
    max_household: int
    features: frozenset[str]
    form: str

    def _key(self) -> tuple:  # frozensets do not order; sort them for a stable key
        return (
            self.bucket,
            self.band,
            self.min_household,
            self.max_household,
            sorted(self.features),
            self.form,
        )


@dataclass(frozen=True)
class PType:
    bucket: int
    band: int
    household: int
    needs: frozenset[str]
    forms: frozenset[str]  # empty = any

    def accepts(self, t: DType) -> bool:
        return (
            t.bucket <= self.bucket
            and t.min_household <= self.household <= t.max_household
            and self.needs <= t.features
            and (not self.forms or t.form in self.forms)
        )


@dataclass
class Classes:
    round: Round
    tree: AreaTree
    order: np.ndarray  # candidate indices in rank order
    rank: np.ndarray  # 0-based rank position per candidate
    dtypes: list[DType]
    dclasses: list[tuple[int, int, str | None]]  # (dtype, area, capped complex)
    dclass_dwellings: list[list[int]]  # dwelling indices, sorted by id
    ptypes: list[PType]
    covers: list[Cover]
    cand_ptype: np.ndarray
    cand_region: np.ndarray  # cover id (where eligible dwellings may lie)
    cand_pref: np.ndarray  # cover id of preferred areas within region, -1 if none
    teams: list[str]
    cand_team: np.ndarray  # team id, -1 if none
    team_cap: list[int | None]

    @property
    def type_ok(self) -> np.ndarray:
        """bool [ptype, dtype]: `PType.accepts`. Dense, so only for the grouped network and the
        baseline, where types are few; everything else uses `compatible` per pair."""
        if "_type_ok" not in self.__dict__:
            pts = np.arange(len(self.ptypes))[:, None]
            self.__dict__["_type_ok"] = compatible(self, pts, np.arange(len(self.dtypes))[None, :])
        return self.__dict__["_type_ok"]

    def region_ok(self) -> np.ndarray:
        """bool [cover, area]: the cover contains the area (every cover; the baseline)."""
        if "_region_ok" not in self.__dict__:
            self.__dict__["_region_ok"] = self.region_rows(np.arange(len(self.covers)))
        return self.__dict__["_region_ok"]

    def region_rows(self, covers: np.ndarray) -> np.ndarray:
        """bool [len(covers), area]: `region_ok` for the given covers only, vectorised: a cover
        node's subtree is one interval in depth-first order (covers are disjoint subtrees)."""
        tin, tout = self.tree.dfs_positions()
        n = len(self.tree.ids)
        covers = np.asarray(covers, dtype=np.int64).reshape(-1)
        row, nodes = cover_nodes(self, covers)
        marks = np.zeros((covers.size, n + 1), dtype=np.int8)
        np.add.at(marks, (row, tin[nodes]), 1)
        np.add.at(marks, (row, tout[nodes]), -1)
        return np.cumsum(marks[:, :n], axis=1, dtype=np.int8)[:, tin] > 0


def cover_nodes(cls: Classes, covers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every node of each given cover id, flattened in order: (position in `covers`, node).
    Vectorised over a CSR copy of the covers built once (groups x cover nodes is the shape of
    most of the engine's listings)."""
    if "_cover_csr" not in cls.__dict__:
        sizes = np.fromiter(map(len, cls.covers), dtype=np.int64, count=len(cls.covers))
        nodes = np.fromiter(
            (m for cover in cls.covers for m in cover), dtype=np.int64, count=int(sizes.sum())
        )
        cls.__dict__["_cover_csr"] = (np.r_[0, np.cumsum(sizes)], nodes)
    start, nodes = cls.__dict__["_cover_csr"]
    covers = np.asarray(covers, dtype=np.int64)
    lo = start[covers]
    lens = start[covers + 1] - lo
    owner = np.repeat(np.arange(covers.size), lens)
    pos = np.arange(int(lens.sum())) + np.repeat(lo - np.cumsum(lens) + lens, lens)
    return owner, nodes[pos]


def group_arrays(groups) -> tuple[np.ndarray, np.ndarray]:
    """(person types, cover ids) of a list of (ptype, cover) groups, as arrays."""
    pairs = np.array(list(groups), dtype=np.int64).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


def rank_order(candidates: tuple[Candidate, ...]) -> np.ndarray:
    """Candidate indices by priority desc, waiting days desc, id asc."""
    if not candidates:
        return np.zeros(0, dtype=np.int64)
    n = len(candidates)
    ids = np.array([c.id for c in candidates])  # ids are unique: a total order
    waiting = np.fromiter(map(_WAITING, candidates), dtype=np.int64, count=n)
    priority = np.fromiter(map(_PRIORITY, candidates), dtype=np.int64, count=n)
    return np.lexsort((ids, -waiting, -priority)).astype(np.int64)


def _rent_buckets(round_: Round) -> tuple[list[int], list[int]]:
    """Exact order-preserving compression of rents and maximum rents."""
    rents = np.unique(np.array([d.rent for d in round_.dwellings], dtype=float))
    max_rents = np.array([c.max_rent for c in round_.candidates], dtype=float)
    within = np.searchsorted(rents, max_rents, side="right")  # rents <= each maximum rent
    person_level = np.unique(within)
    above = np.searchsorted(rents, [d.rent for d in round_.dwellings], side="left") + 1
    dwell = np.searchsorted(person_level, above, side="left")
    pers = np.searchsorted(person_level, within, side="left")
    return dwell.tolist(), pers.tolist()


def _dwelling_classes(round_: Round, tree: AreaTree, buckets: list[int]):
    limits = rent_limits(round_.year)
    dtype_ids: dict[DType, int] = {}
    class_ids: dict[tuple[int, int, str | None], list[int]] = {}
    by_id = sorted(range(len(round_.dwellings)), key=lambda i: round_.dwellings[i].id)
    tid_of: dict[tuple, int] = {}  # raw attributes -> dtype id (DType objects are slow)
    for i in by_id:  # members come out sorted by id
        d = round_.dwellings[i]
        raw = (
            buckets[i],
            rent_band(d.rent, limits),
            d.min_household,
            d.max_household,
            d.features,
            d.housing_form,
        )
        tid = tid_of.get(raw)
        if tid is None:
            tid = tid_of[raw] = dtype_ids.setdefault(_dtype(d, buckets[i], limits), len(dtype_ids))
        cx = d.complex if d.complex in round_.complex_caps else None
        class_ids.setdefault((tid, tree.index[d.area], cx), []).append(i)
    dtypes = list(dtype_ids)
    keys = sorted(class_ids, key=lambda k: (tree.ids[k[1]], k[2] or "", dtypes[k[0]]._key()))
    members = [class_ids[k] for k in keys]
    return dtypes, keys, members


def _dtype(d: DwellingOffer, bucket: int, limits: tuple[float, ...]) -> DType:
    return DType(
        bucket,
        rent_band(d.rent, limits),
        d.min_household,
        d.max_household,
        frozenset(d.features),
        d.housing_form,
    )


def build_classes(round_: Round, tree: AreaTree | None = None) -> Classes:
    """The round's classes. `tree`: the tree of `round_.areas` built before (`build_tree`) and
    passed again for rounds over the same areas, so the covers and regions it memoises carry
    over from round to round (the simulator's monthly rounds); the result is the same."""
    tree = reuse_tree(round_, tree)
    limits = rent_limits(round_.year)
    d_buckets, p_buckets = _rent_buckets(round_)
    dtypes, dclasses, members = _dwelling_classes(round_, tree, d_buckets)
    order = rank_order(round_.candidates)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    cands = round_.candidates
    support = list(map(_TEAM, cands))
    teams = sorted({t for t in support if t is not None})
    team_index: dict[str | None, int] = {None: -1} | {t: i for i, t in enumerate(teams)}
    ptype_ids: dict[PType, int] = {}
    cover_ids: dict[Cover, int] = {}
    n = len(cands)
    # many people share attributes: each distinct set is looked at once, in order of first
    # appearance (so types and covers get the same ids as a person-by-person pass would give)
    raws = list(zip(p_buckets, map(_PTYPE_ATTRS, cands), strict=True))
    codes, firsts = _first_appearance(raws)
    type_of = np.empty(len(firsts), dtype=np.int64)
    for k, (bucket, (max_rent, household, needs, forms)) in enumerate(firsts):
        pt = PType(
            bucket, rent_band(max_rent, limits), household, frozenset(needs), frozenset(forms)
        )
        type_of[k] = ptype_ids.setdefault(pt, len(ptype_ids))
    cand_ptype = type_of[codes]
    cand_region, cand_pref = _regions(tree, cover_ids, cands)
    cand_team = np.fromiter(map(team_index.__getitem__, support), dtype=np.int64, count=n)
    ptypes = list(ptype_ids)
    return Classes(
        round=round_,
        tree=tree,
        order=order,
        rank=rank,
        dtypes=dtypes,
        dclasses=dclasses,
        dclass_dwellings=members,
        ptypes=ptypes,
        covers=list(cover_ids),
        cand_ptype=cand_ptype,
        cand_region=cand_region,
        cand_pref=cand_pref,
        teams=teams,
        cand_team=cand_team,
        team_cap=[round_.team_caps.get(t) for t in teams],
    )


_TEAM = attrgetter("support_team")
_WAITING = attrgetter("waiting_days")
_PRIORITY = attrgetter("priority")
_PTYPE_ATTRS = attrgetter("max_rent", "household_size", "needs", "housing_forms")


def _first_appearance(keys: list) -> tuple[np.ndarray, list]:
    """Per key the index of its value among the distinct values, and those values in order of
    first appearance."""
    firsts = list(dict.fromkeys(keys))
    index = {k: i for i, k in enumerate(firsts)}
    return np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys)), firsts


def type_arrays(cls: Classes) -> dict[str, np.ndarray]:
    """Person-type and dwelling-type attributes as arrays (features, forms as bitmasks)."""
    if "_type_arrays" in cls.__dict__:
        return cls.__dict__["_type_arrays"]
    vocab = sorted(
        {f for t in cls.dtypes for f in t.features}
        | {n for p in cls.ptypes for n in p.needs}
        | {t.form for t in cls.dtypes}
        | {f for p in cls.ptypes for f in p.forms}
    )
    bit = {f: 1 << i for i, f in enumerate(vocab)}
    kind = object if len(vocab) > 62 else np.int64

    def mask(names) -> int:
        return sum(bit[f] for f in names)

    out = {
        "p_bucket": np.array([p.bucket for p in cls.ptypes], dtype=np.int64),
        "p_band": np.array([p.band for p in cls.ptypes], dtype=np.int64),
        "p_hh": np.array([p.household for p in cls.ptypes], dtype=np.int64),
        "p_need": np.array([mask(p.needs) for p in cls.ptypes], dtype=kind),
        "p_forms": np.array([mask(p.forms) for p in cls.ptypes], dtype=kind),
        "d_bucket": np.array([t.bucket for t in cls.dtypes], dtype=np.int64),
        "d_band": np.array([t.band for t in cls.dtypes], dtype=np.int64),
        "d_min": np.array([t.min_household for t in cls.dtypes], dtype=np.int64),
        "d_max": np.array([t.max_household for t in cls.dtypes], dtype=np.int64),
        "d_feat": np.array([mask(t.features) for t in cls.dtypes], dtype=kind),
        "d_form": np.array([bit[t.form] for t in cls.dtypes], dtype=kind),
    }
    cls.__dict__["_type_arrays"] = out
    return out


def compatible(cls: Classes, pts: np.ndarray, dts: np.ndarray, rent: bool = True) -> np.ndarray:
    """`PType.accepts(DType)` elementwise (broadcasting), without a type x type table.
    `rent=False`: everything but the rent (the rent levels of `ladders.py` handle that)."""
    a = type_arrays(cls)
    hh = a["p_hh"][pts]
    need = a["p_need"][pts]
    forms = a["p_forms"][pts]
    ok = (a["d_min"][dts] <= hh) & (hh <= a["d_max"][dts])
    if rent:
        ok &= a["d_bucket"][dts] <= a["p_bucket"][pts]
    ok &= (need & a["d_feat"][dts]) == need
    ok &= (forms == 0) | ((forms & a["d_form"][dts]) != 0)
    return np.asarray(ok, dtype=bool)


def type_fit(cls: Classes, pts: np.ndarray, dts: np.ndarray) -> np.ndarray:
    """`fit.type_fit` elementwise: the fit of an arc, looked up per arc."""
    a = type_arrays(cls)
    if "_small" not in a:  # int16 lookups: national pair listings have tens of millions of arcs
        a["_small"] = {k: a[k].astype(np.int16) for k in ("d_max", "p_hh", "p_band", "d_band")}
    s = a["_small"]
    spare = s["d_max"][dts] - s["p_hh"][pts] - 1
    np.maximum(spare, 0, out=spare)
    size = np.maximum(0, SIZE_POINTS - 5 * spare)
    del spare
    steps = s["p_band"][pts] - s["d_band"][dts]
    np.clip(steps, 0, RENT_MAX_STEPS, out=steps)
    size += RENT_STEP_POINTS * steps
    return size.astype(np.int64)


def reuse_tree(round_: Round, tree: AreaTree | None) -> AreaTree:
    """`tree` if given (it must be the tree of the round's declared areas), else a new one."""
    if tree is None:
        return build_tree(round_)
    if not round_.areas or len(tree.ids) != len(round_.areas):
        raise ValueError("de gebiedsboom hoort niet bij deze ronde")
    return tree


def _regions(tree: AreaTree, cover_ids: dict[Cover, int], cands) -> tuple[np.ndarray, ...]:
    """Cover ids per candidate: of (acceptable ∩ supported) and of (preferred ∩ that), -1 when
    empty (`_covers`). People made from one template share their area lists (the same tuple
    objects), so the lists are told apart by identity (cheap) and looked at by value once per
    distinct triple; in order of first appearance, so the ids are a person-by-person pass's."""
    keys = [(id(c.areas), id(c.support_areas), id(c.preferred_areas)) for c in cands]
    reps = dict(zip(keys, cands, strict=True))  # first appearance order, one person each
    index = {k: i for i, k in enumerate(reps)}
    by_id = tree.__dict__.setdefault("_region_by_id", {})  # holds the lists: ids stay theirs
    got = np.empty((len(reps), 2), dtype=np.int64)
    for i, (key, c) in enumerate(reps.items()):
        known = by_id.get(key)
        if known is None:
            where = (c.areas, c.support_areas, c.preferred_areas)
            known = by_id[key] = (where, _covers(tree, *where))
        region, pref = known[1]
        got[i, 0] = cover_ids.setdefault(region, len(cover_ids))
        got[i, 1] = cover_ids.setdefault(pref, len(cover_ids)) if pref else -1
    codes = np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys))
    return got[codes, 0], got[codes, 1]


def _covers(tree: AreaTree, areas, support, preferred) -> tuple[Cover, Cover]:
    """The covers of (acceptable ∩ supported) and of (preferred ∩ that), () when empty;
    memoised on the tree (they depend on the area lists only). The round gives them ids in
    order of first appearance (`_regions`)."""
    cache = tree.__dict__.setdefault("_regions", {})
    key = (areas, support, preferred)
    got = cache.get(key)
    if got is None:
        region = tree.intersect(_cover_of(tree, areas), _cover_of(tree, support))
        pref = tree.intersect(_cover_of(tree, preferred), region) if preferred else ()
        got = cache[key] = (region, pref)
    return got


def _cover_of(tree: AreaTree, names: tuple[str, ...]) -> Cover:
    """`tree.cover_of`, memoised on the tree: the same area lists recur across people."""
    cache = tree.__dict__.setdefault("_cover_of", {})
    got = cache.get(names)
    if got is None:
        got = cache[names] = tree.cover_of(names)
    return got
