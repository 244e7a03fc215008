"""What the model runs on: the calibrated parameters, the region's structure and the start state.

All frozen plain data, so a `Model` pickles cheaply to a Dask worker and two runs of one model
cannot influence each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from woonregie.domain.enums import TargetGroup
from woonregie.matching.model import AreaNode, Candidate, DwellingOffer

GROUPS: tuple[str, ...] = tuple(str(g) for g in TargetGroup)
"""Target groups in a fixed order: the column order of every per-group array."""

CARE_GROUPS: tuple[str, ...] = (str(TargetGroup.BW_UITSTROOM), str(TargetGroup.MO_UITSTROOM))
"""Groups that occupy a BW or MO place while they wait (bed-days blocked)."""


class Stage(IntEnum):
    """Where a person is in the chain (the person statuses, folded into four stages)."""

    PREP = 0  # aangemeld, in_voorbereiding, teruggevallen: on the list, not yet ready
    READY = 1  # uitstroomklaar, voorgedragen: waiting for a dwelling
    HOUSED = 2  # gehuisvest, nazorg, afgesloten: the tenancy runs
    LEFT = 3  # uitgeschreven: off the list


@dataclass(frozen=True)
class Parameters:
    """Calibrated rates (per month unless said otherwise), per group where a dict has groups."""

    inflow: dict[str, float]  # new registrations per month
    ready: dict[str, float]  # hazard voorbereiding -> uitstroomklaar
    prep_leave: dict[str, float]  # hazard voorbereiding -> uitgeschreven
    ready_leave: dict[str, float]  # hazard uitstroomklaar -> uitgeschreven
    ready_back: dict[str, float]  # hazard uitstroomklaar -> back to care (teruggevallen)
    fail: dict[str, float]  # hazard of a tenancy failing (back into the chain)
    decline: float  # share of proposals that fall through (afgewezen, geweigerd)
    proposal_days: int  # days from proposal to signed contract
    turnover: dict[str, float]  # mutatiegraad per corporation, per YEAR
    # share of a corporation's vacancies reserved for the register, per year (contingents)
    reserved: dict[str, dict[int, float]]
    stock: dict[tuple[str, str], int]  # whole stock per (corporation, housing form)
    free_months: int = 2  # an offer nobody takes goes back to regular letting after this


@dataclass(frozen=True)
class Structure:
    """The region as the matching rounds see it: areas, caps, teams, dwelling templates."""

    areas: tuple[AreaNode, ...]
    complex_caps: dict[str, int]
    team_caps: dict[str, int]  # new clients per team per round (month)
    dwellings: dict[tuple[str, str], tuple[DwellingOffer, ...]]  # templates per cell
    persons: dict[str, tuple[Candidate, ...]]  # attribute templates of newcomers, per group


@dataclass(frozen=True)
class StartPerson:
    candidate: Candidate  # matching attributes (id: the person's key)
    group: str
    stage: Stage
    since: date  # start of the current stage (ready_since when READY)
    able: bool = True  # False: needs support but has no known team, so cannot take part


@dataclass(frozen=True)
class Start:
    on: date
    persons: tuple[StartPerson, ...]
    free: tuple[DwellingOffer, ...] = ()  # offers open on `on`


@dataclass(frozen=True)
class Project:
    """New units coming on stream (nieuwbouw): all let at once on `on`, then turning over."""

    on: date
    corporation: str
    form: str
    units: int
    turnover: float = 0.1  # per year, after the first letting
    buurt: str | None = None  # None: the buurten of the form's existing stock
    cap: int | None = None  # placements per round in the new complex


@dataclass(frozen=True)
class TeamChange:
    """From `on`, team `team` (None: every team) takes capacity × factor + extra per round."""

    on: date
    factor: float = 1.0
    extra: int = 0
    team: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str = ""
    contingent: float = 1.0  # factor on the share reserved for the register
    contingent_by_corporation: dict[str, float] = field(default_factory=dict)
    readiness: float = 1.0  # factor on the hazard of becoming uitstroomklaar
    inflow: dict[str, float] = field(default_factory=dict)  # factor per group
    teams: tuple[TeamChange, ...] = ()
    projects: tuple[Project, ...] = ()
    turnover: float | None = None  # mutatiegraad per year for every corporation


@dataclass(frozen=True)
class Model:
    """Everything one replication needs."""

    start: Start
    params: Parameters
    structure: Structure
    scenario: Scenario
    months: int
