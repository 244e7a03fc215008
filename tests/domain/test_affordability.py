import pytest

from woonregie.domain.affordability import RENT_LIMITS, limits_for, max_affordable_rent


@pytest.mark.parametrize(
    ("income", "size", "year", "expected"),
    [
        (20_000, 1, 2025, 682.96),  # below single limit: aftoppingsgrens 1–2 persons
        (28_375, 1, 2025, 682.96),  # exactly on the limit still counts as below
        (28_376, 1, 2025, 900.07),  # above the limit, under DAEB: liberalisatiegrens
        (30_000, 2, 2025, 682.96),  # multi-person limit applies from 2 persons
        (30_000, 3, 2025, 731.93),  # 3+ persons: higher aftoppingsgrens
        (49_670, 1, 2025, 0.0),  # above DAEB single: no social rent
        (20_000, 1, 2024, 650.43),
        (20_000, 4, 2026, 764.12),
    ],
)
def test_max_affordable_rent(income, size, year, expected):
    assert max_affordable_rent(income, size, year) == pytest.approx(expected)


def test_pension_age_uses_its_own_limit():
    # 28,000 is under the normal 2025 single limit but above the pension one.
    assert max_affordable_rent(28_000, 1, 2025) == pytest.approx(682.96)
    assert max_affordable_rent(28_000, 1, 2025, pension_age=True) == pytest.approx(900.07)


def test_years_outside_the_table_use_the_nearest_known_year():
    assert limits_for(2030) is RENT_LIMITS[max(RENT_LIMITS)]
    assert limits_for(2000) is RENT_LIMITS[min(RENT_LIMITS)]


@pytest.mark.parametrize(("income", "size"), [(-1, 1), (1000, 0)])
def test_impossible_input_is_refused(income, size):
    with pytest.raises(ValueError):
        max_affordable_rent(income, size, 2025)


def test_higher_income_never_raises_the_cap_within_the_social_band():
    caps = [max_affordable_rent(i, 1, 2025) for i in range(0, 49_000, 500)]
    assert caps == sorted(caps)
