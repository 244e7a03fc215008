"""The injected clock: a fake one stands still until moved."""

from datetime import date, datetime

from woonregie.domain.clock import SYSTEM_CLOCK, FakeClock


def test_fake_clock_moves_only_when_told():
    clock = FakeClock.on(date(2026, 12, 31))
    assert clock.today() == date(2026, 12, 31) == clock.today()
    clock.advance(1)
    assert clock.today() == date(2027, 1, 1)
    assert clock.now() == datetime(2027, 1, 1, 12, 0)


def test_system_clock_is_naive_utc():
    assert SYSTEM_CLOCK.now().tzinfo is None
