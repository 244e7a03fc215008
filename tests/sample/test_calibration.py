"""The generated region matches the calibration targets stated in sample/calibration.py."""

from statistics import median

import pytest

from tests.sample.conftest import SEED
from woonregie.domain.affordability import limits_for
from woonregie.domain.enums import DwellingStatus, TargetGroup
from woonregie.domain.status import PersonStatus
from woonregie.sample import REFERENCE_DATE, plan_subregions
from woonregie.sample import calibration as cal

LIMITS = limits_for(REFERENCE_DATE.year)


def _within(value: float, target: cal.Target) -> bool:
    return target.low <= value <= target.high


def test_group_shares_follow_the_inflow_figures(region):
    n = len(region.persons)
    for group in TargetGroup:
        share = sum(p.target_group == group for p in region.persons) / n
        assert abs(share - cal.group_share(group)) <= cal.GROUP_SHARE_TOLERANCE, group


def test_free_share_is_the_yearly_turnover(region):
    free = sum(d.status == DwellingStatus.VRIJ for d in region.dwellings)
    assert _within(free / len(region.dwellings), cal.VACANT_SHARE)


def test_dwellings_voorgedragen_match_people_voorgedragen(region):
    people = sum(p.status == PersonStatus.VOORGEDRAGEN for p in region.persons)
    assert sum(d.status == DwellingStatus.VOORGEDRAGEN for d in region.dwellings) == people


def test_rents_are_mostly_under_the_aftoppingsgrens(region):
    rents = [d.rent for d in region.dwellings]
    assert median(rents) < LIMITS.cap_small
    assert max(rents) <= LIMITS.liberalisation_limit
    assert any(r > LIMITS.cap_large for r in rents)  # some up to the liberalisatiegrens


def test_most_incomes_are_under_the_passend_toewijzen_limit(region):
    caps = (LIMITS.cap_small, LIMITS.cap_large)  # what passend toewijzen gives under the limit
    under = [p.max_rent(REFERENCE_DATE.year) in caps for p in region.persons]
    assert _within(sum(under) / len(under), cal.INCOME_UNDER_LIMIT)


def _housed_wait(person) -> int | None:
    """Days from the latest uitstroomklaar to the first gehuisvest (design.md waiting time)."""
    ready = None
    for t in person.history:
        if t.target == PersonStatus.UITSTROOMKLAAR:
            ready = t.on
        if t.target == PersonStatus.GEHUISVEST:
            return (t.on - ready).days
    return None


@pytest.mark.parametrize("group", list(cal.HOUSED_WAIT_MEDIAN_DAYS))
def test_median_wait_of_housed_people(region, group):
    waits = [
        w for p in region.persons if p.target_group == group if (w := _housed_wait(p)) is not None
    ]
    assert len(waits) >= 50
    assert _within(median(waits), cal.HOUSED_WAIT_MEDIAN_DAYS[group])


def test_bw_waits_run_from_weeks_to_years(region):
    """Calibration: BW waits "up to 2+ years"; the lognormal's p90 is ~1.7 years."""
    ready = [
        p.waiting_days(REFERENCE_DATE)
        for p in region.persons
        if p.target_group == TargetGroup.BW_UITSTROOM and p.status == PersonStatus.UITSTROOMKLAAR
    ]
    assert min(ready) < 60 and max(ready) > 1.5 * 365


def test_many_ready_people_stagnate(region):
    ready = [p for p in region.persons if p.status == PersonStatus.UITSTROOMKLAAR]
    stagnating = sum(p.waiting_days(REFERENCE_DATE) > 90 for p in ready)
    assert _within(stagnating / len(ready), cal.STAGNATING_SHARE)


def test_ready_bw_and_mo_people_are_15_to_30_percent_of_residents(region):
    (sub,) = plan_subregions(SEED, 1.0)
    residents = (
        cal.BW_RESIDENTS_PER_1000 * sub.population
        + cal.MO_RESIDENTS_PER_1000_CENTRE * sub.centre.population
    ) / 1000
    ready = sum(
        p.status in (PersonStatus.UITSTROOMKLAAR, PersonStatus.VOORGEDRAGEN)
        and p.target_group in (TargetGroup.BW_UITSTROOM, TargetGroup.MO_UITSTROOM)
        for p in region.persons
    )
    assert _within(ready / residents, cal.READY_SHARE_OF_RESIDENTS)


def test_some_people_have_housing_first_urgency_and_required_features(region):
    homeless = [p for p in region.persons if p.target_group == TargetGroup.DAKLOOS]
    assert sum("housing_first" in p.allowed_forms for p in homeless) / len(homeless) > 0.5
    assert 0 < sum(p.legal_urgency for p in region.persons) < len(region.persons) / 4
    with_features = sum(bool(p.required_features) for p in region.persons) / len(region.persons)
    assert abs(with_features - cal.REQUIRED_FEATURE_SHARE) < 0.03
