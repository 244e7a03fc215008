"""The `per_vacancy` baseline: today's practice, one vacancy at a time.

Each dwelling in id order goes to the highest-ranked eligible person not yet housed whom no cap
now excludes (complex and area caps exclude everyone for that dwelling; a full support team
excludes its members). Class-based: people sit in queues per cell (person type, region cover,
team), sorted by rank; a dwelling looks only at the heads of the cells of the person types that
accept its type, keeps those whose region holds its area, and takes the best head (one
vectorised `argmin`). Cells are kept sparse (one per occupied combination): a dense person type
x (region, team) table of heads took 1.5 GB and 5 minutes on 20,000 people with individual
rents and area sets, where nearly every person is a type and a region of their own.
No people x dwellings loop.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from woonregie.matching.caps import CapState
from woonregie.matching.classes import Classes, compatible
from woonregie.matching.network import ranges

_NONE = np.iinfo(np.int64).max  # head rank of an empty or excluded cell
# Cell lists kept per dwelling type (8 bytes each): many dwellings share a type in a calibrated
# round; with individual rents nearly every dwelling is a type of its own and caching them all
# would cost hundreds of MB for nothing.
_CACHE_CELLS = 4_000_000


@dataclass
class _Cells:
    """Rank-ordered queues per occupied (type, region, team) cell, cells sorted by type."""

    members: np.ndarray  # candidates, cell by cell, each cell in rank order
    end: np.ndarray  # per cell: one past its last member in `members`
    head: np.ndarray  # per cell: position of its next member in `members`
    region: np.ndarray  # per cell
    team: np.ndarray  # per cell
    type_start: np.ndarray  # per person type: first cell of that type (+ one past the end)

    def close_team(self, team: int) -> None:
        """No one of `team` is taken any more (its cap is 0 or reached)."""
        of_team = self.team == team
        self.head[of_team] = self.end[of_team]

    def head_ranks(self, cls: Classes, cells: np.ndarray) -> np.ndarray:
        pos = self.head[cells]
        live = pos < self.end[cells]
        out = np.full(cells.size, _NONE, dtype=np.int64)
        out[live] = cls.rank[self.members[pos[live]]]
        return out


def _cells(cls: Classes) -> _Cells:
    order = cls.order
    pt, region, team = cls.cand_ptype[order], cls.cand_region[order], cls.cand_team[order]
    by_cell = np.lexsort((region * (len(cls.teams) + 1) + team + 1, pt))  # stable: rank kept
    members = order[by_cell]
    pt, region, team = pt[by_cell], region[by_cell], team[by_cell]
    new = np.r_[True, (pt[1:] != pt[:-1]) | (region[1:] != region[:-1]) | (team[1:] != team[:-1])]
    starts = np.flatnonzero(new)
    end = np.r_[starts[1:], members.size]
    type_start = np.searchsorted(pt[starts], np.arange(len(cls.ptypes) + 1))
    return _Cells(members, end, starts.copy(), region[starts], team[starts], type_start)


def per_vacancy(cls: Classes) -> list[tuple[int, int]]:
    """(candidate, dwelling) pairs the per-vacancy practice produces."""
    if not cls.round.candidates or not cls.round.dwellings:
        return []
    cells = _cells(cls)
    for t, cap in enumerate(cls.team_cap):
        if cap == 0:
            cells.close_team(t)
    region_ok = cls.region_ok()
    type_cells: dict[int, np.ndarray] = {}
    cached = 0
    all_types = np.arange(len(cls.ptypes))
    team_used = [0] * len(cls.teams)
    caps = CapState.empty(cls)
    pairs: list[tuple[int, int]] = []
    dclass_of = _dclass_of_dwelling(cls)
    order = sorted(range(len(cls.round.dwellings)), key=lambda d: cls.round.dwellings[d].id)
    for d in order:
        if caps.blocking(d):
            continue
        dt, area, _ = cls.dclasses[dclass_of[d]]
        near = type_cells.get(dt)
        if near is None:  # cells of the person types accepting dt (per pair, no table)
            rows = np.flatnonzero(compatible(cls, all_types, np.full(all_types.size, dt)))
            near = ranges(cells.type_start[rows], cells.type_start[rows + 1])[1]
            if cached + near.size <= _CACHE_CELLS:
                type_cells[dt] = near
                cached += near.size
        near = near[region_ok[cells.region[near], area]]
        if near.size == 0:
            continue
        heads = cells.head_ranks(cls, near)
        best = int(heads.argmin())
        if heads[best] == _NONE:
            continue
        cell = int(near[best])
        cand = int(cells.members[cells.head[cell]])
        pairs.append((cand, d))
        caps.place(d)
        cells.head[cell] += 1
        team = int(cls.cand_team[cand])
        if team >= 0:
            team_used[team] += 1
            cap = cls.team_cap[team]
            if cap is not None and team_used[team] >= cap:
                cells.close_team(team)
    return pairs


def _dclass_of_dwelling(cls: Classes) -> list[int]:
    out = [0] * len(cls.round.dwellings)
    for j, members in enumerate(cls.dclass_dwellings):
        for d in members:
            out[d] = j
    return out
