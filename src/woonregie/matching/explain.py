"""Why someone was not housed: machine codes plus Dutch reasons a regisseur can act on.

Codes
* ``geen_passende_woning`` -- no dwelling in the round meets all hard constraints; the reason
  names the constraint (huur, huishouden, kenmerken, gebied, woonvorm, begeleiding) that excludes
  the most dwellings, with counts.
* ``voorrang_anderen`` -- eligible dwellings exist but went to people with a higher rank.
* ``plafond_complex`` / ``plafond_gebied`` -- an eligible dwelling is still empty, but a cap on
  its complex or area chain is reached; the reason names the cap id and its value.
* ``team_vol`` -- the person's support team has no capacity left this round; with
  ``team_kostte_plaatsing`` when a dwelling was available for them on the dwelling side, i.e. the
  team cap (care capacity), not the housing, cost this placement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from woonregie.domain.dutch_digits import euro
from woonregie.domain.enums import Feature, HousingForm
from woonregie.domain.vocabulary import labels
from woonregie.matching.caps import CapState
from woonregie.matching.classes import (
    Classes,
    compatible,
    cover_nodes,
    group_arrays,
    member,
    type_arrays,
)

CONSTRAINTS = ("huur", "huishouden", "kenmerken", "gebied", "woonvorm", "begeleiding")
_LABEL = {
    "huur": "de huur hoger is dan de maximale huur ({rent})",
    "huishouden": "de woning niet past bij een huishouden van {hh}",
    "kenmerken": "de woning benodigde kenmerken mist ({needs})",
    "gebied": "de woning buiten de aanvaardbare gebieden ligt ({areas})",
    "woonvorm": "de woonvorm niet is toegestaan ({forms})",
    "begeleiding": "het begeleidingsteam daar niet werkt ({support})",
}


@dataclass
class Context:
    cls: Classes
    caps: CapState
    vacant: np.ndarray  # per dwelling class: empty dwellings
    blocked: list[list[tuple[str, str, int]]]  # per dwelling class: full caps on its chain
    team_used: list[int]
    dc_dtype: np.ndarray
    dc_area: np.ndarray
    dc_size: np.ndarray
    # optimal policy: ((ptype, region) groups that can take one more on the dwelling side,
    # candidates a free team slot would have housed); None (baseline) = judge by vacancies
    augmentable: tuple[set[tuple[int, int]], set[int]] | None
    housed: set[int] = field(default_factory=set)
    dwelling_arrays: dict[str, np.ndarray] = field(default_factory=dict)
    cache: dict[tuple, Any] = field(default_factory=dict)


def build_context(cls: Classes, pairs, augmentable=None) -> Context:
    taken = {d for _, d in pairs}
    caps = CapState.of(cls, sorted(taken))
    vacant = np.array(
        [sum(d not in taken for d in m) for m in cls.dclass_dwellings], dtype=np.int64
    )
    blocked = [
        caps.blocking(m[0]) if v else [] for m, v in zip(cls.dclass_dwellings, vacant, strict=True)
    ]
    team_used = [0] * len(cls.teams)
    for c, _ in pairs:
        if cls.cand_team[c] >= 0:
            team_used[cls.cand_team[c]] += 1
    return Context(
        cls,
        caps,
        vacant,
        blocked,
        team_used,
        np.array([k[0] for k in cls.dclasses], dtype=np.int64),
        np.array([k[1] for k in cls.dclasses], dtype=np.int64),
        np.array([len(m) for m in cls.dclass_dwellings], dtype=np.int64),
        augmentable,
        {c for c, _ in pairs},
    )


def _class_counts(ctx: Context) -> dict[str, _GroupTable]:
    """Eligible, vacant and freely available (no full cap) dwellings per (ptype, cover) group
    of the unhoused people: per cover node, cumulative over the open rent levels of the
    group's ladder (`ladders.py`), summed over the cover. No type x type table."""
    if "_counts" not in ctx.cache:
        ctx.cache["_counts"] = _counts_from_ladders(ctx)
    return ctx.cache["_counts"]


