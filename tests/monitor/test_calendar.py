from datetime import date

import pytest

from woonregie.domain.errors import DomainError
from woonregie.monitor.calendar import Period, add_months


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2024, 1, 31), 1, date(2024, 2, 29)),  # clamped to the leap day
    (date(2023, 1, 31), 1, date(2023, 2, 28)),
    (date(2024, 12, 31), -6, date(2024, 6, 30)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
    (date(2024, 2, 29), -24, date(2022, 2, 28)),
    (date(2024, 3, 15), 0, date(2024, 3, 15)),
    (date(2023, 11, 30), 3, date(2024, 2, 29)),
])
def test_add_months_keeps_the_day_number_clamped_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_period_is_inclusive_and_ordered():
    p = Period(date(2024, 1, 1), date(2024, 12, 31))
    assert p.last - p.first + 1 == 366
    assert p.to_json() == {"van": "2024-01-01", "tot": "2024-12-31"}
    with pytest.raises(DomainError, match="voor de begindatum"):
        Period(date(2024, 1, 2), date(2024, 1, 1))


@pytest.mark.parametrize("months", [-24, -12, -6, 1, 6, 12, 24])
@pytest.mark.parametrize("size", [10, 5000])  # one date at a time, and through the day table
def test_add_months_over_a_column_is_add_months_of_each_date(months, size):
    import numpy as np

    from woonregie.monitor.calendar import add_months_ordinals

    rng = np.random.default_rng(100 + months + size)
    first = date(2023, 12, 15).toordinal()  # month ends, a leap day, year ends within reach
    days = rng.integers(first, first + 800, size=size)
    days[:4] = [date(2024, 2, 29).toordinal(), date(2024, 1, 31).toordinal(),
                date(2024, 12, 31).toordinal(), date(2025, 3, 31).toordinal()]
    expected = [add_months(date.fromordinal(int(d)), months).toordinal() for d in days]
    assert add_months_ordinals(days, months).tolist() == expected
