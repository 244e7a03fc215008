"""Each party's to-do list ("wacht op mij"): the matches waiting for its step, with the days
they have waited and whether they are stalled (vastgelopen), the signals waiting for its answer,
and for the regisseur what only it can do: stalled matches in its gemeente and urgency lapses
awaiting approval. Built from the same reads as the lists (same visibility, same audit)."""

from __future__ import annotations

from dataclasses import dataclass, field

from woonregie.services import match_views, pauses, signals
from woonregie.services.access import Action, Principal, Role, allowed, require
from woonregie.services.match_views import MatchView
from woonregie.services.pauses import PauseView
from woonregie.services.signals import SignalSummary
from woonregie.store.unit_of_work import UnitOfWork

LIMIT = 200


@dataclass(slots=True)
class Todo:
    matches: list[MatchView] = field(default_factory=list)  # waiting for my step
    stalled: list[MatchView] = field(default_factory=list)  # regisseur: stalled in my gemeente
    signals: list[SignalSummary] = field(default_factory=list)  # waiting for my answer
    lapses: list[PauseView] = field(default_factory=list)  # regisseur: to approve

    @property
    def empty(self) -> bool:
        return not (self.matches or self.stalled or self.signals or self.lapses)


def _longest_first(items: list[MatchView]) -> list[MatchView]:
    return sorted(items, key=lambda v: (not v.stalled, -v.days_in_step, v.key))


def todo(uow: UnitOfWork, principal: Principal) -> Todo:
    """The principal's to-do list; only the workflow's parties have one (else Forbidden)."""
    require(principal, Action.MATCH_LIST)
    out = Todo()
    if principal.role in (Role.TRAJECTBEGELEIDER, Role.VERHUURMAKELAAR):
        out.matches = _longest_first(match_views.list_matches(
            uow, principal, waiting_for_me=True, limit=LIMIT).items)
    if principal.role is Role.REGISSEUR:
        out.stalled = _longest_first(match_views.list_matches(
            uow, principal, stalled=True, limit=LIMIT).items)
        out.lapses = [p for p in pauses.open_pauses(uow, principal)
                      if p.lapse == "te_beoordelen"]
    if allowed(principal, Action.SIGNAL_LIST):
        mine = [s for s in signals.list_signals(uow, principal, open_only=True, limit=LIMIT)
                if s.acknowledged_on is None and (s.recipient == principal.organisation
                                                  or s.escalated_on is not None)]
        out.signals = mine if principal.role is not Role.VERHUURMAKELAAR else []
    return out