class _GroupTable:
    """Counts per (ptype, cover) group, indexed like a dense [ptype, cover] array (scalars or
    arrays of rows and columns), stored sparsely: groups absent have count 0."""

    def __init__(self, codes: np.ndarray, values: np.ndarray, n_covers: int):
        order = np.argsort(codes)
        self.codes, self.values, self.n_covers = codes[order], values[order], n_covers

    def __getitem__(self, key):
        pts, covers = key
        if isinstance(pts, int) and isinstance(covers, int):
            if not hasattr(self, "_by_code"):
                self._by_code = dict(zip(self.codes.tolist(), self.values.tolist(), strict=True))
            return self._by_code.get(pts * self.n_covers + covers, 0)
        codes = np.asarray(pts, dtype=np.int64) * self.n_covers + np.asarray(covers)
        idx = np.minimum(np.searchsorted(self.codes, codes), max(0, self.codes.size - 1))
        found = (self.codes[idx] == codes) if self.codes.size else np.zeros_like(codes, bool)
        out = np.where(found, self.values[idx] if self.codes.size else 0, 0)
        return out if out.ndim else int(out)


def _counts_from_ladders(ctx: Context) -> dict[str, _GroupTable]:
    from woonregie.matching.ladders import build_ladders, person_bases, ukeys
    from woonregie.matching.network import group_ladder_pairs

    cls = ctx.cls
    housed = np.zeros(len(cls.round.candidates), dtype=bool)
    housed[list(ctx.housed)] = True
    groups = sorted(
        set(zip(cls.cand_ptype[~housed].tolist(), cls.cand_region[~housed].tolist(), strict=True))
    )
    ladders = cls.__dict__.get("_ladders") or build_ladders(cls, group_ladder_pairs(cls, groups))
    gpt, gcover = group_arrays(groups)
    gi, ms = cover_nodes(cls, gcover)
    pts = gpt[gi]
    lad = ladders.ladder_of(person_bases(cls)[0][pts], ms)
    p = ladders.prefix(lad, type_arrays(cls)["p_bucket"][pts])
    codes = gpt * len(cls.covers) + gcover
    free = ctx.vacant * np.array([not b for b in ctx.blocked], dtype=np.int64)
    uk = ukeys(cls)
    out = {}
    for name, weight in (("total", ctx.dc_size), ("vacant", ctx.vacant), ("free", free)):
        per = ladders.open_sum(f"explain_{name}", uk.weigh(weight), lad, p)
        per_group = np.bincount(gi, weights=per, minlength=len(groups))
        out[name] = _GroupTable(codes, np.rint(per_group).astype(np.int64), len(cls.covers))
    return out


def explain_unassigned(ctx: Context, cand: int) -> tuple[list[str], list[str]]:
    """Codes and reasons of one unhoused candidate (`explain_many` for one person)."""
    return explain_many(ctx, np.array([cand], dtype=np.int64))[0]


def explain_many(ctx: Context, cands: np.ndarray) -> list[tuple[list[str], list[str]]]:
    """Codes and reasons of many unhoused candidates, computed once per class (same objects).

    People of one (type, region, team, team-cost) class share their explanation; the class
    counts are looked up for all classes at once, so the per-class Python work is only the
    wording.
    """
    cls = ctx.cls
    if cands.size == 0:
        return []
    cost = np.zeros(cands.size, dtype=np.int64)
    if ctx.augmentable is not None and ctx.augmentable[1]:
        cost = member(cands, np.fromiter(ctx.augmentable[1], dtype=np.int64)).astype(np.int64)
    keys = np.stack(
        (cls.cand_ptype[cands], cls.cand_region[cands], cls.cand_team[cands], cost), axis=1
    )
    uniq, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    counts = _class_counts(ctx)
    pts, regions = uniq[:, 0], uniq[:, 1]
    total = np.asarray(counts["total"][pts, regions]).reshape(-1)
    vacant = np.asarray(counts["vacant"][pts, regions]).reshape(-1)
    free = np.asarray(counts["free"][pts, regions]).reshape(-1)
    capped = np.unique(uniq[vacant > free, :2], axis=0, return_index=True)[0]  # no numpy.ma
    _prefetch_caps(ctx, capped[:, 0], capped[:, 1])
    if ctx.augmentable is None:
        possible = (free > 0).tolist()
    else:
        groups = ctx.augmentable[0]
        possible = [
            (p, r) in groups or bool(c)
            for p, r, c in zip(pts.tolist(), regions.tolist(), uniq[:, 3].tolist(), strict=True)
        ]
    shared: list = [None] * len(uniq)
    rows = zip(
        np.flatnonzero(total > 0).tolist(),
        pts[total > 0].tolist(),
        regions[total > 0].tolist(),
        uniq[total > 0, 2].tolist(),
        total[total > 0].tolist(),
        vacant[total > 0].tolist(),
        free[total > 0].tolist(),
        strict=True,
    )
    for u, pt, region, team, n_total, n_vacant, n_free in rows:
        shared[u] = _explain_class(ctx, pt, region, team, (n_total, n_vacant, n_free), possible[u])
    out = []
    for i, u in enumerate(inverse.tolist()):
        got = shared[u]
        out.append(got if got is not None else no_eligible(ctx, int(cands[i])))
    return out


