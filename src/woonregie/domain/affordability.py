"""Passend toewijzen: the highest rent a household may be offered, by income and household size.

All limits live in one table keyed by year (calibration.md, "Rent and income limits"), never as
scattered literals.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RentLimits:
    """Rent and income limits of one year (huur- en inkomensgrenzen)."""

    year: int
    liberalisation_limit: float  # sociale huurgrens / liberalisatiegrens
    cap_small: float  # aftoppingsgrens, 1–2 persons
    cap_large: float  # aftoppingsgrens, 3+ persons
    income_single: float  # inkomensgrens passend toewijzen, one person
    income_multi: float
    income_single_pension: float
    income_multi_pension: float
    daeb_single: float  # DAEB income limit: above it, no social rent
    daeb_multi: float


RENT_LIMITS: dict[int, RentLimits] = {
    limits.year: limits
    for limits in (
        RentLimits(2024, 879.66, 650.43, 697.07, 27725, 37625, 27225, 37625, 47699, 52671),
        RentLimits(2025, 900.07, 682.96, 731.93, 28375, 38500, 27775, 37350, 49669, 54847),
        # 2026: aftoppingsgrens 1–2 persons "~€713 (unconfirmed)"; 3+ not published in our
        # sources, so it is the 2025 value indexed by the same ratio (assumption, documented).
        RentLimits(2026, 932.93, 713.00, 764.12, 29400, 39925, 28775, 38650, 51537, 56910),
    )
}


def limits_for(year: int) -> RentLimits:
    """The limits of `year`; years past the table use the newest known year."""
    if year in RENT_LIMITS:
        return RENT_LIMITS[year]
    known = sorted(RENT_LIMITS)
    return RENT_LIMITS[known[-1] if year > known[-1] else known[0]]


def max_affordable_rent(
    annual_income: float, household_size: int, year: int, pension_age: bool = False
) -> float:
    """Highest monthly rent allowed under passend toewijzen.

    Below the passend-toewijzen income limit: the aftoppingsgrens for the household size.
    Between that and the DAEB limit: the liberalisation limit. Above DAEB: no social rent (0.0).
    """
    if household_size < 1:
        raise ValueError("huishoudgrootte moet minstens 1 zijn")
    if annual_income < 0:
        raise ValueError("inkomen kan niet negatief zijn")
    lim = limits_for(year)
    single = household_size == 1
    if pension_age:
        income_limit = lim.income_single_pension if single else lim.income_multi_pension
    else:
        income_limit = lim.income_single if single else lim.income_multi
    if annual_income <= income_limit:
        return lim.cap_small if household_size <= 2 else lim.cap_large
    if annual_income <= (lim.daeb_single if single else lim.daeb_multi):
        return lim.liberalisation_limit
    return 0.0


# Huurtoeslag rent cap for ages 18-20 (kwaliteitskortingsgrens; calibration.md). Only 2026 is
# published in our sources; other years use the nearest published year.
YOUTH_RENT_CAP: dict[int, float] = {2026: 498.20}


def youth_rent_cap(year: int) -> float:
    """The 18-20 rent cap of `year` (the nearest published year when `year` is not known)."""
    nearest = min(YOUTH_RENT_CAP, key=lambda known: (abs(known - year), known))
    return YOUTH_RENT_CAP[nearest]
