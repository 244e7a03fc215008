"""The person status machine (design.md, "Person status").

Every change is a dated, attributed `StatusTransition`; waiting time counts from the most recent
move to `uitstroomklaar`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from woonregie.domain.state_machine import StateMachine
from woonregie.domain.vocabulary import Vocabulary


class PersonStatus(Vocabulary):
    """Where a person is on the way to a home (status)."""

    AANGEMELD = "aangemeld", "Aangemeld"  # registered
    IN_VOORBEREIDING = "in_voorbereiding", "In voorbereiding"  # preparing
    UITSTROOMKLAAR = "uitstroomklaar", "Uitstroomklaar"  # ready to move
    VOORGEDRAGEN = "voorgedragen", "Voorgedragen"  # proposed for a dwelling
    GEHUISVEST = "gehuisvest", "Gehuisvest"  # housed: contract signed
    NAZORG = "nazorg", "Nazorg"  # follow-up
    AFGESLOTEN = "afgesloten", "Afgesloten"  # closed
    TERUGGEVALLEN = "teruggevallen", "Teruggevallen"  # relapse: back to care
    UITGESCHREVEN = "uitgeschreven", "Uitgeschreven"  # left the list, with reason


S = PersonStatus

ALLOWED: dict[PersonStatus, frozenset[PersonStatus]] = {
    S.AANGEMELD: frozenset({S.IN_VOORBEREIDING, S.UITGESCHREVEN}),
    S.IN_VOORBEREIDING: frozenset({S.UITSTROOMKLAAR, S.TERUGGEVALLEN, S.UITGESCHREVEN}),
    # Back to in_voorbereiding when readiness is withdrawn; no offer is possible from there.
    S.UITSTROOMKLAAR: frozenset(
        {S.VOORGEDRAGEN, S.IN_VOORBEREIDING, S.TERUGGEVALLEN, S.UITGESCHREVEN}
    ),
    # A proposal that falls through returns the person to the pool of ready people.
    S.VOORGEDRAGEN: frozenset({S.GEHUISVEST, S.UITSTROOMKLAAR, S.TERUGGEVALLEN, S.UITGESCHREVEN}),
    S.GEHUISVEST: frozenset({S.NAZORG, S.TERUGGEVALLEN}),
    S.NAZORG: frozenset({S.AFGESLOTEN, S.TERUGGEVALLEN}),
    # A return to care after closure is what the "returns" monitor counts; so is a new
    # registration (aanmelding) of someone whose file was closed.
    S.AFGESLOTEN: frozenset({S.TERUGGEVALLEN, S.AANGEMELD}),
    S.TERUGGEVALLEN: frozenset({S.IN_VOORBEREIDING, S.UITGESCHREVEN}),
    S.UITGESCHREVEN: frozenset({S.AANGEMELD}),
}

NEEDS_REASON = frozenset({S.UITGESCHREVEN, S.TERUGGEVALLEN})
"""Side exits must say why, so the monitor can count reasons."""

ACTIVE = frozenset({S.AANGEMELD, S.IN_VOORBEREIDING, S.UITSTROOMKLAAR, S.VOORGEDRAGEN})
"""Statuses of people who still need a home (the by-name list)."""


HOUSED = frozenset({S.GEHUISVEST, S.NAZORG, S.AFGESLOTEN})
"""Statuses of people housed through a placement (and of closed files after one)."""

RETURN_TARGETS = frozenset({S.TERUGGEVALLEN, S.AANGEMELD})
"""Back to care (teruggevallen) or registered again (aangemeld)."""


def is_return(source: PersonStatus, target: PersonStatus) -> bool:
    """A return (terugkeer): someone housed comes back to care or is registered again. Their
    running placement ends with it; they keep their key, history and earlier placements, and
    are eligible again once they are uitstroomklaar."""
    return source in HOUSED and target in RETURN_TARGETS


@dataclass(frozen=True, slots=True)
class StatusTransition:
    """One dated, attributed status change (statuswijziging)."""

    source: PersonStatus | None  # None for the first registration
    target: PersonStatus
    on: date
    by: str  # user or process that made the change
    reason: str = ""


MACHINE: StateMachine[PersonStatus] = StateMachine(ALLOWED, NEEDS_REASON, "de persoon")
"""The person status machine as data (domain/state_machine.py)."""


def check_transition(
    source: PersonStatus, target: PersonStatus, on: date, last_on: date | None, reason: str
) -> None:
    """Raise `IllegalTransition` saying which move and why, or return if it is legal."""
    MACHINE.check(source, target, on, last_on, reason)
