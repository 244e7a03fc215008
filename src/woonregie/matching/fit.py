"""The fit function: how good a pairing is, once the priority-maximal set is fixed.

Fit only orders allocations that house exactly the same people; it never trades a placement.
It is a sum of integer points so the min-cost flow optimises it exactly:

* voorkeursgebied (preferred area): +40 when the dwelling lies in one of the person's preferred
  areas (any level of the tree) -- staying near network, school, work matters most;
* huishoudgrootte (size fit): up to +20, minus 5 per spare place beyond one
  (``max_household - household_size - 1``), so a single person is not put in a family home
  (no under-occupancy; overcrowding is already excluded by the hard constraint);
* huurruimte (rent margin): +10 per affordability limit of the round's year (`rent_limits`: the
  18-20 cap, the two aftoppingsgrenzen and the sociale huurgrens, all from
  `domain/affordability.py`) that lies between the dwelling's rent and the person's maximum
  rent, up to +30 -- lower rent share of income means
  less risk of rent arrears (huurachterstand), the main early-warning signal.

Support-area proximity is not scored yet: a support team's coverage is a hard constraint.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

from woonregie.domain.affordability import limits_for, youth_rent_cap

# A round without a year scores against 2025, the newest year whose limits are all published.
DEFAULT_YEAR = 2025

PREF_POINTS = 40
SIZE_POINTS = 20
RENT_STEP_POINTS = 10
RENT_MAX_STEPS = 3


@cache
def rent_limits(year: int | None = None) -> tuple[float, ...]:
    """Ascending rent limits of `year` that the rent margin counts."""
    lim = limits_for(DEFAULT_YEAR if year is None else year)
    youth = youth_rent_cap(DEFAULT_YEAR if year is None else year)
    return tuple(sorted((youth, lim.cap_small, lim.cap_large, lim.liberalisation_limit)))


def rent_band(amount: float, limits: tuple[float, ...] | None = None) -> int:
    """Number of rent limits (default: `rent_limits()`) strictly below `amount`."""
    return bisect_left(rent_limits() if limits is None else limits, amount)


def size_fit(household: int, max_household: int) -> int:
    spare = max(0, max_household - household - 1)
    return max(0, SIZE_POINTS - 5 * spare)


def rent_fit(person_band: int, dwelling_band: int) -> int:
    steps = max(0, person_band - dwelling_band)
    return RENT_STEP_POINTS * min(RENT_MAX_STEPS, steps)


def type_fit(household: int, person_band: int, max_household: int, dwelling_band: int) -> int:
    """Fit points that depend only on person type and dwelling type (not on location)."""
    return size_fit(household, max_household) + rent_fit(person_band, dwelling_band)
