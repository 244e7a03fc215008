"""Contingent realisation and concentration per buurt on tests/monitor/region.py."""

from datetime import date

from tests.monitor.region import data
from woonregie.monitor.allocation import DwellingScope, concentration, contingent
from woonregie.monitor.calendar import Period

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))


def row(gemeente, corporation, group, year, agreed, realised, forecast):
    return {"gemeente": gemeente, "corporatie": corporation, "doelgroep": group, "jaar": year,
            "afspraak": agreed, "gerealiseerd": realised, "prognose": forecast}


def test_contingent_rows_for_agreements_of_the_period_years():
    d = data()
    got = contingent(d.placements, d.agreements, YEAR_2024)
    # 2024 is over on tot: the forecast is what was realised. A's placement on 2024-12-31
    # counts (GM01, WC1, bw); B's (GM01, WC1, mo); the 2023 agreement is outside the period.
    assert got == [row("GM01", "WC1", "bw_uitstroom", 2024, 4, 1, 1.0),
                   row("GM01", "WC1", "mo_uitstroom", 2024, 2, 1, 1.0),
                   row("GM02", "WC1", "bw_uitstroom", 2024, 1, 0, 0.0)]


def test_contingent_forecast_in_a_leap_year():
    d = data()
    got = contingent(d.placements, d.agreements, Period(date(2024, 1, 1), date(2024, 3, 31)))
    # B housed 2024-03-10; 31 + 29 + 31 = 91 days elapsed of 366: 1 × 366 / 91 = 4.02 → 4.0.
    assert got[1] == row("GM01", "WC1", "mo_uitstroom", 2024, 2, 1, 4.0)
    assert got[0]["gerealiseerd"] == 0  # A's second placement is after tot


def test_contingent_of_one_gemeente():
    d = data()
    got = contingent(d.placements, d.agreements, YEAR_2024, DwellingScope(gemeente="GM02"))
    assert got == [row("GM02", "WC1", "bw_uitstroom", 2024, 1, 0, 0.0)]


def test_concentration_per_buurt():
    d = data()
    got = concentration(d.placements, d.buurten, YEAR_2024)
    # Placements starting in 2024: A (BU01, on the last day) and B (BU02); stock 6 + 3 + 2:
    # 6/11 = 0.5455, 3/11 = 0.2727.
    assert got == [
        {"buurt": "BU01", "naam": "Oude Kern", "plaatsingen": 1, "aandeel_plaatsingen": 0.5,
         "aandeel_voorraad": 0.5455, "leefbaarheid": 4},
        {"buurt": "BU02", "naam": "Akkers", "plaatsingen": 1, "aandeel_plaatsingen": 0.5,
         "aandeel_voorraad": 0.2727, "leefbaarheid": None},
    ]


def test_empty_period_has_no_rows():
    d = data()
    early = Period(date(2021, 1, 1), date(2021, 1, 31))
    assert contingent(d.placements, d.agreements, early) == []
    assert concentration(d.placements, d.buurten, early) == []
