"""The clock (klok): where logic gets "today" and "now" from.

Time-based rules (waiting days, rent-limit years, retention, stalls, escalation) take the clock
from the unit of work instead of calling `date.today()`, so a test can put them on a
`FakeClock` and move time forward. `SystemClock` is the real one; timestamps are naive UTC,
as the database stores them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The machine's clock: local date, naive UTC timestamps."""

    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class FakeClock:
    """A clock that stands still until a test moves it (`advance`)."""

    at: datetime

    @classmethod
    def on(cls, day: date) -> FakeClock:
        return cls(datetime(day.year, day.month, day.day, 12, 0))

    def today(self) -> date:
        return self.at.date()

    def now(self) -> datetime:
        return self.at

    def advance(self, days: int = 0, **more: float) -> None:
        self.at += timedelta(days=days, **more)


SYSTEM_CLOCK = SystemClock()
