"""Retention and erasure: closed records go after their period, erasure on request, all audited."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.factories import small_region
from woonregie.domain.enums import OrgKind, TargetGroup
from woonregie.domain.model import Person
from woonregie.domain.status import PersonStatus as S
from woonregie.services import audit
from woonregie.services.access import Principal, Role
from woonregie.services.region import write_region
from woonregie.services.retention import ErasureRefused, erase_person, purge_closed
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

OPERATOR = Principal(0, "cli:test", Role.ADMIN, "-", OrgKind.GEMEENTE)
TODAY = date(2026, 6, 1)


def _closed(key: str, closed_on: date) -> Person:
    p = Person.register(date(2022, 1, 3), "t", key=key, name="Oud Dossier",
                        target_group=TargetGroup.DAKLOOS, care_provider="ZA-B",
                        household_size=1, annual_income=15_000)
    p.move_to(S.IN_VOORBEREIDING, date(2022, 2, 1), "t")
    p.move_to(S.UITSTROOMKLAAR, date(2022, 3, 1), "t")
    p.move_to(S.VOORGEDRAGEN, date(2022, 6, 1), "t")
    p.move_to(S.GEHUISVEST, date(2022, 7, 1), "t")
    p.move_to(S.NAZORG, date(2022, 7, 2), "t")
    p.move_to(S.AFGESLOTEN, closed_on, "t")
    return p


@pytest.fixture
def loaded(engine):
    region = small_region()
    region.persons += [_closed("P-OLD", date(2023, 1, 10)), _closed("P-NEW", date(2026, 1, 10))]
    with UnitOfWork(engine) as uow:
        write_region(uow, region)
        uow.commit()
    return engine


def _keys(uow):
    return sorted(p.key for p in uow.persons.find())


def test_purge_removes_only_records_past_their_period(loaded):
    with UnitOfWork(loaded) as uow:
        assert purge_closed(uow, OPERATOR, TODAY, days=730, dry_run=True) == ["P-OLD"]
    with UnitOfWork(loaded) as uow:
        assert _keys(uow) == ["P-1", "P-2", "P-NEW", "P-OLD"]  # the dry run wrote nothing
        assert purge_closed(uow, OPERATOR, TODAY, days=730) == ["P-OLD"]
    with UnitOfWork(loaded) as uow:
        assert _keys(uow) == ["P-1", "P-2", "P-NEW"]
        history = uow.session.scalar(select(func.count()).where(
            t.StatusTransitionRow.person == "P-OLD"))
        assert history == 0
        (entry,) = uow.session.scalars(select(t.AuditRow))
        assert (entry.action, entry.entity_key, entry.detail["days"]) == ("erase", "P-OLD", 730)
        assert audit.verify(uow).ok


def test_erasure_on_request_is_audited_with_its_reason(loaded):
    with UnitOfWork(loaded) as uow:
        erase_person(uow, OPERATOR, "P-2", "verzoek betrokkene 2026-05-30")
    with UnitOfWork(loaded) as uow:
        assert "P-2" not in _keys(uow)
        (entry,) = uow.session.scalars(select(t.AuditRow))
        assert entry.detail == {"reason": "verzoek betrokkene 2026-05-30"}


@pytest.mark.parametrize(("key", "reason", "message"), [
    ("P-2", " ", "reden is verplicht"),
    ("P-404", "verzoek", "niet gevonden"),
])
def test_erasure_needs_a_reason_and_a_person(loaded, key, reason, message):
    with UnitOfWork(loaded) as uow, pytest.raises(ErasureRefused, match=message):
        erase_person(uow, OPERATOR, key, reason)


def test_a_proposed_person_cannot_be_erased_before_the_proposal_is_withdrawn(loaded):
    with UnitOfWork(loaded) as uow:
        p = uow.persons.get("P-1")
        p.move_to(S.VOORGEDRAGEN, TODAY, "regisseur")
        uow.persons.save(p)
        uow.commit()
    with UnitOfWork(loaded) as uow, pytest.raises(ErasureRefused, match="voordracht"):
        erase_person(uow, OPERATOR, "P-1", "verzoek")
    with UnitOfWork(loaded) as uow:
        assert "P-1" in _keys(uow)


def test_purge_takes_today_from_the_clock(loaded):
    """Retention is a time rule: on a fake clock one day decides whether a record goes."""
    from woonregie.domain.clock import FakeClock

    closed_on = date(2024, 1, 8)
    with UnitOfWork(loaded) as uow:
        uow.persons.add(_closed("P-OUD", closed_on))
        uow.commit()
    clock = FakeClock.on(date(2026, 1, 6))  # 729 days after closure
    with UnitOfWork(loaded, clock) as uow:
        assert purge_closed(uow, OPERATOR, days=730, dry_run=True) == ["P-OLD"]
    clock.advance(1)
    with UnitOfWork(loaded, clock) as uow:
        assert purge_closed(uow, OPERATOR, days=730, dry_run=True) == ["P-OLD", "P-OUD"]
