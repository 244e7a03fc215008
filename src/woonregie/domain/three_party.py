"""The driepartijenovereenkomst (three-party agreement) as facts: tenant, corporation and
zorgaanbieder agree on the tenancy, the support plan and its taper (afbouw), and on who warns
whom within how many days when the rent falls behind or the neighbours complain.

The taper is data: per starting intensity, the phases of ambulant support in months; the
agreement prints them with their dates. A gemeente's own template (documents/) decides the
words, these facts decide the content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from woonregie.domain.enums import SupportIntensity

SI = SupportIntensity

TAPER: dict[SupportIntensity, tuple[tuple[SupportIntensity, int], ...]] = {
    SI.INTENSIEF: ((SI.INTENSIEF, 6), (SI.MIDDEL, 6), (SI.LICHT, 6)),
    SI.MIDDEL: ((SI.MIDDEL, 6), (SI.LICHT, 6)),
    SI.LICHT: ((SI.LICHT, 12),),
    SI.GEEN: (),
}
"""Afbouw: (intensity, months) phases from the start of the tenancy, then support ends."""


@dataclass(frozen=True, slots=True)
class TaperPhase:
    """One phase of the support plan's taper: this intensity from `start` until `end`."""

    intensity: SupportIntensity
    start: date
    end: date  # the first day after the phase


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def taper(intensity: SupportIntensity, start: date) -> list[TaperPhase]:
    """The dated phases of support for a tenancy starting on `start`."""
    phases, at = [], start
    for level, months in TAPER[intensity]:
        end = add_months(at, months)
        phases.append(TaperPhase(level, at, end))
        at = end
    return phases
