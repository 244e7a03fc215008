import subprocess
import sys
from datetime import date

import pytest

from tests.sample.conftest import SEED
from woonregie.domain.enums import HousingForm, TargetGroup
from woonregie.domain.status import PersonStatus
from woonregie.sample import REFERENCE_DATE, generate_region, plan_subregions, subregion_count
from woonregie.sample.persons import person_total


def test_same_seed_gives_an_equal_region(small):
    assert generate_region(SEED, 0.2, REFERENCE_DATE) == small


def test_another_seed_gives_another_region(small):
    other = generate_region(SEED + 1, 0.2, REFERENCE_DATE)
    assert other.persons != small.persons
    assert other.dwellings != small.dwellings
    assert [a.name for a in other.areas] != [a.name for a in small.areas]


def test_today_moves_the_history_with_it():
    later = generate_region(7, 0.2, date(2027, 6, 1))
    assert max(t.on for p in later.persons for t in p.history) <= date(2027, 6, 1)
    assert max(t.on for p in later.persons for t in p.history) > REFERENCE_DATE


_DIGEST = """
import dataclasses, hashlib, json
from woonregie.sample import generate_region
def plain(o):
    return sorted(o) if isinstance(o, (set, frozenset)) else str(o)
region = dataclasses.asdict(generate_region(3, 0.1))
print(hashlib.sha256(json.dumps(region, default=plain, sort_keys=True).encode()).hexdigest())
"""


def test_region_does_not_depend_on_hash_randomisation():
    """Iterating a set of strings would differ between processes; the region must not."""
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST],
            env={"PYTHONHASHSEED": salt},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for salt in ("1", "2")
    }
    assert len(digests) == 1


def test_every_group_status_and_housing_form_appears(small):
    assert {p.target_group for p in small.persons} == set(TargetGroup)
    assert {p.status for p in small.persons} == set(PersonStatus)
    assert {d.housing_form for d in small.dwellings} == set(HousingForm)


def test_scale_one_is_a_centrumgemeente_with_three_or_four_neighbours(region):
    gemeenten = [a for a in region.areas if a.level == "gemeente"]
    assert 4 <= len(gemeenten) <= 5
    assert subregion_count(1.0) == 1
    (sub,) = plan_subregions(7, 1.0)
    assert 150_000 <= sub.centre.population <= 200_000
    assert all(g.population < sub.centre.population for g in sub.gemeenten[1:])


def test_scale_two_joins_two_regions_with_unique_codes():
    two = generate_region(7, 2.0)
    for items, key in (
        (two.areas, "code"),
        (two.organisations, "code"),
        (two.support_teams, "code"),
        (two.complexes, "code"),
        (two.dwellings, "code"),
        (two.persons, "key"),
    ):
        codes = [getattr(x, key) for x in items]
        assert len(codes) == len(set(codes)), key
    assert len({a.key for a in two.agreements}) == len(two.agreements)


def test_national_scale_plans_enough_areas_and_persons():
    """Scale 50 itself takes ~15 s to build (measured in the report); its plan is quick."""
    plan = plan_subregions(1, 50)
    assert len(plan) == 44
    assert sum(len(s.buurten) for s in plan) >= 500
    assert sum(person_total(s) for s in plan) >= 100_000


@pytest.mark.parametrize("scale", [0, -1])
def test_scale_must_be_positive(scale):
    with pytest.raises(ValueError):
        generate_region(1, scale)
