"""The fit function: how good a pairing is, once the priority-maximal set is fixed.

Fit only orders allocations that house exactly the same people; it never trades a placement.
It is a sum of integer points so the min-cost flow optimises it exactly:

* voorkeursgebied (preferred area): +40 when the dwelling lies in one of the person's preferred
  areas (any level of the tree) -- staying near network, school, work matters most;
* huishoudgrootte (size fit): up to +20, minus 5 per spare place beyond one
  (``max_household - household_size - 1``), so a single person is not put in a family home
  (no under-occupancy; overcrowding is already excluded by the hard constraint);
* huurruimte (rent margin): +10 per affordability limit of `RENT_LIMITS` that lies between the
  dwelling's rent and the person's maximum rent, up to +30 -- lower rent share of income means
  less risk of rent arrears (huurachterstand), the main early-warning signal.

Support-area proximity is not scored yet: a support team's coverage is a hard constraint.
"""

from __future__ import annotations

from bisect import bisect_left

# Passend-toewijzen limits, 2025 (calibration.md): huurtoeslag cap for ages 18-20 (2026, the only
# year published), aftoppingsgrens 1-2 and 3+ persons, sociale huurgrens.
RENT_LIMITS: tuple[float, ...] = (498.20, 682.96, 731.93, 900.07)

PREF_POINTS = 40
SIZE_POINTS = 20
RENT_STEP_POINTS = 10
RENT_MAX_STEPS = 3


def rent_band(amount: float) -> int:
    """Number of RENT_LIMITS strictly below `amount`."""
    return bisect_left(RENT_LIMITS, amount)


def size_fit(household: int, max_household: int) -> int:
    spare = max(0, max_household - household - 1)
    return max(0, SIZE_POINTS - 5 * spare)


def rent_fit(person_band: int, dwelling_band: int) -> int:
    steps = max(0, person_band - dwelling_band)
    return RENT_STEP_POINTS * min(RENT_MAX_STEPS, steps)


def type_fit(household: int, person_band: int, max_household: int, dwelling_band: int) -> int:
    """Fit points that depend only on person type and dwelling type (not on location)."""
    return size_fit(household, max_household) + rent_fit(person_band, dwelling_band)