def _explain_class(
    ctx: Context, pt: int, region: int, team: int, counts: tuple[int, int, int], possible: bool
) -> tuple[list[str], list[str]]:
    """Reasons of one class with eligible dwellings: counts = (eligible, vacant, free); possible
    = a dwelling was available on the dwelling side (see `Context.augmentable`)."""
    cls = ctx.cls
    total, vacant, free = counts
    codes: list[str] = []
    reasons: list[str] = []
    cap = cls.team_cap[team] if team >= 0 else None
    if cap is not None and ctx.team_used[team] >= cap:
        codes.append("team_vol")
        reasons.append(
            f"Begeleidingsteam {cls.teams[team]} zit vol: het kan deze ronde "
            f"{cap} nieuwe cliënt(en) begeleiden en die plaatsen zijn vergeven."
        )
        if possible:
            codes.append("team_kostte_plaatsing")
            reasons.append(
                "Er was wel een passende woning beschikbaar: de capaciteit van het "
                "begeleidingsteam heeft deze plaatsing gekost. Extra "
                "begeleidingscapaciteit zou deze persoon huisvesten."
            )
    if vacant > free:
        _cap_reasons(ctx, pt, region, codes, reasons)
    if total - vacant > 0 and not possible:
        codes.append("voorrang_anderen")
        reasons.append(
            f"{total - vacant} van de {total} passende woningen gingen naar "
            "kandidaten met een hogere rang (prioriteit, wachttijd) die niet "
            "anders te huisvesten waren."
        )
    return reasons, codes


def _cap_reasons(ctx: Context, pt: int, region: int, codes: list[str], reasons: list[str]) -> None:
    """Name the full caps in front of eligible empty dwellings (biggest blockers first)."""
    key = ("caps", pt, region)
    if key not in ctx.cache:
        ctx.cache[key] = _blocking_caps(ctx, pt, region)
    for code, reason in ctx.cache[key]:
        codes.append(code)
        reasons.append(reason)


def _cap_table(ctx: Context):
    """Flattened (blocked dwelling class, full cap) pairs for vectorised counting."""
    if "_cap_table" not in ctx.cache:
        cap_ids: dict[tuple[str, str, int], int] = {}
        rows, caps = [], []
        for j, blocked in enumerate(ctx.blocked):
            for cap in blocked:
                rows.append(j)
                caps.append(cap_ids.setdefault(cap, len(cap_ids)))
        rows_a = np.asarray(rows, dtype=np.int64)
        ctx.cache["_cap_table"] = (
            rows_a,
            np.asarray(caps, dtype=np.int64),
            list(cap_ids),
            ctx.dc_dtype[rows_a],
            ctx.dc_area[rows_a],
            ctx.vacant[rows_a],
        )
    return ctx.cache["_cap_table"]


# (class, blocked row) cells per vectorised step: each cell costs ~80 bytes of temporaries
# (`compatible` and the region rows), so 1 M cells stay under 100 MB; 4 M made the explanations
# the peak of a national round (+380 MB).
_PREFETCH_CELLS = 1_000_000


