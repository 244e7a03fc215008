"""The taper (afbouw) of the support plan as dated phases."""

from __future__ import annotations

from datetime import date

from woonregie.domain.enums import SupportIntensity as SI
from woonregie.domain.three_party import add_months, taper


def test_taper_phases_follow_each_other():
    phases = taper(SI.INTENSIEF, date(2026, 1, 15))
    assert [(p.intensity, p.start, p.end) for p in phases] == [
        (SI.INTENSIEF, date(2026, 1, 15), date(2026, 7, 15)),
        (SI.MIDDEL, date(2026, 7, 15), date(2027, 1, 15)),
        (SI.LICHT, date(2027, 1, 15), date(2027, 7, 15)),
    ]
    assert taper(SI.GEEN, date(2026, 1, 15)) == []


def test_add_months_keeps_to_the_month():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 1, 31), 3) == date(2026, 4, 30)
