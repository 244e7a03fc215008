"""The plain data of a matching round: frozen dataclasses, plus the error for a bad instance.

Its own module so that the instance reader (`instance.py`) and the integrity checks
(`integrity.py`) both import it without importing each other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


class InstanceError(ValueError):
    """Invalid matching instance; `path` is the JSON path of the bad field."""

    def __init__(self, path: str, message: str):
        self.path = path
        super().__init__(f"Ongeldige instantie: {path}: {message}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person ready to move (uitstroomklaar) who takes part in this round."""

    id: str
    priority: int
    waiting_days: int
    household_size: int
    max_rent: float
    needs: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    support_areas: tuple[str, ...] = ()
    housing_forms: tuple[str, ...] = ()
    preferred_areas: tuple[str, ...] = ()
    support_team: str | None = None


@dataclass(frozen=True, slots=True)
class DwellingOffer:
    """A free dwelling (vacature) offered in this round."""

    id: str
    area: str
    rent: float
    complex: str | None = None
    min_household: int = 1
    max_household: int = 99
    features: tuple[str, ...] = ()
    housing_form: str = "zelfstandig"


@dataclass(frozen=True, slots=True)
class AreaNode:
    """A node of the area tree (buurt -> wijk -> gemeente) with an optional placement cap."""

    id: str
    parent: str | None = None
    cap: int | None = None


@dataclass(frozen=True)
class Round:
    """One matching round: candidates, dwellings, area tree and the caps of this round."""

    candidates: tuple[Candidate, ...]
    dwellings: tuple[DwellingOffer, ...]
    areas: tuple[AreaNode, ...] = ()
    complex_caps: Mapping[str, int] = field(default_factory=dict)
    team_caps: Mapping[str, int] = field(default_factory=dict)
    year: int | None = None  # year of the round's rent limits (fit); None: fit.DEFAULT_YEAR
