"""The rules a signal is raised under: the gemeente's acknowledgement days per kind, the
gemeente organisation that receives signals without consent, and the tenant's consent for
signalering. Read by the signals use cases and printed in the three-party agreement."""

from __future__ import annotations

from datetime import date

from woonregie.domain.enums import OrgKind
from woonregie.domain.signal import ACKNOWLEDGE_DAYS, SignalKind, SignalRefused
from woonregie.services import audit
from woonregie.services.access import Action, NotFound, Principal, Purpose, require
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork


def acknowledge_days(uow: UnitOfWork, gemeente: str) -> dict[SignalKind, int]:
    """The days a recipient has per kind of signal in a gemeente (its own rule, else default)."""
    own = uow.signals.rules(gemeente)
    return {kind: own.get(str(kind), days) for kind, days in ACKNOWLEDGE_DAYS.items()}


def set_acknowledge_days(uow: UnitOfWork, principal: Principal, kind: str, days: int,
                         commit: bool = True) -> None:
    """The regisseur sets its gemeente's acknowledgement days for one kind of signal."""
    require(principal, Action.TENANCY_TEMPLATE_EDIT)
    try:
        the_kind = SignalKind(kind)
    except ValueError:
        raise SignalRefused("kind", "onbekende soort signaal") from None
    if not 1 <= days <= 60:
        raise SignalRefused("days", "kies 1 tot en met 60 dagen")
    if principal.gemeente is None:
        raise NotFound("Gemeente")
    uow.signals.set_rule(principal.gemeente, str(the_kind), days)
    audit.record(uow, principal, "update", "signal_rule", principal.gemeente,
                 {"kind": str(the_kind), "days": days})
    if commit:
        uow.commit()


def gemeente_organisation(uow: UnitOfWork, gemeente: str) -> str:
    """The gemeente organisation seated in an area code (the recipient without consent)."""
    found = sorted(o.code for o in uow.organisations.list()
                   if o.kind == OrgKind.GEMEENTE and o.gemeente == gemeente)
    if not found:
        raise SignalRefused("dwelling", "er is geen gemeente bekend voor deze woning")
    return found[0]


def signal_consent(uow: UnitOfWork, person: str, corporation: str, on: date) -> bool:
    """Whether the tenant consented to signal exchange with this corporation on `on`."""
    assert uow.session is not None
    return ConsentRepository(uow.session).has_basis(person, str(Purpose.SIGNALERING),
                                                    corporation, on)


