"""Calendar arithmetic of the monitor definitions (monitor-definitions.md).

Days are calendar days; dates travel through the engine as proleptic ordinals
(`date.toordinal()`), so a period, a wait or a month offset is integer arithmetic and whole
columns of dates are numpy integer arrays.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from woonregie.domain.errors import DomainError

_EPOCH = date(1970, 1, 1).toordinal()
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)
"""The dates a period may span (a horizon of 24 months and 730 days back stays a real date)."""


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period (periode), inclusive at both ends: `van` ≤ date ≤ `tot`."""

    van: date
    tot: date

    def __post_init__(self) -> None:
        if self.tot < self.van:
            raise DomainError("de einddatum (tot) ligt voor de begindatum (van)")
        if self.van < FIRST_DAY or self.tot > LAST_DAY:
            raise DomainError("de periode moet tussen 1900 en 2199 liggen")

    @property
    def first(self) -> int:
        return self.van.toordinal()

    @property
    def last(self) -> int:
        return self.tot.toordinal()

    def to_json(self) -> dict[str, str]:
        return {"van": self.van.isoformat(), "tot": self.tot.isoformat()}


def add_months(day: date, months: int) -> date:
    """The same day number `months` later (or earlier when negative), clamped to the last day
    of the month: 31 Jan + 1 month = 28 Feb (29 in a leap year)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_months_ordinals(days: np.ndarray, months: int) -> np.ndarray:
    """`add_months` over a column of ordinals (numpy months and days, no Python loop). Many
    dates over a few years (placements) are looked up in the answer for each day between the
    first and the last of them."""
    days = np.asarray(days, dtype=np.int64)
    if len(days) > 64:
        lo, hi = int(days.min()), int(days.max())
        if hi - lo < len(days):
            return _add_months(np.arange(lo, hi + 1, dtype=np.int64), months)[days - lo]
    return _add_months(days, months)


def _add_months(days: np.ndarray, months: int) -> np.ndarray:
    day = (days - _EPOCH).astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    number = (day - month.astype("datetime64[D]")).astype(np.int64)  # day of month − 1
    target = month + months
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64)
    found = target.astype("datetime64[D]") + np.minimum(number, length - 1)
    return found.astype(np.int64) + _EPOCH


@cache
def year_bounds(year: int) -> tuple[int, int]:
    """Ordinals of 1 January and 31 December of `year` (kept: contingent asks per agreement)."""
    return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
