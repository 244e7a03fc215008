"""Instance loading: schema errors and integrity errors name the JSON path; round trip."""

from __future__ import annotations

import copy

import pytest

from woonregie.matching.engine import solve
from woonregie.matching.generate import generate_instance
from woonregie.matching.instance import InstanceError, dump_instance, load_instance

BASE = {
    "version": 1,
    "areas": [{"id": "G"}, {"id": "W", "parent": "G"}, {"id": "B", "parent": "W", "cap": 2}],
    "complexes": [{"id": "K", "cap": 1}],
    "support_teams": [{"id": "T", "cap": 3}],
    "candidates": [
        {"id": "a", "priority": 1, "waiting_days": 3, "household_size": 1, "max_rent": 700},
        {
            "id": "b",
            "priority": 2,
            "waiting_days": 0,
            "household_size": 2,
            "max_rent": 800,
            "areas": ["W"],
            "support_team": "T",
            "support_areas": ["G"],
        },
    ],
    "dwellings": [{"id": "w1", "area": "B", "rent": 600, "complex": "K"}],
}


def broken(change) -> dict:
    data = copy.deepcopy(BASE)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda d: d["candidates"][1].update(max_rent=-1), "candidates[1].max_rent", "minimum"),
        (lambda d: d["candidates"][0].pop("priority"), "candidates[0].priority", "verplicht"),
        (lambda d: d["dwellings"][0].update(rent="duur"), "dwellings[0].rent", "type"),
        (lambda d: d["candidates"][0].update(id=""), "candidates[0].id", "leeg"),
        (lambda d: d.update(version=2), "version", "moet 1"),
        (lambda d: d["areas"][2].update(cap=-3), "areas[2].cap", "minimum"),
    ],
)
def test_schema_errors_name_the_path_in_dutch(change, path, words):
    with pytest.raises(InstanceError) as err:
        load_instance(broken(change))
    assert err.value.path == path
    assert path in str(err.value) and words in str(err.value)
    assert str(err.value).startswith("Ongeldige instantie")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["candidates"].append(dict(d["candidates"][0])), "candidates[2].id"),
        (lambda d: d["dwellings"].append(dict(d["dwellings"][0])), "dwellings[1].id"),
        (lambda d: d["dwellings"][0].update(area="XX"), "dwellings[0].area"),
        (lambda d: d["areas"][1].update(parent="nergens"), "areas[1].parent"),
        (lambda d: d["areas"][0].update(parent="B"), "areas[0].parent"),
        (lambda d: d["candidates"][1].update(areas=["W", "ZZ"]), "candidates[1].areas[1]"),
        (lambda d: d["complexes"].append({"id": "K", "cap": 2}), "complexes[1].id"),
        (
            lambda d: d["dwellings"][0].update(min_household=3, max_household=2),
            "dwellings[0].max_household",
        ),
    ],
)
def test_integrity_errors_name_the_path(change, path):
    with pytest.raises(InstanceError) as err:
        load_instance(broken(change))
    assert err.value.path == path


def test_complex_spanning_two_areas_is_rejected():
    def change(d):
        d["areas"].append({"id": "B2", "parent": "W"})
        d["dwellings"].append({"id": "w2", "area": "B2", "rent": 500, "complex": "K"})

    with pytest.raises(InstanceError) as err:
        load_instance(broken(change))
    assert err.value.path == "dwellings[1].complex"


def test_cycle_message_is_dutch():
    with pytest.raises(InstanceError, match="cyclus"):
        load_instance(broken(lambda d: d["areas"][0].update(parent="B")))


def test_dump_round_trips():
    round_ = load_instance(BASE)
    again = load_instance(dump_instance(round_))
    assert again == round_


def test_without_area_tree_dwelling_areas_are_roots():
    data = {
        "version": 1,
        "candidates": [dict(BASE["candidates"][0], areas=["B"])],
        "dwellings": [{"id": "w", "area": "B", "rent": 500}],
    }
    assert solve(load_instance(data)).housed == 1


