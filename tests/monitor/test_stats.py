import math

import numpy as np
import pytest

from woonregie.monitor.stats import days_summary, median, p90, share


def test_median_of_odd_and_even_counts():
    assert median(np.array([5, 1, 3])) == 3.0
    assert median(np.array([4, 1, 3, 10])) == 3.5
    assert median(np.array([], dtype=np.int64)) is None


@pytest.mark.parametrize("n", [1, 2, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 1000])
def test_p90_is_the_nearest_rank(n):
    values = np.arange(n, 0, -1)  # n … 1, unsorted on purpose
    rank = math.ceil(9 * n / 10)  # exact rank: ceil(0.9 n)
    assert p90(values) == float(sorted(values)[rank - 1])


def test_p90_of_ten_values_is_the_ninth():
    assert p90(np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 100])) == 9.0


def test_shares_are_rounded_and_null_for_an_empty_universe():
    assert share(2, 3) == 0.6667
    assert share(0, 5) == 0.0
    assert share(0, 0) is None


def test_days_summary_rounds_to_one_decimal():
    assert days_summary([1, 2, 2]) == {"aantal": 3, "mediaan": 2.0, "p90": 2.0,
                                       "gemiddeld": 1.7}
