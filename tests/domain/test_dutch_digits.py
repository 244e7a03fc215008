"""Dutch digit grouping without Babel agrees with Babel's nl_NL output."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from woonregie.domain import locale_nl
from woonregie.domain.dutch_digits import euro, grouped


def test_grouping_and_decimals_are_dutch():
    assert grouped(1_234_567) == "1.234.567"
    assert grouped(1234.5, 2) == "1.234,50"
    assert grouped(-18500.5, 1) == "-18.500,5"
    assert euro(597.47) == "€ 597,47"
    assert euro(1050) == "€ 1.050,00"


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_amounts_read_as_babel_writes_them(whole, cents):
    value = whole + cents / 100
    assert euro(value) == locale_nl.euro(value)
    assert grouped(whole) == locale_nl.number(whole)
