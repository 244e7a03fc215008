"""Use cases on signals (signalering): raise, list, read, acknowledge, close, escalate.

A corporation raises a signal about its tenant's running placement; the tenant's consent for
signalering with that corporation (recorded by the care provider, printed in the three-party
agreement) sends it to the responsible zorgaanbieder, otherwise to the gemeente only. The
recipient acknowledges within the gemeente's number of days and records an action; what is left
unacknowledged escalates to the regisseur (`escalate_due`, a periodic task). Access is decided in
access.py (SIGNAL_* actions) and here per record; a signal that is not yours is a 404. The
corporation's view never carries the care provider's action.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from woonregie.domain.signal import (
    Arrears,
    Signal,
    SignalKind,
    SignalOutcome,
    SignalRefused,
    SignalRoute,
    SignalStatus,
)
from woonregie.services import audit, messagebus
from woonregie.services.access import (
    Action,
    NotFound,
    Principal,
    Role,
    Scope,
    require,
)
from woonregie.services.signal_rules import (
    acknowledge_days,
    gemeente_organisation,
    signal_consent,
)
from woonregie.store import tables as t
from woonregie.store.signal_repository import visible_to
from woonregie.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class SignalSummary:
    """What the corporation (and a regisseur who was not the recipient) sees: the signal and
    where it stands, never the care provider's action."""

    key: str
    kind: SignalKind
    dwelling: str
    address: str
    tenant: str
    corporation: str
    route: SignalRoute
    recipient: str
    recipient_name: str
    raised_on: date
    raised_by: str
    due_on: date
    status: SignalStatus
    overdue: bool
    days_waiting: int
    note: str
    arrears_amount: Decimal | None
    arrears_months: int | None
    acknowledged_on: date | None
    escalated_on: date | None
    outcome: SignalOutcome | None
    closed_on: date | None


@dataclass(frozen=True, slots=True)
class SignalView(SignalSummary):
    """What the recipient sees besides: the person's key and the action recorded."""

    person: str = ""
    action: str = ""
    acknowledged_by: str | None = None


@dataclass(frozen=True, slots=True)
class Tenancy:
    """A tenant of the corporation housed through Woonregie: what a signal can be about."""

    dwelling: str
    address: str
    tenant: str
    start: date


def tenancies(uow: UnitOfWork, principal: Principal) -> list[Tenancy]:
    """The corporation's running placements, to raise a signal about (audited: names)."""
    require(principal, Action.SIGNAL_RAISE)
    found = uow.placements.running_of(principal.organisation)
    out = []
    for p in found:
        person, dwelling = uow.persons.get(p.person), uow.dwellings.get(p.dwelling)
        out.append(Tenancy(p.dwelling, dwelling.address if dwelling else "",
                           person.name if person else "", p.start))
    if found:
        audit.record(uow, principal, "list", "person", None,
                     {"keys": [p.person for p in found], "as": "tenants"})
    uow.commit()
    return out


def new_key() -> str:
    return f"S-{secrets.token_hex(5).upper()}"


def raise_signal(uow: UnitOfWork, principal: Principal, dwelling: str, kind: SignalKind,
                 note: str = "", amount: Decimal | None = None,
                 months: int | None = None) -> SignalSummary:
    """A corporation raises a signal about the tenant of one of its dwellings."""
    require(principal, Action.SIGNAL_RAISE)
    found = uow.dwellings.get(dwelling)
    if found is None or found.corporation != principal.organisation:
        raise NotFound("Woning")
    placement = uow.placements.running(dwelling=dwelling)
    if placement is None:
        raise SignalRefused("dwelling", "geen lopende verhuring via Woonregie in deze woning")
    person = uow.persons.get(placement.person)
    if person is None:
        raise NotFound("Huurder")
    on = uow.clock.today()
    arrears = Arrears(amount, months or 0) if amount is not None else None
    signal = Signal.raise_(
        new_key(), person=person.key, dwelling=dwelling, corporation=placement.corporation,
        care_provider=person.care_provider, gemeente=placement.gemeente,
        gemeente_org=gemeente_organisation(uow, placement.gemeente),
        consent=signal_consent(uow, person.key, placement.corporation, on), kind=kind, on=on,
        by=principal.username, acknowledge_days=acknowledge_days(uow, placement.gemeente)[kind],
        note=note.strip(), arrears=arrears)
    uow.signals.add(signal)
    messagebus.commit(uow, principal)
    return _views(uow, principal, [signal])[0]


def _filter(principal: Principal):
    scope = require(principal, Action.SIGNAL_LIST)
    if scope is Scope.ALL:
        return None
    if principal.role is Role.VERHUURMAKELAAR:
        return visible_to(principal.organisation, corporation=True)
    gemeente = principal.gemeente if principal.role is Role.REGISSEUR else None
    return visible_to(principal.organisation, gemeente=gemeente)


