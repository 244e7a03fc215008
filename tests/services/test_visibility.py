"""Visibility decided in SQL (store/security.person_key_query) against the policy written out
in Python, on a generated region with noise: expired, future and wrong-purpose bases, consent
without a live match, matches that ended. Every reader pages through everything it may list
(keyset, small pages, with filters and search) and must get exactly the policy's set, and a
person outside it is "not found" on read (issue 12: the SQL that became fast must stay right)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert, update

from woonregie.domain.clock import FakeClock
from woonregie.domain.enums import OrgKind
from woonregie.sample.calibration import REFERENCE_DATE
from woonregie.sample.generator import generate_region
from woonregie.services import lookups, persons
from woonregie.services.access import NotFound, Principal, Purpose, Role
from woonregie.services.consent import create_demo_sharing
from woonregie.services.region import write_region
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

TODAY = REFERENCE_DATE
ROLE_OF = {OrgKind.ZORGAANBIEDER: Role.TRAJECTBEGELEIDER,
           OrgKind.WONINGCORPORATIE: Role.VERHUURMAKELAAR, OrgKind.GEMEENTE: Role.REGISSEUR}


def _noise(engine, region, rng: random.Random) -> list[dict]:
    """Bases that must not (expired, future, wrong purpose, no live match) or must (a valid
    regie basis) change what a party sees; some matches end. Returns every consent row."""
    gemeenten = [o.code for o in region.organisations if o.kind == OrgKind.GEMEENTE]
    corporations = [o.code for o in region.organisations if o.kind == OrgKind.WONINGCORPORATIE]
    day = timedelta(days=1)
    rows = []
    for p in rng.sample(region.persons, min(120, len(region.persons))):
        party_kind = rng.choice(["regie", "bemiddeling"])
        party = rng.choice(gemeenten if party_kind == "regie" else corporations)
        span = rng.choice([(TODAY - 30 * day, TODAY - day), (TODAY + day, None),
                           (TODAY - 9 * day, None), (TODAY, TODAY)])
        rows.append({"person": p.key, "purpose": party_kind, "party": party,
                     "legal_basis": "toestemming", "valid_from": span[0],
                     "valid_until": span[1], "recorded_by": "test",
                     "recorded_at": datetime(2025, 12, 1)})
    ended = rng.sample([m.key for m in region.matches], len(region.matches) // 4)
    with engine.begin() as conn:
        conn.execute(insert(t.ConsentRow), rows)
        if ended:
            conn.execute(update(t.MatchRow).where(t.MatchRow.key.in_(ended)).values(live=False))
        consents = [dict(r._mapping) for r in conn.execute(t.ConsentRow.__table__.select())]
        # the corporation sees a live match from the confirmed support plan on (issue 9)
        live = {r.person: r.dwelling for r in conn.execute(
            t.MatchRow.__table__.select().where(t.MatchRow.live,
                                                t.MatchRow.step != "voorgesteld"))}
    return consents, live


def _policy(region, consents, live, org) -> set[str]:
    """Who `org` may list, from the rules in design.md ("Privacy model"), not from the SQL."""
    def basis(key: str, purpose: str) -> bool:
        return any(c["person"] == key and c["purpose"] == purpose and c["party"] == org.code
                   and c["valid_from"] <= TODAY
                   and (c["valid_until"] is None or c["valid_until"] >= TODAY)
                   for c in consents)

    corporation_of = {d.code: d.corporation for d in region.dwellings}
    if org.kind == OrgKind.ZORGAANBIEDER:
        return {p.key for p in region.persons if p.care_provider == org.code}
    if org.kind == OrgKind.GEMEENTE:
        return {p.key for p in region.persons if basis(p.key, str(Purpose.REGIE))}
    return {p.key for p in region.persons
            if corporation_of.get(live.get(p.key, "")) == org.code
            and basis(p.key, str(Purpose.BEMIDDELING))}


def _listed(engine, principal: Principal, **filters) -> list[str]:
    keys, cursor = [], None
    while True:
        with UnitOfWork(engine, FakeClock.on(TODAY)) as uow:
            page = persons.list_persons(uow, principal, limit=7, cursor=cursor, **filters)
        keys += [v.key for v in page.items]
        if page.next is None:
            return keys
        cursor = page.next


@pytest.fixture
def region_with_noise(engine):
    region = generate_region(seed=5, scale=0.1, today=TODAY)
    with UnitOfWork(engine, FakeClock.on(TODAY)) as uow:
        write_region(uow, region)
        create_demo_sharing(uow, region, TODAY)
        uow.commit()
    consents, live = _noise(engine, region, random.Random(12))
    return region, consents, live


def test_every_reader_lists_exactly_what_the_policy_allows(engine, region_with_noise):
    region, consents, live = region_with_noise
    rng = random.Random(7)
    orgs = [o for o in region.organisations if o.kind in ROLE_OF]
    checked = 0
    for org in rng.sample(orgs, min(12, len(orgs))):
        principal = Principal(1, f"test-{org.code}", ROLE_OF[OrgKind(org.kind)], org.code,
                              OrgKind(org.kind))
        allowed = _policy(region, consents, live, org)
        listed = _listed(engine, principal)
        assert listed == sorted(allowed), org.code
        status = {p.key: str(p.status) for p in region.persons}
        ready = _listed(engine, principal, status="uitstroomklaar")
        assert ready == sorted(k for k in allowed if status[k] == "uitstroomklaar")
        prefix = rng.choice(sorted(allowed))[:4] if allowed else "P-0"
        found = _listed(engine, principal, search=prefix.lower())
        assert found == sorted(k for k in allowed if k.startswith(prefix.upper()))
        outside = [p.key for p in region.persons if p.key not in allowed]
        for key in rng.sample(outside, min(3, len(outside))):
            with UnitOfWork(engine, FakeClock.on(TODAY)) as uow, pytest.raises(NotFound):
                persons.get_person(uow, principal, key)
        with UnitOfWork(engine, FakeClock.on(TODAY)) as uow:
            picked = {o.code for o in lookups.people(uow, principal, prefix)}
        assert picked <= allowed
        checked += len(allowed)
    assert checked, "geen enkele lezer zag iemand: de test toetst niets"


def test_a_regisseur_cannot_find_persons_by_name(engine, region_with_noise):
    """The regie view has no names, so searching by a name finds nothing (no membership test
    by name), while a caseworker finds its own client by name."""
    region, consents, live = region_with_noise
    gemeente = next(o for o in region.organisations if o.kind == OrgKind.GEMEENTE
                    and _policy(region, consents, live, o))
    visible = _policy(region, consents, live, gemeente)
    person = next(p for p in region.persons if p.key in visible)
    surname = person.name.split()[-1]
    regisseur = Principal(1, "test-rg", Role.REGISSEUR, gemeente.code, OrgKind.GEMEENTE)
    caseworker = Principal(2, "test-tb", Role.TRAJECTBEGELEIDER, person.care_provider,
                           OrgKind.ZORGAANBIEDER)
    assert person.key not in _listed(engine, regisseur, search=surname)
    assert person.key in _listed(engine, caseworker, search=surname)


def test_expired_basis_hides_from_the_day_after(engine, region_with_noise):
    region, consents, live = region_with_noise
    row = next(c for c in consents if c["valid_until"] == TODAY and c["purpose"] == "regie")
    regisseur = Principal(1, "test-rg", Role.REGISSEUR, row["party"], OrgKind.GEMEENTE)
    others = [c for c in consents if c["person"] == row["person"] and c["party"] == row["party"]
              and c["purpose"] == "regie" and c is not row
              and (c["valid_until"] is None or c["valid_until"] > TODAY)]
    assert row["person"] in _listed(engine, regisseur)
    with UnitOfWork(engine, FakeClock.on(TODAY + timedelta(days=1))) as uow:
        later = [v.key for v in persons.list_persons(uow, regisseur, limit=10_000).items]
    assert (row["person"] in later) == bool(others)
