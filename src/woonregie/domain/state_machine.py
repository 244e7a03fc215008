"""One state-machine helper for every dated, attributed workflow (toestandsmachine).

Persons, matches (bemiddelingen) and, next, signals all move through states by rules that are
data: which targets are allowed from each state, which targets need a reason, and that a change
is never dated before the previous one. `StateMachine.check` applies those three rules in that
order and raises `IllegalTransition` naming the rule that failed, so callers (the import
checker, the edges) can point at the right field without re-deriving the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from woonregie.domain.errors import IllegalTransition
from woonregie.domain.vocabulary import label_of


class Rule(StrEnum):
    """Which rule a refused transition broke (IllegalTransition.rule)."""

    NOT_ALLOWED = "niet_toegestaan"  # the target cannot be reached from here
    REASON_MISSING = "reden_ontbreekt"  # this move must say why
    DATE_BEFORE_LAST = "datum_voor_vorige"  # dated before the previous change


S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True)
class StateMachine(Generic[S]):
    """Transitions as data. `noun` names what moves, in Dutch ("de persoon", "de bemiddeling")."""

    allowed: Mapping[S, frozenset[S]]
    needs_reason: frozenset[S]
    noun: str
    labels: Mapping[S, str] | None = None

    def label(self, state: S) -> str:
        return (self.labels or {}).get(state) or label_of(state)

    def can(self, source: S, target: S) -> bool:
        return target in self.allowed.get(source, frozenset())

    def check(self, source: S, target: S, on: date, last_on: date | None, reason: str) -> None:
        """Raise `IllegalTransition` saying which rule failed, or return if the move is legal."""
        if not self.can(source, target):
            raise IllegalTransition(source, target, self._why_not(source, target),
                                    Rule.NOT_ALLOWED)
        if target in self.needs_reason and not reason.strip():
            raise IllegalTransition(source, target, "een reden is verplicht", Rule.REASON_MISSING)
        if last_on is not None and on < last_on:
            raise IllegalTransition(
                source, target,
                f"datum {on.strftime('%d-%m-%Y')} ligt voor de vorige wijziging "
                f"({last_on.strftime('%d-%m-%Y')})",
                Rule.DATE_BEFORE_LAST,
            )

    def _why_not(self, source: S, target: S) -> str:
        if source == target:
            return f"{self.noun} heeft al status {self.label(target)}"
        allowed = ", ".join(sorted(self.label(s) for s in self.allowed.get(source, ()))) or "geen"
        return f"vanuit {self.label(source)} zijn alleen toegestaan: {allowed}"
