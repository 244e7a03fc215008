"""Column helpers over a History: where each person's changes start, the status on a day, and
the date of the latest move into `uitstroomklaar` at each change. All linear and vectorised."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np

from woonregie.monitor.records import GROUPS, STATUS_CODE, Changes, History

UITSTROOMKLAAR = STATUS_CODE["uitstroomklaar"]
VOORGEDRAGEN = STATUS_CODE["voorgedragen"]
GEHUISVEST = STATUS_CODE["gehuisvest"]
TERUGGEVALLEN = STATUS_CODE["teruggevallen"]
UITGESCHREVEN = STATUS_CODE["uitgeschreven"]
AANGEMELD = STATUS_CODE["aangemeld"]
WAITING = (UITSTROOMKLAAR, VOORGEDRAGEN)
T = TypeVar("T")


def first_rows(h: History) -> np.ndarray:
    """True at each person's first change."""
    mask = np.ones(len(h.person), dtype=bool)
    mask[1:] = h.person[1:] != h.person[:-1]
    return mask


MEMO_DAYS = 8
"""How many days' `last_rows_until` a History keeps (stand, wachtend and stagnatie ask for
the same `tot`; a dashboard for a few periods)."""


def memoised(memo: dict, key: object, make: Callable[[], T], limit: int = 0) -> T:
    """`make()`, kept in `memo` (a History's or Placements' own) under `key`; with `limit`,
    the kept values of that kind (`key[0]`) are dropped when there are that many."""
    found = memo.get(key)
    if found is None:
        found = make()
        if limit:
            kept = memo.setdefault(("kept", key[0]), [])  # type: ignore[index]
            if len(kept) >= limit:
                for old in kept:
                    memo.pop(old, None)
                kept.clear()
            kept.append(key)
        memo[key] = found
    return found


def last_rows_until(h: History, day: int) -> np.ndarray:
    """Row index of each person's last change dated ≤ `day` (persons without one left out):
    the row that gives their status on `day`."""
    return memoised(h.memo, ("last_rows_until", day), lambda: _last_rows_until(h, day),
                    MEMO_DAYS)


def _last_rows_until(h: History, day: int) -> np.ndarray:
    rows = np.flatnonzero(h.day <= day)
    if len(rows) == 0:
        return rows
    people = h.person[rows]
    is_last = np.ones(len(rows), dtype=bool)
    is_last[:-1] = people[1:] != people[:-1]
    return rows[is_last]


def ready_since(h: History) -> np.ndarray:
    """Per change: the ordinal of the person's latest move into `uitstroomklaar` at or before
    it (in change order), 0 when there is none yet."""
    if len(h.day) == 0:
        return h.day.copy()
    span = int(h.day.max()) + 1
    base = h.person * span
    marked = np.where(h.target == UITSTROOMKLAAR, h.day, 0) + base
    return np.maximum.accumulate(marked) - base


def flat(h: History) -> Changes:
    """The flat view of a whole history."""
    return Changes(group=h.groups[h.person], target=h.target, source=h.source,
                   first=first_rows(h), ready=ready_since(h), day=h.day)


def in_period(c: History | Changes, first: int, last: int) -> np.ndarray:
    return (c.day >= first) & (c.day <= last)


def per_group(c: Changes, rows: np.ndarray) -> dict[str, int]:
    """Counts of the given change rows (boolean mask or indexes) per target group of their
    person, every group present, plus `totaal`."""
    counts = np.bincount(c.group[rows], minlength=len(GROUPS))
    out = {str(g): int(counts[i]) for i, g in enumerate(GROUPS)}
    out["totaal"] = int(counts.sum())
    return out
