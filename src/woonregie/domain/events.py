"""Domain events (domeingebeurtenissen): facts an aggregate records when it changes.

Aggregates append events to their `events` list; the unit of work collects them from every
aggregate it saw and the message bus (services/messagebus.py) hands each to the handlers in its
table — audit entries today, notifications and signal escalation next. Events carry keys and
codes only, never names or care data, so a handler cannot leak what it does not need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Event:
    """Base of all domain events."""


@dataclass(frozen=True, slots=True)
class MatchProposed(Event):
    """A person was proposed for a dwelling (voorgedragen), by a round or by hand."""

    match: str  # the match key (M-…)
    person: str
    dwelling: str
    round_id: int | None
    on: date
    by: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class MatchStepChanged(Event):
    """A match moved to another step (e.g. contract_getekend, ingetrokken)."""

    match: str  # the match key (M-…)
    person: str
    dwelling: str
    source: str
    target: str
    on: date
    by: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class MatchEnded(Event):
    """A match ended without a tenancy: the dwelling is free again, the person out of it."""

    match: str  # the match key (M-…)
    person: str
    dwelling: str
    step: str
    person_status: str
    reason: str


@dataclass(frozen=True, slots=True)
class TenancySigned(Event):
    """A match ended in a signed tenancy (huurcontract getekend): a placement follows."""

    match: str  # the match key (M-…)
    person: str
    dwelling: str
    on: date
    by: str
