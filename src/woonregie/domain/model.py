"""The domain entities: areas, organisations, support teams, dwellings, persons, agreements.

Plain dataclasses; identity is a stable string code (CBS codes for areas, short codes for the
rest), so the same record keeps its key through import, export and the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from woonregie.domain.affordability import max_affordable_rent
from woonregie.domain.enums import (
    AreaLevel,
    DwellingStatus,
    HousingForm,
    OrgKind,
    SupportIntensity,
    TargetGroup,
)
from woonregie.domain.errors import DomainError
from woonregie.domain.priority import priority_of
from woonregie.domain.status import PersonStatus, StatusTransition, check_transition


@dataclass(slots=True)
class Area:
    """A node of the area tree (gebied): gemeente (GM…), wijk (WK…) or buurt (BU…)."""

    code: str
    name: str
    level: AreaLevel
    parent: str | None = None
    liveability: int | None = None  # leefbaarheid, Leefbaarometer class 1–9
    cap: int | None = None  # max placements per round (spreading); None = no cap


@dataclass(slots=True)
class Organisation:
    code: str
    name: str
    kind: OrgKind
    gemeente: str | None = None  # seat (area code of the gemeente)


@dataclass(slots=True)
class SupportTeam:
    """An ambulant support team (ambulant team) of a zorgaanbieder."""

    code: str
    name: str
    organisation: str
    areas: tuple[str, ...]  # area codes it covers (any level)
    capacity: int  # new clients it can take per round


@dataclass(slots=True)
class Complex:
    """A building or cluster of dwellings with its own placement cap."""

    code: str
    name: str
    corporation: str
    buurt: str
    cap: int | None = None


@dataclass(slots=True)
class Dwelling:
    code: str
    corporation: str
    buurt: str
    rent: float  # monthly net rent (kale huur), euro
    rooms: int
    housing_form: HousingForm = HousingForm.ZELFSTANDIG
    min_household: int = 1
    max_household: int = 99
    features: frozenset[str] = frozenset()
    complex: str | None = None
    status: DwellingStatus = DwellingStatus.VRIJ
    available_from: date | None = None
    address: str = ""

    def __post_init__(self) -> None:
        if self.rent < 0:
            raise DomainError("huur kan niet negatief zijn")
        if self.min_household < 1 or self.max_household < self.min_household:
            raise DomainError("huishoudgrootte min/max is onmogelijk")
        if self.rooms < 1:
            raise DomainError("aantal kamers moet minstens 1 zijn")


@dataclass(slots=True)
class Person:
    """A person on the by-name list. `key` is a pseudonymous id; `name` is personal data."""

    key: str
    name: str
    target_group: TargetGroup
    care_provider: str  # responsible zorgaanbieder (organisation code)
    household_size: int
    annual_income: float
    support_intensity: SupportIntensity = SupportIntensity.GEEN
    support_team: str | None = None
    zrm: dict[str, int] | None = None  # ZRM scores per domain (1–5); care provider only
    legal_urgency: bool = False  # wettelijke/lokale urgentie granted
    pension_age: bool = False
    required_features: frozenset[str] = frozenset()
    allowed_forms: frozenset[HousingForm] = frozenset()  # empty = any
    acceptable_areas: tuple[str, ...] = ()  # empty = anywhere
    preferred_areas: tuple[str, ...] = ()
    status: PersonStatus = PersonStatus.AANGEMELD
    history: list[StatusTransition] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.household_size < 1:
            raise DomainError("huishoudgrootte moet minstens 1 zijn")
        if self.annual_income < 0:
            raise DomainError("inkomen kan niet negatief zijn")
        if self.zrm is not None:
            bad = {k: v for k, v in self.zrm.items() if not 1 <= v <= 5}
            if bad:
                raise DomainError(f"ZRM-scores moeten 1–5 zijn: {bad}")

    @property
    def priority(self) -> int:
        return priority_of(self.target_group, self.legal_urgency)

    def max_rent(self, year: int) -> float:
        return max_affordable_rent(
            self.annual_income, self.household_size, year, self.pension_age
        )

    @property
    def needs_support(self) -> bool:
        return self.support_intensity != SupportIntensity.GEEN

    @property
    def ready_since(self) -> date | None:
        """Date of the latest move to uitstroomklaar: waiting time counts from here."""
        for t in reversed(self.history):
            if t.target == PersonStatus.UITSTROOMKLAAR:
                return t.on
        return None

    def waiting_days(self, on: date) -> int:
        since = self.ready_since
        return max(0, (on - since).days) if since else 0

    def move_to(self, target: PersonStatus, on: date, by: str, reason: str = "") -> None:
        """Change status through the status machine; raises IllegalTransition if not allowed."""
        last_on = self.history[-1].on if self.history else None
        check_transition(self.status, target, on, last_on, reason)
        self.history.append(StatusTransition(self.status, target, on, by, reason))
        self.status = target

    @classmethod
    def register(cls, on: date, by: str, **fields: object) -> Person:
        """A new person, registered (aangemeld) on `on` by `by`."""
        person = cls(**fields)  # type: ignore[arg-type]
        person.status = PersonStatus.AANGEMELD
        person.history = [StatusTransition(None, PersonStatus.AANGEMELD, on, by)]
        return person


@dataclass(slots=True)
class Agreement:
    """A contingent agreement (contingentafspraak): N dwellings in a year for a group."""

    gemeente: str
    corporation: str
    target_group: TargetGroup
    year: int
    dwellings: int

    def __post_init__(self) -> None:
        if self.dwellings < 0:
            raise DomainError("aantal woningen kan niet negatief zijn")

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.gemeente, self.corporation, str(self.target_group), self.year)


@dataclass(slots=True)
class Region:
    """Everything a region holds; what the sample generator builds and imports load."""

    areas: list[Area] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    support_teams: list[SupportTeam] = field(default_factory=list)
    complexes: list[Complex] = field(default_factory=list)
    dwellings: list[Dwelling] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    # Live matches and placements (domain/match.py, domain/placement.py): typed loosely here
    # because those modules build on this one.
    matches: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    signals: list = field(default_factory=list)  # domain/signal.py (issue 9)
