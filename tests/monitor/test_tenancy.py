"""Tenancy sustainment (huurbehoud) and returns (terugval) on tests/monitor/region.py."""

from datetime import date

from tests.monitor.region import data
from woonregie.monitor.calendar import Period
from woonregie.monitor.tenancy import returns, sustainment

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))


def test_sustainment_at_6_12_24_months():
    got = sustainment(data().placements, YEAR_2024)
    # 6: tot − 6 months = 2024-06-30, window [2023-07-01, 2024-06-30] (365 days back across
    #    the leap day): first placements of A (2023-08-01), H (2023-08-31), B (2024-03-10).
    #    A on 2024-02-01: housed (ends 2024-03-01). B on 2024-09-10: housed. H on 2023-08-31 +
    #    6 months = 2024-02-29 (clamped to the leap day): the tenancy ends that day, so not
    #    housed. 2 of 3.
    # 12: window [2022-12-31, 2023-12-31]: A (on 2024-08-01 between its two placements) and
    #    H (2024-08-31, ended): 0 of 2. G's second placement (2023-12-01) is not a first one.
    # 24: window [2021-12-31, 2022-12-31]: G and J. G on 2024-08-31 is housed again by its
    #    second placement; J's tenancy runs on after afgesloten: 2 of 2.
    assert got == {"6": {"aantal": 3, "aandeel": 0.6667}, "12": {"aantal": 2, "aandeel": 0.0},
                   "24": {"aantal": 2, "aandeel": 1.0}}


def test_sustainment_of_one_corporation():
    got = sustainment(data().placements, YEAR_2024, corporation="WC2")
    # Only G's first placement is with WC2.
    assert got == {"6": {"aantal": 0, "aandeel": None}, "12": {"aantal": 0, "aandeel": None},
                   "24": {"aantal": 1, "aandeel": 1.0}}


def test_returns_within_730_days_of_the_first_placement():
    d = data()
    got = returns(d.history, d.placements, YEAR_2024)
    # Universe: first placements starting in [2024-01-01 − 730, 2024-12-31 − 730] =
    # [2022-01-01, 2023-01-01]: G (2022-08-31) and J (2022-06-15). G relapses 2023-05-01,
    # 243 days after its start (181–365); J never does.
    assert got == {"aantal": 2, "0_180": 0.0, "181_365": 0.5, "366_730": 0.0, "totaal": 0.5}


def test_returns_count_only_the_first_relapse_after_the_start():
    d = data()
    # Period 2025-03-01..2025-09-30: universe starts [2023-03-02, 2023-10-01]: A (2023-08-01,
    # relapse 2024-03-01 = 213 days) and H (2023-08-31, relapse 2024-02-29 = 182 days).
    got = returns(d.history, d.placements, Period(date(2025, 3, 1), date(2025, 9, 30)))
    assert got == {"aantal": 2, "0_180": 0.0, "181_365": 1.0, "366_730": 0.0, "totaal": 1.0}


def test_empty_universe_gives_null_shares():
    d = data()
    got = returns(d.history, d.placements, Period(date(2021, 1, 1), date(2021, 1, 31)))
    assert got == {"aantal": 0, "0_180": None, "181_365": None, "366_730": None, "totaal": None}