def test_generator_is_deterministic_per_seed():
    first = generate_instance(300, 80, 12, seed=3, team_caps=True)
    assert first == generate_instance(300, 80, 12, seed=3, team_caps=True)
    assert first != generate_instance(300, 80, 12, seed=4, team_caps=True)
    round_ = load_instance(first)  # valid against the schema and integrity checks
    assert len(round_.candidates) == 300 and len(round_.dwellings) == 80
    assert sum(a.parent is not None and a.id.startswith("BU") for a in round_.areas) == 12


def test_generator_is_calibrated():
    data = generate_instance(4000, 2000, 40, seed=1, team_caps=True)
    rents = [d["rent"] for d in data["dwellings"]]
    assert min(rents) >= 450 and max(rents) <= 930
    assert sum(r <= 682.96 for r in rents) / len(rents) > 0.6
    singles = sum(c["household_size"] == 1 for c in data["candidates"]) / 4000
    assert 0.7 < singles < 0.85
    forms = {d["housing_form"] for d in data["dwellings"]}
    assert forms == {
        "zelfstandig",
        "housing_first",
        "flexwonen",
        "gemengd_wonen",
        "skaeve_huis",
        "kamer",
    }
    assert data["support_teams"] and data["complexes"]
    assert any(a["cap"] is not None for a in data["areas"])
    without = generate_instance(4000, 2000, 40, seed=1, team_caps=False)
    assert without["support_teams"] == []


def test_per_arc_fit_and_compatibility_agree_with_the_scalar_rules():
    import numpy as np

    from woonregie.matching.classes import build_classes, compatible
    from woonregie.matching.classes import type_fit as arc_fit
    from woonregie.matching.fit import type_fit

    cls = build_classes(load_instance(generate_instance(500, 200, 10, seed=2)))
    pts = np.repeat(np.arange(len(cls.ptypes)), len(cls.dtypes))
    dts = np.tile(np.arange(len(cls.dtypes)), len(cls.ptypes))
    fits, oks = arc_fit(cls, pts, dts), compatible(cls, pts, dts)
    for k, (i, j) in enumerate(zip(pts.tolist(), dts.tolist(), strict=True)):
        p, d = cls.ptypes[i], cls.dtypes[j]
        assert fits[k] == type_fit(p.household, p.band, d.max_household, d.band)
        assert oks[k] == p.accepts(d)


def test_rent_compression_is_exact():
    """rent <= max_rent iff bucket(rent) <= bucket(max_rent), also at equality."""
    from woonregie.matching.classes import build_classes

    data = {
        "version": 1,
        "candidates": [
            dict(BASE["candidates"][0], id=f"c{r}", max_rent=r)
            for r in (499.99, 500.0, 650.0, 1000.0)
        ],
        "dwellings": [{"id": f"w{r}", "area": "B", "rent": r} for r in (500.0, 650.0, 700.0)],
    }
    cls = build_classes(load_instance(data))
    for i, c in enumerate(cls.round.candidates):
        for j, d in enumerate(cls.round.dwellings):
            pt = cls.ptypes[cls.cand_ptype[i]]
            dclass = next(k for k, m in enumerate(cls.dclass_dwellings) if j in m)
            dt = cls.dtypes[cls.dclasses[dclass][0]]
            assert (dt.bucket <= pt.bucket) == (d.rent <= c.max_rent)


def test_fit_rent_limits_come_from_affordability_for_the_round_year():
    from woonregie.domain.affordability import limits_for, youth_rent_cap
    from woonregie.matching.fit import rent_limits

    assert rent_limits() == (498.20, 682.96, 731.93, 900.07)  # the 2025 limits, as before
    lim = limits_for(2026)
    assert rent_limits(2026) == (
        youth_rent_cap(2026),
        lim.cap_small,
        lim.cap_large,
        lim.liberalisation_limit,
    )


def test_fast_schema_check_agrees_and_the_dutch_message_names_the_path():
    bad = dict(BASE, candidates=[dict(BASE["candidates"][0], max_rent="veel")])
    with pytest.raises(InstanceError) as err:
        load_instance(bad)
    assert "candidates[0].max_rent" in str(err.value)
    load_instance(BASE)
