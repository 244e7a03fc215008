"""Inflow, outflow and stock on the hand-built history of tests/monitor/region.py."""

from datetime import date

from tests.monitor.region import data
from woonregie.monitor.calendar import Period
from woonregie.monitor.flow import first_inflow, inflow, outflow, stock

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))
ZERO = {"bw_uitstroom": 0, "mo_uitstroom": 0, "dakloos": 0, "urgent": 0, "statushouder": 0,
        "overig": 0, "totaal": 0}


def test_first_inflow_counts_first_changes_in_the_period_only():
    # Only C's first change (2024-02-29, the leap day) is in 2024; F registers in 2025, E's
    # first change is from 2022 (its return on 2024-01-01 is a re-entry, not a first inflow).
    assert first_inflow(data().flat, YEAR_2024) == ZERO | {"dakloos": 1, "totaal": 1}


def test_inflow_adds_relapses_and_returns_from_uitgeschreven():
    # C first; A (bw) and H (mo) relapse (2024-03-01, 2024-02-29); E uitgeschreven → aangemeld
    # on 2024-01-01, the first day of the period.
    assert inflow(data().flat, YEAR_2024) == ZERO | {
        "dakloos": 1, "bw_uitstroom": 1, "mo_uitstroom": 1, "statushouder": 1, "totaal": 4}


def test_outflow_counts_changes_into_each_exit():
    got = outflow(data().flat, YEAR_2024)
    # A housed on the last day of the period (2024-12-31) counts; B housed 2024-03-10.
    assert got["gehuisvest"] == ZERO | {"bw_uitstroom": 1, "mo_uitstroom": 1, "totaal": 2}
    assert got["teruggevallen"] == ZERO | {"bw_uitstroom": 1, "mo_uitstroom": 1, "totaal": 2}
    # E's uitschrijving is dated 2023-12-31, the day before the period.
    assert got["uitgeschreven"] == ZERO


def test_outflow_period_is_inclusive_at_both_ends():
    last_day = Period(date(2024, 12, 31), date(2024, 12, 31))
    assert outflow(data().flat, last_day)["gehuisvest"]["totaal"] == 1  # A
    day_before = Period(date(2023, 12, 31), date(2023, 12, 31))
    assert outflow(data().flat, day_before)["uitgeschreven"]["statushouder"] == 1  # E


def test_stock_is_the_status_of_the_last_change_on_or_before_tot():
    got = stock(data().history, YEAR_2024)
    # A, B, G housed; C waiting; D proposed; E preparing; H relapsed; J closed; F not yet there.
    assert got == {"aangemeld": 0, "in_voorbereiding": 1, "uitstroomklaar": 1,
                   "voorgedragen": 1, "gehuisvest": 3, "nazorg": 0, "afgesloten": 1,
                   "teruggevallen": 1, "uitgeschreven": 0}


def test_stock_on_the_day_before_a_change_still_has_the_old_status():
    got = stock(data().history, Period(date(2024, 1, 1), date(2024, 12, 30)))
    assert got["gehuisvest"] == 2 and got["voorgedragen"] == 2  # A still proposed
