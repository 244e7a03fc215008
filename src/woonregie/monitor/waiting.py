"""Waiting (wachttijd, wachtend) and stagnation (stagnatie) with blocked BW/MO bed-days."""

from __future__ import annotations

import numpy as np

from woonregie.monitor import columns as c
from woonregie.monitor.calendar import Period
from woonregie.monitor.records import GROUP_CODE, GROUPS, Changes, History
from woonregie.monitor.stats import days_summary

THRESHOLD_DAYS = 90
"""Waiting longer than this is stagnation (stagnatie)."""
BLOCKING_GROUPS = (GROUP_CODE["bw_uitstroom"], GROUP_CODE["mo_uitstroom"])
"""Groups whose wait keeps a BW or MO place occupied."""


def waiting_time(ch: Changes, period: Period) -> dict:
    """wachttijd: over changes into gehuisvest dated in the period, days since the person's
    latest change into uitstroomklaar before it (changes without one are left out)."""
    rows = np.flatnonzero((ch.target == c.GEHUISVEST)
                          & c.in_period(ch, period.first, period.last) & (ch.ready > 0))
    days = ch.day[rows] - ch.ready[rows]
    groups = ch.group[rows]
    out = days_summary(days)
    out["per_doelgroep"] = {str(g): days_summary(days[groups == i]) for i, g in enumerate(GROUPS)}
    return out


def _waiting_rows(h: History, period: Period, ready: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows giving the status on `tot` of persons waiting then, and their waiting days."""
    rows = c.last_rows_until(h, period.last)
    rows = rows[np.isin(h.target[rows], c.WAITING) & (ready[rows] > 0)]
    return rows, period.last - ready[rows]


def waiting(h: History, period: Period, ready: np.ndarray | None = None) -> dict:
    """wachtend: persons whose status on `tot` is uitstroomklaar or voorgedragen, with the days
    since their latest change into uitstroomklaar."""
    ready = c.ready_since(h) if ready is None else ready
    return days_summary(_waiting_rows(h, period, ready)[1], with_mean=False)


def stagnation(h: History, period: Period, ready: np.ndarray | None = None) -> dict:
    """stagnatie: persons waiting more than 90 days on `tot`, and the BW/MO places they block:
    days in the period on which a BW or MO person was waiting and had waited more than 90."""
    ready = c.ready_since(h) if ready is None else ready
    waits = _waiting_rows(h, period, ready)[1]
    return {"drempel_dagen": THRESHOLD_DAYS, "aantal": int((waits > THRESHOLD_DAYS).sum()),
            "geblokkeerde_dagen": blocked_days(h, period, ready)}


def blocked_days(h: History, period: Period, ready: np.ndarray) -> int:
    """Each change into a waiting status holds until the person's next change (a later change
    the same day leaves it no day of its own); count its days past the threshold inside the
    period. (`ready` is `columns.ready_since(h)`: what is derived from both is kept with h.)"""
    start, until = c.memoised(h.memo, ("blocking",), lambda: _blocking(h, ready))
    if len(start) == 0:
        return 0
    lo = np.maximum(start, period.first)
    hi = np.minimum(until, period.last)
    return int(np.clip(hi - lo + 1, 0, None).sum())


def _blocking(h: History, ready: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per change into a waiting status of a BW or MO person: the first day it blocks a place
    (its date, or the day the wait passes the threshold) and its last (the day before the
    person's next change; the largest ordinal when there is none)."""
    rows = np.flatnonzero(np.isin(h.target, c.WAITING) & (ready > 0)
                          & np.isin(h.groups[h.person], BLOCKING_GROUPS))
    nxt = rows + 1
    has_next = nxt < len(h.person)
    nxt[~has_next] = 0
    same_person = has_next & (h.person[nxt] == h.person[rows])
    until = np.where(same_person, h.day[nxt] - 1, np.iinfo(np.int64).max)
    return np.maximum(h.day[rows], ready[rows] + THRESHOLD_DAYS + 1), until
