"""The `per_vacancy` baseline: today's practice, one vacancy at a time.

Each dwelling in id order goes to the highest-ranked eligible person not yet housed whom no cap
now excludes (complex and area caps exclude everyone for that dwelling; a full support team
excludes its members). Class-based: people sit in queues per cell (person type, region cover,
team), sorted by rank; a dwelling looks only at the heads of the cells eligible for its class, as
one vectorised `argmin` over a small sub-matrix. No people x dwellings loop.
"""

from __future__ import annotations

import numpy as np

from woonregie.matching.caps import CapState
from woonregie.matching.classes import Classes, compatible


def _cells(cls: Classes):
    """Queues per (ptype, region+team column), in rank order."""
    columns: dict[tuple[int, int], int] = {}
    queues: dict[tuple[int, int], list[int]] = {}
    for i in cls.order.tolist():
        col = columns.setdefault((int(cls.cand_region[i]), int(cls.cand_team[i])), len(columns))
        queues.setdefault((int(cls.cand_ptype[i]), col), []).append(i)
    return columns, queues


def per_vacancy(cls: Classes) -> list[tuple[int, int]]:
    """(candidate, dwelling) pairs the per-vacancy practice produces."""
    if not cls.round.candidates or not cls.round.dwellings:
        return []
    columns, queues = _cells(cls)
    inf = np.iinfo(np.int64).max
    head = np.full((len(cls.ptypes), len(columns)), inf, dtype=np.int64)
    pos = dict.fromkeys(queues, 0)
    for (pt, col), q in queues.items():
        head[pt, col] = cls.rank[q[0]]
    col_cover = np.array([r for r, _ in columns], dtype=np.int64)
    col_team = np.array([t for _, t in columns], dtype=np.int64)
    region_ok = cls.region_ok()
    area_cols = {}
    type_rows: dict[int, np.ndarray] = {}
    all_types = np.arange(len(cls.ptypes))
    team_used = [0] * len(cls.teams)
    for t, cap in enumerate(cls.team_cap):
        if cap == 0:
            head[:, col_team == t] = inf
    caps = CapState.empty(cls)
    by_rank = np.argsort(cls.rank)  # rank -> candidate
    pairs: list[tuple[int, int]] = []
    dclass_of = _dclass_of_dwelling(cls)
    order = sorted(range(len(cls.round.dwellings)), key=lambda d: cls.round.dwellings[d].id)
    for d in order:
        if caps.blocking(d):
            continue
        dt, area, _ = cls.dclasses[dclass_of[d]]
        if area not in area_cols:
            area_cols[area] = np.flatnonzero(region_ok[col_cover, area])
        if dt not in type_rows:  # person types accepting dwelling type dt (per pair, no table)
            type_rows[dt] = np.flatnonzero(compatible(cls, all_types, np.full(all_types.size, dt)))
        rows, cols = type_rows[dt], area_cols[area]
        if rows.size == 0 or cols.size == 0:
            continue
        sub = head[np.ix_(rows, cols)]
        best = int(sub.argmin())
        if sub.flat[best] == inf:
            continue
        cell = (int(rows[best // cols.size]), int(cols[best % cols.size]))
        cand = int(by_rank[sub.flat[best]])
        pairs.append((cand, d))
        caps.place(d)
        pos[cell] += 1
        q = queues[cell]
        head[cell] = cls.rank[q[pos[cell]]] if pos[cell] < len(q) else inf
        team = int(cls.cand_team[cand])
        if team >= 0:
            team_used[team] += 1
            cap = cls.team_cap[team]
            if cap is not None and team_used[team] >= cap:
                head[:, col_team == team] = inf
    return pairs


def _dclass_of_dwelling(cls: Classes) -> list[int]:
    out = [0] * len(cls.round.dwellings)
    for j, members in enumerate(cls.dclass_dwellings):
        for d in members:
            out[d] = j
    return out
