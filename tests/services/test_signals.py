"""Signals (signalering) on the database: routing with and without consent, the acknowledgement
deadline and escalation on a fake clock, closing outcomes, and the corporation never seeing the
care provider's action."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.services.match_region import CASEWORKER, CORPORATION, REGISSEUR, START, clock, loaded
from tests.signal_fixtures import consent_to_signals, sign_contract
from woonregie.domain.signal import (
    SignalConflict,
    SignalKind,
    SignalOutcome,
    SignalRefused,
    SignalStatus,
)
from woonregie.services import signal_rules, signals
from woonregie.services.access import NotFound, Principal, Role
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

__all__ = ["clock", "loaded"]

OPERATOR = Principal(0, "cli:test", Role.OPERATOR, "-", REGISSEUR.org_kind)
OTHER_CARE = Principal(9, "begeleider-b", Role.TRAJECTBEGELEIDER, "ZA-B",
                       CASEWORKER.org_kind)


def housed(engine, clock, person: str, dwelling: str, consent: bool) -> None:
    """Propose, sign, and (optionally) record the tenant's consent for signalering."""
    sign_contract(engine, clock, person, dwelling, REGISSEUR, CORPORATION)
    with UnitOfWork(engine, clock) as uow:
        if consent:
            consent_to_signals(uow, person, START)
        uow.commit()


@pytest.fixture
def region(loaded, clock):
    housed(loaded, clock, "P-1", "W-1", consent=True)
    housed(loaded, clock, "P-2", "W-2", consent=False)
    return loaded


def raise_(engine, clock, dwelling="W-1", kind=SignalKind.HUURACHTERSTAND, **kw):
    if kind is SignalKind.HUURACHTERSTAND:
        kw = {"amount": Decimal("1250.50"), "months": 2} | kw
    with UnitOfWork(engine, clock) as uow:
        return signals.raise_signal(uow, CORPORATION, dwelling, kind, **kw)


def test_with_consent_the_signal_goes_to_the_care_provider(region, clock):
    s = raise_(region, clock)
    assert (s.route, s.recipient, s.status) == ("zorgaanbieder", "ZA-A", SignalStatus.GEMELD)
    assert s.due_on == START + timedelta(days=5) and s.arrears_amount == Decimal("1250.50")
    with UnitOfWork(region, clock) as uow:
        assert [v.key for v in signals.list_signals(uow, CASEWORKER)] == [s.key]
        assert signals.list_signals(uow, REGISSEUR) == []  # not the gemeente's business
        assert signals.list_signals(uow, OTHER_CARE) == []


def test_without_consent_the_signal_goes_to_the_gemeente_only(region, clock):
    s = raise_(region, clock, "W-2", SignalKind.OVERLAST, note="geluid 's nachts")
    assert (s.route, s.recipient) == ("gemeente", "GEM-VW")
    with UnitOfWork(region, clock) as uow:
        assert signals.list_signals(uow, CASEWORKER) == []
        (seen,) = signals.list_signals(uow, REGISSEUR)
        assert seen.key == s.key
        signals.acknowledge(uow, REGISSEUR, s.key, "wijkteam op huisbezoek")
    with UnitOfWork(region, clock) as uow, pytest.raises(NotFound):
        signals.acknowledge(uow, CASEWORKER, s.key, "niet van ons")


def test_the_corporation_raises_only_for_its_running_placements(region, clock):
    with pytest.raises(SignalRefused, match="dwelling"):
        raise_(region, clock, "W-3")  # free dwelling, nobody housed
    with pytest.raises(SignalRefused, match="amount"):
        raise_(region, clock, kind=SignalKind.HUURACHTERSTAND, amount=None)
    with pytest.raises(SignalRefused, match="note"):
        raise_(region, clock, kind=SignalKind.ANDERS)
    with UnitOfWork(region, clock) as uow:  # nothing half-written
        assert uow.session.scalars(select(t.SignalRow)).all() == []


