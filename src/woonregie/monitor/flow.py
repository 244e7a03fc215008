"""Flow and stock (instroom, uitstroom, stand): counts of status changes and statuses."""

from __future__ import annotations

import numpy as np

from woonregie.monitor import columns as c
from woonregie.monitor.calendar import Period
from woonregie.monitor.records import STATUSES, Changes, History

OUTFLOW = (("gehuisvest", c.GEHUISVEST), ("teruggevallen", c.TERUGGEVALLEN),
           ("uitgeschreven", c.UITGESCHREVEN))


def first_inflow(ch: Changes, period: Period) -> dict[str, int]:
    """eerste_instroom: persons whose first-ever status change is dated in the period."""
    return c.per_group(ch, ch.first & c.in_period(ch, period.first, period.last))


def inflow(ch: Changes, period: Period) -> dict[str, int]:
    """instroom: first inflow plus re-entries in the period (changes into `teruggevallen`,
    and `uitgeschreven` → `aangemeld`)."""
    reentry = (ch.target == c.TERUGGEVALLEN) | (
        (ch.source == c.UITGESCHREVEN) & (ch.target == c.AANGEMELD))
    return c.per_group(ch, (ch.first | reentry) & c.in_period(ch, period.first, period.last))


def outflow(ch: Changes, period: Period) -> dict[str, dict[str, int]]:
    """uitstroom: changes in the period into gehuisvest, teruggevallen and uitgeschreven."""
    dated = c.in_period(ch, period.first, period.last)
    return {name: c.per_group(ch, dated & (ch.target == code)) for name, code in OUTFLOW}


def stock(h: History, period: Period) -> dict[str, int]:
    """stand: persons per status on `tot` (the target of their last change dated ≤ tot)."""
    rows = c.last_rows_until(h, period.last)
    counts = np.bincount(h.target[rows], minlength=len(STATUSES))
    return {str(s): int(counts[i]) for i, s in enumerate(STATUSES)}