def _prefetch_caps(ctx: Context, pts: np.ndarray, regions: np.ndarray) -> None:
    """Eligible empty dwellings behind each full cap, for many (type, region) classes at once.

    Same numbers as `_per_cap` one class at a time: rows sorted by cap, one `reduceat` per chunk
    of classes (bounded memory at national size).
    """
    _, cap_of_row, names, row_dtype, row_area, row_vacant = _cap_table(ctx)
    if cap_of_row.size == 0:
        return
    # rows grouped by cap: per class, one reduceat over the eligible empty dwellings per cap
    by_cap = np.argsort(cap_of_row, kind="stable")
    caps_sorted = cap_of_row[by_cap]
    starts = np.flatnonzero(np.r_[True, caps_sorted[1:] != caps_sorted[:-1]])
    present = caps_sorted[starts]
    row_dtype, row_area = row_dtype[by_cap], row_area[by_cap]
    vac = row_vacant[by_cap].astype(np.int64)
    step = max(1, _PREFETCH_CELLS // cap_of_row.size)
    for lo in range(0, pts.size, step):
        p, r = pts[lo : lo + step], regions[lo : lo + step]
        elig = compatible(ctx.cls, p[:, None], row_dtype[None, :])
        elig &= ctx.cls.region_rows(r)[:, row_area]
        per_cap = np.zeros((p.size, len(names)), dtype=np.int64)
        per_cap[:, present] = np.add.reduceat(elig * vac, starts, axis=1)
        for k in range(p.size):
            ctx.cache[("per_cap", int(p[k]), int(r[k]))] = per_cap[k]


def _per_cap(ctx: Context, pt: int, region: int) -> np.ndarray:
    """Per full cap: eligible empty dwellings of the class behind it."""
    got = ctx.cache.get(("per_cap", pt, region))
    if got is not None:
        return got
    _, cap_of_row, names, row_dtype, row_area, row_vacant = _cap_table(ctx)
    elig = compatible(ctx.cls, np.full(row_dtype.size, pt), row_dtype)
    elig &= ctx.cls.region_rows(np.array([region]))[0, row_area]
    weight = np.where(elig, row_vacant, 0)
    return np.bincount(cap_of_row, weights=weight, minlength=len(names))


def _blocking_caps(ctx: Context, pt: int, region: int) -> list[tuple[str, str]]:
    """The cap reasons of a class; classes with the same counts behind the same caps share
    them (worded once: with individual rents most classes are one person)."""
    per_cap = _per_cap(ctx, pt, region)
    caps = np.flatnonzero(per_cap)
    key = ("caps worded", caps.tobytes(), per_cap[caps].tobytes())  # a few bytes, not the row
    if key not in ctx.cache:
        ctx.cache[key] = _word_caps(_cap_table(ctx)[2], caps.tolist(), per_cap[caps].tolist())
    return ctx.cache[key]


def _word_caps(names, caps: list[int], counts: list[int]) -> list[tuple[str, str]]:
    found = {names[c]: n for c, n in zip(caps, counts, strict=True)}
    out: list[tuple[str, str]] = []
    for kind in ("complex", "gebied"):
        hits = sorted((k for k in found if k[0] == kind), key=lambda k: (-found[k], k[1]))
        if not hits:
            continue
        named = ", ".join(
            f"{kind} {k[1]} (plafond {k[2]}, {found[k]} passende woning(en) leeg)" for k in hits[:3]
        )
        more = f" en nog {len(hits) - 3}" if len(hits) > 3 else ""
        out.append(
            (
                f"plafond_{kind}",
                f"Passende woningen staan nog leeg, maar het plafond is bereikt voor "
                f"{named}{more}.",
            )
        )
    return out


def _arrays(ctx: Context) -> dict[str, np.ndarray]:
    """Dwelling attributes as arrays (features as int64 bitmasks) for vectorised counting."""
    if not ctx.dwelling_arrays:
        cls = ctx.cls
        dws = cls.round.dwellings
        vocab = sorted(
            {f for d in dws for f in d.features}
            | {n for c in cls.round.candidates for n in c.needs}
        )
        bit = {f: 1 << i for i, f in enumerate(vocab)}
        ctx.dwelling_arrays = {
            "rent": np.array([d.rent for d in dws], dtype=float),
            "rent_sorted": np.sort(np.array([d.rent for d in dws], dtype=float)),
            "min": np.array([d.min_household for d in dws], dtype=np.int64),
            "max": np.array([d.max_household for d in dws], dtype=np.int64),
            "area": np.array([cls.tree.index[d.area] for d in dws], dtype=np.int64),
            "form": np.array([d.housing_form for d in dws], dtype=object),
            "feat": np.array([sum(bit[f] for f in set(d.features)) for d in dws], dtype=np.int64),
        }
        ctx.cache["_bits"] = bit
    return ctx.dwelling_arrays


def _outside(ctx: Context, names: tuple[str, ...], areas: np.ndarray) -> int:
    """How many dwellings (at `areas`, always all dwellings) lie outside the named areas."""
    key = ("outside", names)  # the same area lists recur across people
    if key not in ctx.cache:
        if "_subtree_dwellings" not in ctx.cache:  # dwellings before each depth-first position
            tin, tout = ctx.cls.tree.dfs_positions()
            at = np.bincount(tin[areas], minlength=tin.size + 1)
            before = np.r_[0, np.cumsum(at)].tolist()
            ctx.cache["_subtree_dwellings"] = (before, tin.tolist(), tout.tolist())
        before, tin, tout = ctx.cache["_subtree_dwellings"]
        # a cover's nodes are disjoint subtrees: the dwellings inside are the sum of theirs
        inside = sum(before[tout[m]] - before[tin[m]] for m in ctx.cls.tree.cover_of(names))
        ctx.cache[key] = areas.size - inside
    return ctx.cache[key]


def _household_misses(ctx: Context, household: int) -> int:
    """Dwellings whose household range excludes `household` (cached: sizes repeat)."""
    key = ("huishouden", household)
    if key not in ctx.cache:
        arr = ctx.dwelling_arrays
        ctx.cache[key] = int(((arr["min"] > household) | (arr["max"] < household)).sum())
    return ctx.cache[key]


def _feature_misses(ctx: Context, needs: tuple[str, ...]) -> int:
    """Dwellings lacking one of `needs` (cached: need sets repeat)."""
    key = ("kenmerken", frozenset(needs))
    if key not in ctx.cache:
        bit = ctx.cache["_bits"]
        need = sum(bit[n] for n in key[1])
        ctx.cache[key] = int(((ctx.dwelling_arrays["feat"] & need) != need).sum())
    return ctx.cache[key]


def _form_misses(ctx: Context, forms: tuple[str, ...]) -> int:
    if not forms:
        return 0
    key = ("vorm", frozenset(forms))
    if key not in ctx.cache:
        ctx.cache[key] = sum(f not in forms for f in ctx.dwelling_arrays["form"].tolist())
    return ctx.cache[key]


def no_eligible(ctx: Context, cand: int) -> tuple[list[str], list[str]]:
    """Count, per hard constraint, how many dwellings it excludes; name the biggest."""
    c = ctx.cls.round.candidates[cand]
    key = ("geen", c.max_rent, c.household_size, c.needs, c.areas, c.support_areas, c.housing_forms)
    if key not in ctx.cache:
        ctx.cache[key] = _no_eligible(ctx, c)
    return ctx.cache[key]


def _no_eligible(ctx: Context, c) -> tuple[list[str], list[str]]:
    arr = _arrays(ctx)
    counts = {
        "huur": arr["rent"].size - int(np.searchsorted(arr["rent_sorted"], c.max_rent, "right")),
        "huishouden": _household_misses(ctx, c.household_size),
        "kenmerken": _feature_misses(ctx, c.needs),
        "gebied": _outside(ctx, c.areas, arr["area"]) if c.areas else 0,
        "woonvorm": _form_misses(ctx, c.housing_forms),
        "begeleiding": _outside(ctx, c.support_areas, arr["area"]) if c.support_areas else 0,
    }
    worst = max(CONSTRAINTS, key=lambda k: (counts[k], -CONSTRAINTS.index(k)))
    n = len(ctx.cls.round.dwellings)
    fill = {
        "rent": euro(c.max_rent),
        "hh": c.household_size,
        "needs": labels(c.needs, Feature),
        "areas": ", ".join(c.areas),
        "forms": labels(c.housing_forms, HousingForm),
        "support": ", ".join(c.support_areas),
    }
    detail = "; ".join(f"{k}: {v}" for k, v in counts.items() if v)
    reasons = [
        f"Geen enkele woning in deze ronde voldoet aan alle eisen. De meeste woningen "
        f"({counts[worst]} van {n}) vallen af omdat {_LABEL[worst].format(**fill)}.",
        f"Afvallers per eis: {detail}." if detail else "Er zijn geen woningen in deze ronde.",
    ]
    return reasons, ["geen_passende_woning", f"geen_passende_woning_{worst}"]
