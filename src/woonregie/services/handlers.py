"""What happens when a domain event is published: the handler tables of the message bus.

Each handler is one small reaction. Audit entries are written here, not in the use cases, so
every way a match moves (a round, a hand proposal, a relapse, a signature) is audited the same
way; a signed tenancy writes its placement (verhuring) here, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from woonregie.domain.errors import DomainError
from woonregie.domain.events import (
    Event,
    MatchEnded,
    MatchProposed,
    MatchStepChanged,
    TenancySigned,
)
from woonregie.domain.placement import Placement
from woonregie.domain.signal import SignalMoved, SignalRaised
from woonregie.services import audit, three_party
from woonregie.services.access import Principal
from woonregie.store.unit_of_work import UnitOfWork

Handler = Callable[[Event, UnitOfWork, Principal], None]


def audit_proposed(event: MatchProposed, uow: UnitOfWork, actor: Principal) -> None:
    """The person's move to voorgedragen, as rounds have always audited it."""
    audit.record(uow, actor, "status", "person", event.person,
                 {"status": "voorgedragen", "dwelling": event.dwelling, "round": event.round_id,
                  "match": event.match})


def audit_step(event: MatchStepChanged, uow: UnitOfWork, actor: Principal) -> None:
    audit.record(uow, actor, "step", "match", event.match,
                 {"from": event.source, "to": event.target, "person": event.person,
                  "dwelling": event.dwelling})


def audit_ended(event: MatchEnded, uow: UnitOfWork, actor: Principal) -> None:
    """The person left voorgedragen because the match ended (withdrawn, refused, relapse)."""
    audit.record(uow, actor, "status", "person", event.person,
                 {"status": event.person_status, "match": event.match, "step": event.step})


def gemeente_of(uow: UnitOfWork, area: str) -> str:
    """The gemeente an area lies in (walking up the area tree)."""
    node = uow.areas.get(area)
    while node is not None and node.parent is not None:
        node = uow.areas.get(node.parent)
    if node is None:
        raise DomainError(f"gebied {area} ligt niet in een bekende gemeente")
    return node.code


def record_placement(event: TenancySigned, uow: UnitOfWork, actor: Principal) -> None:
    """A signed tenancy is a placement (verhuring) counting towards its agreement."""
    person, dwelling = uow.persons.get(event.person), uow.dwellings.get(event.dwelling)
    assert person is not None and dwelling is not None
    placement = Placement.of(person, dwelling, gemeente_of(uow, dwelling.buurt), event.on,
                             event.match)
    uow.placements.add_all([placement])
    audit.record(uow, actor, "status", "person", event.person,
                 {"status": "gehuisvest", "dwelling": event.dwelling, "match": event.match})


def audit_signal_raised(event: SignalRaised, uow: UnitOfWork, actor: Principal) -> None:
    audit.record(uow, actor, "create", "signal", event.signal,
                 {"person": event.person, "kind": event.kind, "route": event.route,
                  "recipient": event.recipient})


def audit_signal_moved(event: SignalMoved, uow: UnitOfWork, actor: Principal) -> None:
    audit.record(uow, actor, "step", "signal", event.signal,
                 {"person": event.person, "from": event.source, "to": event.target})


IN_TRANSACTION: Mapping[type[Event], Sequence[Handler]] = {
    MatchProposed: (audit_proposed,),  # type: ignore[dict-item]
    MatchStepChanged: (audit_step,),  # type: ignore[dict-item]
    MatchEnded: (audit_ended,),  # type: ignore[dict-item]
    # the placement first: the driepartijenovereenkomst is generated from it
    TenancySigned: (record_placement, three_party.generate_on_signing),  # type: ignore[dict-item]
    SignalRaised: (audit_signal_raised,),  # type: ignore[dict-item]
    SignalMoved: (audit_signal_moved,),  # type: ignore[dict-item]
}
"""Handlers that must commit with the change (audit, placements)."""

AFTER_COMMIT: Mapping[type[Event], Sequence[Handler]] = {}
"""Handlers for durable changes only (notifications and signal escalation, issues 9–10)."""
