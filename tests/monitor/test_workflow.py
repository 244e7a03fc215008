"""Workflow figures (bemiddeling) on hand-built match histories, answers worked out here."""

from datetime import date

from woonregie.monitor.calendar import Period
from woonregie.monitor.workflow import MatchSteps, StepRecord, days_per_step, declines, stalled

D = date.fromisoformat
MARCH_2024 = Period(date(2024, 3, 1), date(2024, 3, 31))


def steps() -> MatchSteps:
    rows = [
        # M1: proposed 2024-02-20, signed 2024-03-05: 14 days in voorgesteld (leap February).
        ("M1", "voorgesteld", "2024-02-20", ""), ("M1", "contract_getekend", "2024-03-05", ""),
        # M2: proposed 2024-03-01, refused by the corporation on the last day of March.
        ("M2", "voorgesteld", "2024-03-01", ""),
        ("M2", "afgewezen_door_corporatie", "2024-03-31", "huurverleden"),
        # M3: proposed 2024-03-10, withdrawn 2024-04-02 (after the period).
        ("M3", "voorgesteld", "2024-03-10", ""), ("M3", "ingetrokken", "2024-04-02", ""),
        # M4: proposed 2024-03-20 and still open.
        ("M4", "voorgesteld", "2024-03-20", ""),
        # M5: proposed 2024-01-02, withdrawn 2024-03-01 (first day of the period): 59 days.
        ("M5", "voorgesteld", "2024-01-02", ""), ("M5", "ingetrokken", "2024-03-01", ""),
    ]
    seq: dict[str, int] = {}
    records = []
    for match, target, on, reason in rows:
        seq[match] = seq.get(match, -1) + 1
        records.append(StepRecord(match, seq[match], target, D(on), reason))
    return MatchSteps.from_records(records)


def test_days_in_each_step_left_in_the_period():
    got = days_per_step(steps(), MARCH_2024)
    # Left voorgesteld in March: M1 after 14 days, M2 after 30, M5 after 59; M3 leaves in April.
    assert got["voorgesteld"] == {"aantal": 3, "mediaan": 30.0, "p90": 59.0, "gemiddeld": 34.3}


def test_declines_by_reason_and_withdrawals():
    got = declines(steps(), MARCH_2024)
    assert got["totaal"] == 1 and got["per_stap"]["afgewezen_door_corporatie"] == 1
    assert got["per_reden"] == {"huurverleden": 1}
    assert got["ingetrokken"] == 1  # M5 on 2024-03-01; M3's is in April


def test_stalled_on_tot_past_the_deadline():
    # Deadline 10 days in voorgesteld. On 2024-03-31: M3 (since 03-10, 21 days) and M4 (since
    # 03-20, 11 days) are past it; M2 left on the 31st itself.
    got = stalled(steps(), {"voorgesteld": 10}, date(2024, 3, 31))
    assert got["aantal"] == 2 and got["per_stap"]["voorgesteld"] == 2
    # On 2024-03-30: M4 is in its 10th day, not past it; M2 (since 03-01, 29 days) is.
    on_30 = stalled(steps(), {"voorgesteld": 10}, date(2024, 3, 30))
    assert on_30["per_stap"]["voorgesteld"] == 2  # M2 and M3
    assert stalled(steps(), {"voorgesteld": None}, date(2024, 3, 31))["aantal"] == 0


def test_empty_period():
    april_2020 = Period(date(2020, 4, 1), date(2020, 4, 30))
    assert days_per_step(steps(), april_2020)["voorgesteld"]["aantal"] == 0
    got = declines(steps(), april_2020)
    assert (got["totaal"], got["per_reden"], got["ingetrokken"]) == (0, {}, 0)
    assert set(got["per_stap"].values()) == {0}
    assert stalled(MatchSteps.empty(), {"voorgesteld": 10}, date(2024, 3, 31))["aantal"] == 0
