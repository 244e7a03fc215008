"""The generated region is internally consistent: every reference resolves and every history is
legal under the status machine."""

import re
from datetime import timedelta

from woonregie.domain.affordability import limits_for
from woonregie.domain.enums import FEATURES, AreaLevel, OrgKind
from woonregie.domain.status import PersonStatus, check_transition
from woonregie.sample import REFERENCE_DATE
from woonregie.sample import calibration as cal

CODE = {AreaLevel.GEMEENTE: r"GM\d{4}", AreaLevel.WIJK: r"WK\d{6}", AreaLevel.BUURT: r"BU\d{8}"}
PARENT = {AreaLevel.WIJK: AreaLevel.GEMEENTE, AreaLevel.BUURT: AreaLevel.WIJK}


def test_area_codes_follow_cbs_and_nest(region):
    areas = {a.code: a for a in region.areas}
    for a in region.areas:
        assert re.fullmatch(CODE[a.level], a.code), a.code
        assert a.liveability is not None and 1 <= a.liveability <= 9
        if a.level == AreaLevel.GEMEENTE:
            assert a.parent is None
            continue
        parent = areas[a.parent]
        assert parent.level == PARENT[a.level]
        assert a.code[2:].startswith(parent.code[2:])


def test_weak_buurten_lie_in_a_few_wijken_of_the_centre_and_are_capped(region):
    areas = {a.code: a for a in region.areas}
    weak = [
        a for a in region.areas if a.level == AreaLevel.BUURT and a.liveability <= cal.WEAK_CLASS
    ]
    assert weak
    wijken = {a.parent for a in weak}
    assert len(wijken) <= cal.WEAK_WIJKEN_IN_CENTRE[1]
    assert len({areas[w].parent for w in wijken}) == 1  # all in the centrumgemeente
    assert all(a.cap is not None and a.cap >= 1 for a in weak)
    assert all(areas[w].cap is not None for w in wijken)


def test_organisation_references_resolve(region):
    areas = {a.code: a for a in region.areas}
    orgs = {o.code: o for o in region.organisations}
    kinds = {k: [o for o in region.organisations if o.kind == k] for k in OrgKind}
    assert 2 <= len(kinds[OrgKind.WONINGCORPORATIE]) <= 3
    assert 3 <= len(kinds[OrgKind.ZORGAANBIEDER]) <= 4
    assert all(areas[o.gemeente].level == AreaLevel.GEMEENTE for o in region.organisations)
    for team in region.support_teams:
        assert orgs[team.organisation].kind == OrgKind.ZORGAANBIEDER
        assert team.areas and all(code in areas for code in team.areas)
        assert team.capacity >= 1
    for provider in kinds[OrgKind.ZORGAANBIEDER]:
        assert 2 <= sum(t.organisation == provider.code for t in region.support_teams) <= 4


def test_housing_references_resolve(region):
    areas = {a.code: a for a in region.areas}
    orgs = {o.code: o for o in region.organisations}
    complexes = {c.code: c for c in region.complexes}
    for c in region.complexes:
        assert orgs[c.corporation].kind == OrgKind.WONINGCORPORATIE
        assert areas[c.buurt].level == AreaLevel.BUURT
    assert any(c.cap for c in region.complexes) and any(c.cap is None for c in region.complexes)
    liberalisation = limits_for(REFERENCE_DATE.year).liberalisation_limit
    for d in region.dwellings:
        assert orgs[d.corporation].kind == OrgKind.WONINGCORPORATIE
        assert areas[d.buurt].level == AreaLevel.BUURT
        if d.complex is not None:
            cx = complexes[d.complex]
            assert (cx.buurt, cx.corporation) == (d.buurt, d.corporation)
        assert set(d.features) <= set(FEATURES)
        assert 0 < d.rent <= liberalisation
        assert (d.available_from is None) == (d.status == "verhuurd")


def test_person_references_resolve(region):
    areas = {a.code for a in region.areas}
    orgs = {o.code: o for o in region.organisations}
    teams = {t.code: t for t in region.support_teams}
    for p in region.persons:
        assert orgs[p.care_provider].kind == OrgKind.ZORGAANBIEDER
        assert set(p.acceptable_areas) <= areas and set(p.preferred_areas) <= areas
        assert set(p.required_features) <= set(FEATURES)
        if p.needs_support:
            assert teams[p.support_team].organisation == p.care_provider
            assert sorted(p.zrm) == sorted(cal.ZRM_DOMAINS)
            assert all(1 <= v <= 5 for v in p.zrm.values())
        else:
            assert p.support_team is None and p.zrm is None


def test_agreements_reference_gemeenten_and_corporations(region):
    areas = {a.code: a for a in region.areas}
    orgs = {o.code: o for o in region.organisations}
    years = {a.year for a in region.agreements}
    assert years == {REFERENCE_DATE.year - 2, REFERENCE_DATE.year - 1, REFERENCE_DATE.year}
    assert len({a.key for a in region.agreements}) == len(region.agreements)
    for a in region.agreements:
        assert areas[a.gemeente].level == AreaLevel.GEMEENTE
        assert orgs[a.corporation].kind == OrgKind.WONINGCORPORATIE
        assert a.dwellings >= 1


def test_every_history_replays_under_the_status_machine_and_ends_in_the_status(region):
    earliest = REFERENCE_DATE - timedelta(days=365 * cal.HISTORY_YEARS)
    for p in region.persons:
        first, *rest = p.history
        assert first.source is None and first.target == PersonStatus.AANGEMELD
        assert earliest <= first.on <= REFERENCE_DATE
        status, last_on = first.target, first.on
        for t in rest:
            assert t.source == status
            check_transition(status, t.target, t.on, last_on, t.reason)  # raises if illegal
            status, last_on = t.target, t.on
        assert status == p.status
        assert last_on <= REFERENCE_DATE
