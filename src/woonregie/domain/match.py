"""The match (bemiddeling): one person on their way into one dwelling, from proposal to tenancy.

The match is the aggregate that keeps three statuses in step: its own step, the person's status
and the dwelling's status. It is the only way a person enters or leaves `voorgedragen` (and
enters `gehuisvest`) and the only way a dwelling enters or leaves `voorgedragen` (and enters
`verhuurd`): the services never set those statuses themselves, they ask the match. The store
writes the three together in one transaction (a guarded dwelling claim and the person's version
check), so a concurrent writer can never allocate one dwelling twice.

The steps are data (`ALLOWED`, `NEEDS_REASON`, `EFFECTS`): the three-party workflow
(begeleiding_bevestigd, aangeboden, bezichtigd, geaccepteerd/geweigerd, issue 9) is rows of these
tables, not code. Who takes which step, who is waiting and the deadlines are in
domain/workflow.py. A step change may carry details (the confirmed support plan, the offer, the
code of a decline reason): plain strings, kept with the change in the history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from woonregie.domain.enums import DwellingStatus
from woonregie.domain.errors import DomainError
from woonregie.domain.events import (
    Event,
    MatchEnded,
    MatchProposed,
    MatchStepChanged,
    TenancySigned,
)
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.state_machine import StateMachine
from woonregie.domain.status import PersonStatus
from woonregie.domain.vocabulary import Vocabulary, label_of


class MatchStep(Vocabulary):
    """Step of a match (stap van de bemiddeling)."""

    VOORGESTELD = "voorgesteld", "Voorgesteld"  # proposed by a round or by hand
    # the care provider confirmed the support plan (and the consent for bemiddeling)
    BEGELEIDING_BEVESTIGD = "begeleiding_bevestigd", "Begeleiding bevestigd"
    AANGEBODEN = "aangeboden", "Aangeboden"  # the corporation made the offer
    BEZICHTIGD = "bezichtigd", "Bezichtigd"  # the person viewed the dwelling
    GEACCEPTEERD = "geaccepteerd", "Geaccepteerd"  # the person accepted the offer
    # the person (or the care provider for them) declined, with a reason
    GEWEIGERD = "geweigerd", "Geweigerd"
    # tenancy signed: ends in a placement
    CONTRACT_GETEKEND = "contract_getekend", "Contract getekend"
    # the corporation refused
    AFGEWEZEN_DOOR_CORPORATIE = "afgewezen_door_corporatie", "Afgewezen door corporatie"
    # withdrawn (by the regisseur, or because the person moved on)
    INGETROKKEN = "ingetrokken", "Ingetrokken"


M = MatchStep

OUTS = frozenset({M.AFGEWEZEN_DOOR_CORPORATIE, M.INGETROKKEN})
"""Before the contract the corporation may refuse and the regisseur may withdraw, at any step."""

ALLOWED: dict[MatchStep, frozenset[MatchStep]] = {
    M.VOORGESTELD: frozenset({M.BEGELEIDING_BEVESTIGD, M.GEWEIGERD}) | OUTS,
    M.BEGELEIDING_BEVESTIGD: frozenset({M.AANGEBODEN, M.GEWEIGERD}) | OUTS,
    M.AANGEBODEN: frozenset({M.BEZICHTIGD, M.GEWEIGERD}) | OUTS,
    M.BEZICHTIGD: frozenset({M.GEACCEPTEERD, M.GEWEIGERD}) | OUTS,
    M.GEACCEPTEERD: frozenset({M.CONTRACT_GETEKEND}) | OUTS,
    M.GEWEIGERD: frozenset(),
    M.CONTRACT_GETEKEND: frozenset(),
    M.AFGEWEZEN_DOOR_CORPORATIE: frozenset(),
    M.INGETROKKEN: frozenset(),
}

NEEDS_REASON = frozenset({M.GEWEIGERD, M.AFGEWEZEN_DOOR_CORPORATIE, M.INGETROKKEN})
"""A match that falls through must say why (the monitor counts reasons)."""

EFFECTS: dict[MatchStep, tuple[PersonStatus, DwellingStatus]] = {
    M.CONTRACT_GETEKEND: (PersonStatus.GEHUISVEST, DwellingStatus.VERHUURD),
    M.GEWEIGERD: (PersonStatus.UITSTROOMKLAAR, DwellingStatus.VRIJ),
    M.AFGEWEZEN_DOOR_CORPORATIE: (PersonStatus.UITSTROOMKLAAR, DwellingStatus.VRIJ),
    M.INGETROKKEN: (PersonStatus.UITSTROOMKLAAR, DwellingStatus.VRIJ),
}
"""What entering a step does to the person and the dwelling. Steps not listed (the workflow's
intermediate steps) leave both where they are: voorgedragen."""

MACHINE: StateMachine[MatchStep] = StateMachine(ALLOWED, NEEDS_REASON, "de bemiddeling")

LIVE = frozenset(s for s, targets in ALLOWED.items() if targets)
"""Steps of a match that still holds its person and dwelling (not ended)."""

SHARED_WITH_CORPORATION = frozenset(LIVE - {M.VOORGESTELD})
"""Live steps in which the corporation sees the match and its candidate: from the confirmed
support plan on (the consent for bemiddeling is recorded with it)."""

MATCH_OWNED_PERSON = frozenset({PersonStatus.VOORGEDRAGEN, PersonStatus.GEHUISVEST})
"""Person statuses only a match may move a person into."""


class MatchRefused(DomainError):
    """The person or dwelling is not in a state a match can start from."""


class MatchConflict(MatchRefused):
    """The dwelling is no longer free or the person no longer ready: someone else was first
    (HTTP 409, like a lost race)."""


@dataclass(frozen=True, slots=True)
class MatchTransition:
    """One dated, attributed step change of a match."""

    source: MatchStep | None  # None for the proposal that opens the match
    target: MatchStep
    on: date
    by: str
    reason: str = ""
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Match:
    """A match (bemiddeling). `round_id` is None for a proposal made by hand."""

    key: str
    person: str
    dwelling: str
    round_id: int | None
    step: MatchStep
    history: list[MatchTransition] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def live(self) -> bool:
        return self.step in LIVE

    @property
    def opened_on(self) -> date:
        return self.history[0].on

    @property
    def step_on(self) -> date:
        """The day the match entered its current step."""
        return self.history[-1].on

    @property
    def confirmed_on(self) -> date | None:
        """The day the support plan was confirmed: from then on the corporation sees it."""
        return next((tr.on for tr in self.history if tr.target == M.BEGELEIDING_BEVESTIGD),
                    None)

    def details_of(self, step: MatchStep | str) -> Mapping[str, str]:
        """The details recorded with the (last) change into `step`, {} if none."""
        for tr in reversed(self.history):
            if tr.target == step:
                return tr.details
        return {}

    @classmethod
    def propose(cls, key: str, person: Person, dwelling: Dwelling, on: date, by: str,
                round_id: int | None = None, reason: str = "") -> Match:
        """Open a match: the person goes to voorgedragen and the dwelling to voorgedragen.

        A proposal by hand (no round) must give a reason: it overrides the round's order.
        """
        if round_id is None and not reason.strip():
            raise MatchRefused("een voordracht met de hand vraagt een reden")
        if dwelling.status != DwellingStatus.VRIJ:
            raise MatchConflict(f"woning {dwelling.code} is niet vrij "
                                f"({label_of(dwelling.status)})")
        if person.status != PersonStatus.UITSTROOMKLAAR:
            raise MatchConflict(f"persoon {person.key} is niet uitstroomklaar "
                                f"({label_of(person.status)})")
        why = reason or f"ronde {round_id}: voorgedragen voor woning {dwelling.code}"
        person.move_to(PersonStatus.VOORGEDRAGEN, on, by, why)
        dwelling.status = DwellingStatus.VOORGEDRAGEN
        match = cls(key, person.key, dwelling.code, round_id, M.VOORGESTELD,
                    [MatchTransition(None, M.VOORGESTELD, on, by, reason)])
        match.events.append(MatchProposed(key, person.key, dwelling.code, round_id, on, by,
                                          reason))
        return match

    def move_to(self, target: MatchStep, person: Person, dwelling: Dwelling, on: date, by: str,
                reason: str = "", person_target: PersonStatus | None = None,
                details: Mapping[str, str] | None = None) -> None:
        """Move the match on, and the person and dwelling with it (EFFECTS).

        `person_target` overrides where an ended match leaves the person: a caseworker who
        records a relapse (teruggevallen) or an uitschrijving ends the match with that move.
        """
        if (person.key, dwelling.code) != (self.person, self.dwelling):
            raise DomainError(f"bemiddeling {self.key} gaat niet over {person.key}/{dwelling.code}")
        source = self.step
        MACHINE.check(source, target, on, self.history[-1].on, reason)
        effect = EFFECTS.get(target)
        if effect is not None:
            new_person = person_target or effect[0]
            if new_person in MATCH_OWNED_PERSON and new_person != effect[0]:
                raise DomainError(f"een bemiddeling kan niet eindigen met status {new_person}")
            person.move_to(new_person, on, by, reason or f"bemiddeling {self.key}: {target}")
            dwelling.status = effect[1]
        self.history.append(MatchTransition(source, target, on, by, reason, dict(details or {})))
        self.step = target
        self.events.append(MatchStepChanged(self.key, self.person, self.dwelling, source, target,
                                            on, by, reason))
        if target == M.CONTRACT_GETEKEND:
            self.events.append(TenancySigned(self.key, self.person, self.dwelling, on, by))
        elif not self.live:
            self.events.append(MatchEnded(self.key, self.person, self.dwelling, target,
                                          person.status, reason))