def list_signals(uow: UnitOfWork, principal: Principal, *, status: str | None = None,
                 open_only: bool = False, limit: int = 100,
                 offset: int = 0) -> list[SignalSummary]:
    """The signals the principal may see, newest first, each in the view its role allows."""
    where = [w for w in (_filter(principal),) if w is not None]
    if status is not None:
        where.append(t.SignalRow.status == status)
    if open_only:
        where.append(t.SignalRow.status != str(SignalStatus.GESLOTEN))
    found = uow.signals.find(where, limit, offset)
    views = _views(uow, principal, found)
    if found:
        _audit(uow, principal, "list", None, {"keys": [s.key for s in found]})
    uow.commit()
    return views


def _visible(uow: UnitOfWork, principal: Principal, key: str, action: Action) -> Signal:
    require(principal, action)
    where = [w for w in (_filter(principal), t.SignalRow.key == key) if w is not None]
    found = uow.signals.find(where)
    if not found:
        raise NotFound("Signaal")
    return found[0]


def get_signal(uow: UnitOfWork, principal: Principal, key: str) -> SignalSummary:
    signal = _visible(uow, principal, key, Action.SIGNAL_LIST)
    _audit(uow, principal, "read", key, {"person": signal.person})
    uow.commit()
    return _views(uow, principal, [signal])[0]


def acknowledge(uow: UnitOfWork, principal: Principal, key: str,
                action: str) -> SignalSummary:
    """The recipient acknowledges and records what it does (a care detail)."""
    signal = _visible(uow, principal, key, Action.SIGNAL_ACKNOWLEDGE)
    if signal.recipient != principal.organisation:
        raise NotFound("Signaal")
    if not action.strip():
        raise SignalRefused("action", "leg vast welke actie u onderneemt")
    signal.acknowledge(uow.clock.today(), principal.username, action)
    uow.signals.save(signal)
    messagebus.commit(uow, principal)
    return _views(uow, principal, [signal])[0]


def close(uow: UnitOfWork, principal: Principal, key: str,
          outcome: SignalOutcome) -> SignalSummary:
    """Close with an outcome: the raising corporation, the recipient, or the regisseur of the
    gemeente a signal escalated to."""
    signal = _visible(uow, principal, key, Action.SIGNAL_CLOSE)
    signal.close(uow.clock.today(), principal.username, outcome)
    uow.signals.save(signal)
    messagebus.commit(uow, principal)
    return _views(uow, principal, [signal])[0]


def escalate_due(uow: UnitOfWork, actor: Principal, on: date | None = None) -> list[str]:
    """Escalate every signal whose care provider did not acknowledge in time to the regisseur
    (idempotent: an escalated signal is not escalated again). Returns the keys escalated."""
    on = on or uow.clock.today()
    escalated = [s.key for s in uow.signals.due_for_escalation(on)
                 if s.escalate(on, actor.username)]
    for signal in uow.signals.seen.values():
        if signal.key in escalated:
            uow.signals.save(signal)
    messagebus.commit(uow, actor)
    return escalated


def _audit(uow: UnitOfWork, principal: Principal, what: str, key: str | None,
           detail: dict) -> None:
    audit.record(uow, principal, what, "signal", key, detail)


def _views(uow: UnitOfWork, principal: Principal, signals: list[Signal]) -> list[SignalSummary]:
    today = uow.clock.today()
    names = {o.code: o.name for o in uow.organisations.list()}
    dwellings = {s.dwelling: uow.dwellings.get(s.dwelling) for s in signals}
    tenants = {s.person: uow.persons.get(s.person) for s in signals}
    out: list[SignalSummary] = []
    for s in signals:
        d, p = dwellings[s.dwelling], tenants[s.person]
        base = dict(
            key=s.key, kind=s.kind, dwelling=s.dwelling, address=d.address if d else "",
            tenant=p.name if p else "", corporation=s.corporation, route=s.route,
            recipient=s.recipient, recipient_name=names.get(s.recipient, s.recipient),
            raised_on=s.raised_on, raised_by=s.raised_by, due_on=s.due_on, status=s.status,
            overdue=s.overdue(today), days_waiting=s.days_waiting(today), note=s.note,
            arrears_amount=s.arrears.amount if s.arrears else None,
            arrears_months=s.arrears.months if s.arrears else None,
            acknowledged_on=s.acknowledged_on, escalated_on=s.escalated_on, outcome=s.outcome,
            closed_on=s.closed_on)
        if sees_care_details(principal, s):
            out.append(SignalView(**base, person=s.person, action=s.action,
                                  acknowledged_by=s.acknowledged_by))
        else:
            out.append(SignalSummary(**base))
    return out


def sees_care_details(principal: Principal, signal: Signal) -> bool:
    """Only the recipient (and the operator) sees the action: never the corporation."""
    if principal.role is Role.VERHUURMAKELAAR:
        return False
    return principal.role is Role.OPERATOR or signal.recipient == principal.organisation
