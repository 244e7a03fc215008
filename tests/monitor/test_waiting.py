"""Waiting time, people waiting and stagnation on tests/monitor/region.py."""

from datetime import date

from tests.monitor.region import data
from woonregie.monitor.calendar import Period
from woonregie.monitor.waiting import stagnation, waiting, waiting_time

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))
NONE = {"aantal": 0, "mediaan": None, "p90": None, "gemiddeld": None}


def test_waiting_time_of_those_housed_in_the_period():
    got = waiting_time(data().flat, YEAR_2024)
    # A: ready 2024-05-01, housed 2024-12-31 (last day of the period): 244 days.
    # B: ready again 2024-02-01 after the declined offer, housed 2024-03-10: 29 days of the
    # leap February + 9 = 38 (counting from the first readiness, 2023-10-01, would give 161).
    assert {k: got[k] for k in ("aantal", "mediaan", "p90", "gemiddeld")} == {
        "aantal": 2, "mediaan": 141.0, "p90": 244.0, "gemiddeld": 141.0}
    per = got["per_doelgroep"]
    assert per["bw_uitstroom"] == {"aantal": 1, "mediaan": 244.0, "p90": 244.0,
                                   "gemiddeld": 244.0}
    assert per["mo_uitstroom"] == {"aantal": 1, "mediaan": 38.0, "p90": 38.0, "gemiddeld": 38.0}
    assert per["dakloos"] == NONE and set(per) == {"bw_uitstroom", "mo_uitstroom", "dakloos",
                                                   "urgent", "statushouder", "overig"}


def test_waiting_on_tot():
    # C uitstroomklaar since 2024-04-01: 274 days; D (voorgedragen) ready since 2023-11-01:
    # 61 days of 2023 + 365 = 426. A is housed on tot itself, so no longer waiting.
    assert waiting(data().history, YEAR_2024) == {"aantal": 2, "mediaan": 350.0, "p90": 426.0}


def test_stagnation_and_blocked_bw_mo_days():
    got = stagnation(data().history, YEAR_2024)
    # Blocked days need a BW/MO person waiting for more than 90 days, so from ready + 91:
    # D: ready 2023-11-01 → from 2024-01-31 to 2024-12-31 = 366 - 30 = 336 days;
    # A: ready 2024-05-01 → from 2024-07-31 to 2024-12-30 (housed on the 31st) = 153 days;
    # B: ready 2023-10-01 → from 2023-12-31, in the period 2024-01-01..2024-01-31 = 31 days
    #    (the declined offer restarts the wait on 2024-02-01, housed 38 days later);
    # C waits 274 days but is dakloos: counted in `aantal`, blocks no BW/MO place.
    assert got == {"drempel_dagen": 90, "aantal": 2, "geblokkeerde_dagen": 336 + 153 + 31}


def test_blocked_days_start_on_day_91():
    # D in January 2024 only: days 2024-01-31 (91 days after 2023-11-01) is the only one.
    january = Period(date(2024, 1, 1), date(2024, 1, 31))
    got = stagnation(data().history, january)
    # B: 2024-01-01..01-31 (31 days), D: 1 day; waiting on 01-31: B (122 days) and D (91).
    assert got == {"drempel_dagen": 90, "aantal": 2, "geblokkeerde_dagen": 31 + 1}


def test_empty_period_has_no_waits():
    early = Period(date(2021, 1, 1), date(2021, 1, 31))
    assert waiting_time(data().flat, early)["aantal"] == 0
    assert waiting(data().history, early) == {"aantal": 0, "mediaan": None, "p90": None}
    assert stagnation(data().history, early)["geblokkeerde_dagen"] == 0
