"""Tenancy sustainment (huurbehoud) and returns (terugval) of first placements."""

from __future__ import annotations

from datetime import date

import numpy as np

from woonregie.monitor import columns as c
from woonregie.monitor.calendar import Period, add_months, add_months_ordinals
from woonregie.monitor.records import History, Placements
from woonregie.monitor.stats import share

HORIZONS = (6, 12, 24)
"""Months after the first placement at which huurbehoud is measured."""
RETURN_WINDOWS = (("0_180", 0, 180), ("181_365", 181, 365), ("366_730", 366, 730))
RETURN_DAYS = 730


def first_placements(p: Placements, corporation: str | None = None) -> np.ndarray:
    """Index of each person's first placement (earliest start); with `corporation`, only the
    persons whose first placement is in a dwelling of that corporation."""
    rows = c.memoised(p.memo, ("first_placements",), lambda: _first_placements(p))
    if corporation is not None:
        rows = rows[p.corporation[rows] == corporation]
    return rows


def _first_placements(p: Placements) -> np.ndarray:
    order = np.lexsort((p.start, p.person))
    first = np.ones(len(order), dtype=bool)
    first[1:] = p.person[order][1:] != p.person[order][:-1]
    return order[first]


def sustainment(p: Placements, period: Period, corporation: str | None = None) -> dict:
    """huurbehoud: per horizon N (6, 12, 24 months) the first placements starting in
    [tot − N months − 365 days, tot − N months] and the share of those persons housed (by any
    placement) on start + N months."""
    firsts = first_placements(p, corporation)
    return {str(n): _sustained(p, firsts, period.tot, n) for n in HORIZONS}


def _sustained(p: Placements, firsts: np.ndarray, tot: date, months: int) -> dict:
    hi = add_months(tot, -months).toordinal()
    rows = firsts[(p.start[firsts] >= hi - 365) & (p.start[firsts] <= hi)]
    if len(rows) == 0:
        return {"aantal": 0, "aandeel": None}
    check = np.full(int(p.person.max()) + 1, -1, dtype=np.int64)
    check[p.person[rows]] = add_months_ordinals(p.start[rows], months)
    on = check[p.person]
    housed = (on >= 0) & (p.start <= on) & (p.end > on)
    people = np.zeros(len(check), dtype=bool)
    people[p.person[housed]] = True  # each person once, however many placements house them
    return {"aantal": int(len(rows)), "aandeel": share(int(people.sum()), len(rows))}


def returns(h: History, p: Placements, period: Period, corporation: str | None = None) -> dict:
    """terugval: persons whose first placement starts in [van − 730 days, tot − 730 days]; the
    share whose first change into teruggevallen on or after that start came within 0–180,
    181–365 and 366–730 days, and within 730 days in all."""
    firsts = first_placements(p, corporation)
    starts = p.start[firsts]
    rows = firsts[(starts >= period.first - RETURN_DAYS) & (starts <= period.last - RETURN_DAYS)]
    n = len(rows)
    days = _days_to_return(h, p.person[rows], p.start[rows])
    out: dict = {"aantal": int(n)}
    for name, lo, hi in RETURN_WINDOWS:
        out[name] = share(int(((days >= lo) & (days <= hi)).sum()), n)
    out["totaal"] = share(int(((days >= 0) & (days <= RETURN_DAYS)).sum()), n)
    return out


def _days_to_return(h: History, people: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Days from each start to the person's first change into teruggevallen dated on or after
    it; -1 where there is none."""
    tv = np.flatnonzero(h.target == c.TERUGGEVALLEN)
    if len(tv) == 0 or len(people) == 0:
        return np.full(len(people), -1, dtype=np.int64)
    span = int(max(h.day.max(), starts.max())) + 1
    keys = np.sort(h.person[tv] * span + h.day[tv])
    at = np.searchsorted(keys, people * span + starts, side="left")
    found = at < len(keys)
    at[~found] = 0
    found &= keys[at] // span == people
    return np.where(found, keys[at] % span - starts, -1)