def test_unacknowledged_signals_escalate_to_the_regisseur_once(region, clock):
    s = raise_(region, clock)
    late = raise_(region, clock, kind=SignalKind.ZORGMIJDING)
    clock.advance(3)
    with UnitOfWork(region, clock) as uow:
        signals.acknowledge(uow, CASEWORKER, late.key, "huisbezoek gepland")
    clock.advance(2)  # day 5: the due date itself is still in time
    with UnitOfWork(region, clock) as uow:
        assert signals.escalate_due(uow, OPERATOR) == []
    clock.advance(1)
    with UnitOfWork(region, clock) as uow:
        assert signals.escalate_due(uow, OPERATOR) == [s.key]
    with UnitOfWork(region, clock) as uow:
        assert signals.escalate_due(uow, OPERATOR) == []  # idempotent
        (seen,) = signals.list_signals(uow, REGISSEUR)
        assert (seen.key, seen.status, seen.escalated_on) == (
            s.key, SignalStatus.GEESCALEERD, clock.today())
        assert not hasattr(seen, "action")  # the regisseur was not the recipient
        signals.acknowledge(uow, CASEWORKER, s.key, "alsnog contact")  # still possible


def test_the_gemeente_days_rule_sets_the_deadline(region, clock):
    with UnitOfWork(region, clock) as uow:
        signal_rules.set_acknowledge_days(uow, REGISSEUR, "huurachterstand", 2)
    s = raise_(region, clock)
    assert s.due_on == START + timedelta(days=2)
    with UnitOfWork(region, clock) as uow, pytest.raises(SignalRefused, match="days"):
        signal_rules.set_acknowledge_days(uow, REGISSEUR, "overlast", 0)


@pytest.mark.parametrize("outcome", list(SignalOutcome))
def test_signals_close_with_each_outcome(region, clock, outcome):
    s = raise_(region, clock)
    clock.advance(1)
    with UnitOfWork(region, clock) as uow:
        signals.acknowledge(uow, CASEWORKER, s.key, "budgetcoach ingeschakeld")
    clock.advance(20)
    with UnitOfWork(region, clock) as uow:
        closed = signals.close(uow, CORPORATION, s.key, outcome)
    assert (closed.status, closed.outcome, closed.closed_on) == (
        SignalStatus.GESLOTEN, outcome, date(2026, 1, 26))
    with UnitOfWork(region, clock) as uow, pytest.raises(SignalConflict, match="Gesloten"):
        signals.close(uow, CASEWORKER, s.key, SignalOutcome.OPGELOST)


def test_the_corporation_never_sees_care_details(region, clock):
    s = raise_(region, clock)
    with UnitOfWork(region, clock) as uow:
        signals.acknowledge(uow, CASEWORKER, s.key, "GEHEIM: opname overwogen")
    with UnitOfWork(region, clock) as uow:
        for view in (signals.get_signal(uow, CORPORATION, s.key),
                     *signals.list_signals(uow, CORPORATION)):
            names = {f.name for f in fields(view)}
            assert not names & {"action", "person", "acknowledged_by"}
            assert "GEHEIM" not in repr(view)
            assert view.status == SignalStatus.BEVESTIGD
        seen = signals.get_signal(uow, CASEWORKER, s.key)
        assert seen.action == "GEHEIM: opname overwogen"


def test_every_signal_read_and_write_is_audited(region, clock):
    s = raise_(region, clock)
    with UnitOfWork(region, clock) as uow:
        signals.get_signal(uow, CASEWORKER, s.key)
    with UnitOfWork(region, clock) as uow:
        rows = uow.session.execute(select(t.AuditRow.action, t.AuditRow.actor).where(
            t.AuditRow.entity == "signal", t.AuditRow.entity_key == s.key)).all()
    assert sorted(rows) == [("create", CORPORATION.username), ("read", CASEWORKER.username)]
