from datetime import date

import pytest

from tests.factories import small_region
from woonregie.domain.status import PersonStatus
from woonregie.services.region import read_region, write_region
from woonregie.store.repositories import ConcurrentUpdate
from woonregie.store.unit_of_work import UnitOfWork


def _load(engine):
    region = small_region()
    with UnitOfWork(engine) as uow:
        write_region(uow, region)
        uow.commit()
    return region


def _key(x):
    return getattr(x, "code", None) or getattr(x, "key", None) or x.key


def test_region_round_trips_through_the_database(engine):
    region = _load(engine)
    with UnitOfWork(engine) as uow:
        back = read_region(uow)
    for name in ("areas", "organisations", "support_teams", "complexes", "dwellings",
                 "persons", "agreements"):
        want = sorted(getattr(region, name), key=lambda x: str(_key(x)))
        got = sorted(getattr(back, name), key=lambda x: str(_key(x)))
        assert got == want, name


def test_nothing_is_written_without_commit(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
    with UnitOfWork(engine) as uow:
        assert uow.persons.count() == 0 and uow.areas.count() == 0


def test_status_change_is_saved_with_its_history(engine):
    _load(engine)
    with UnitOfWork(engine) as uow:
        p = uow.persons.get("P-1")
        p.move_to(PersonStatus.VOORGEDRAGEN, date(2026, 1, 5), "regisseur")
        uow.persons.save(p)
        uow.commit()
    with UnitOfWork(engine) as uow:
        back = uow.persons.get("P-1")
    assert back.status == PersonStatus.VOORGEDRAGEN
    assert [t.target for t in back.history][-2:] == ["uitstroomklaar", "voorgedragen"]
    assert back.ready_since == date(2025, 9, 1)


def test_concurrent_person_update_is_refused(engine):
    _load(engine)
    with UnitOfWork(engine) as first:
        p1 = first.persons.get("P-2")
    with UnitOfWork(engine) as second:
        p2 = second.persons.get("P-2")
        p2.move_to(PersonStatus.IN_VOORBEREIDING, date(2026, 1, 1), "b")
        second.persons.save(p2)
        second.commit()
    with UnitOfWork(engine) as first:
        first.persons._versions["P-2"] = 1  # the version p1 was read at
        p1.move_to(PersonStatus.UITGESCHREVEN, date(2026, 1, 2), "a", "verhuisd")
        with pytest.raises(ConcurrentUpdate):
            first.persons.save(p1)


def test_a_dwelling_can_be_claimed_only_once(engine):
    _load(engine)
    with UnitOfWork(engine) as a:
        assert a.dwellings.claim("W-1", "vrij", "voorgedragen")
        a.commit()
    with UnitOfWork(engine) as b:
        assert not b.dwellings.claim("W-1", "vrij", "voorgedragen")
        assert b.dwellings.get("W-1").status == "voorgedragen"


def test_filters_and_counts(engine):
    _load(engine)
    with UnitOfWork(engine) as uow:
        assert [p.key for p in uow.persons.find(status="uitstroomklaar")] == ["P-1"]
        assert [p.key for p in uow.persons.find(care_provider="ZA-B")] == ["P-2"]
        assert [d.code for d in uow.dwellings.find(status="verhuurd")] == ["W-4"]
        assert ("bw_uitstroom", "uitstroomklaar", 1) in uow.persons.counts()
        assert uow.persons.count(status="aangemeld") == 1
