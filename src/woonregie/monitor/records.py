"""What the monitor engine reads: plain records, held as columns.

The monitor counts over every status change of a region (700,000 at national scale), so the
engine works on columns (numpy arrays) rather than on one object per change: the store fetches
them straight from SQL (services/monitoring.py), tests and notebooks build them from plain
records with `MonitorData.from_records`. Codes become small integers (indexes into `STATUSES`
and `GROUPS`), dates proleptic ordinals, persons their index in `keys`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from woonregie.domain.enums import AreaLevel, TargetGroup
from woonregie.domain.model import Region
from woonregie.domain.status import PersonStatus
from woonregie.monitor.workflow import DEFAULT_DEADLINES, MatchSteps, StepRecord

STATUSES: tuple[PersonStatus, ...] = tuple(PersonStatus)
GROUPS: tuple[TargetGroup, ...] = tuple(TargetGroup)
STATUS_CODE = {str(s): i for i, s in enumerate(STATUSES)}
GROUP_CODE = {str(g): i for i, g in enumerate(GROUPS)}
NO_STATUS = -1  # the source of a first registration
OPEN_END = date.max.toordinal()  # end of a placement that still runs


@dataclass(frozen=True, slots=True)
class PersonRecord:
    key: str
    target_group: str


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    """One status change (statuswijziging); `seq` orders a person's changes."""

    person: str
    seq: int
    source: str | None
    target: str
    on: date


@dataclass(frozen=True, slots=True)
class PlacementRecord:
    """A placement (verhuring); `gemeente` and `buurt` are the dwelling's."""

    person: str
    corporation: str
    gemeente: str
    buurt: str
    target_group: str
    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    """A contingent agreement (contingentafspraak)."""

    gemeente: str
    corporation: str
    target_group: str
    year: int
    dwellings: int


@dataclass(frozen=True, slots=True)
class BuurtRecord:
    """A buurt with its corporation stock (dwellings in it) and liveability (leefbaarheid)."""

    code: str
    stock: int
    liveability: int | None = None
    name: str = ""


@dataclass(slots=True)
class History:
    """Status changes as columns, sorted by person and then by `seq`.

    `memo` keeps what the figures derive from the columns alone (columns.memoised): a region
    the store keeps between requests derives it once, not once per figure and request. The
    columns must not change after a figure has been computed from them."""

    groups: np.ndarray  # per person: index into GROUPS
    person: np.ndarray  # per change: index of the person
    source: np.ndarray  # per change: index into STATUSES, NO_STATUS for a first registration
    target: np.ndarray  # per change: index into STATUSES
    day: np.ndarray  # per change: ordinal of its date
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def empty(cls) -> History:
        i = np.zeros(0, dtype=np.int64)
        return cls(i, i, i, i, i)


@dataclass(slots=True)
class Changes:
    """Status changes as flat columns, each with what the flow figures need of its person:
    their group, whether it is their first change, and the date of their latest move into
    `uitstroomklaar` at or before it (0: none). Derived from a History (`columns.flat`)."""

    group: np.ndarray
    target: np.ndarray
    source: np.ndarray
    first: np.ndarray  # bool
    ready: np.ndarray
    day: np.ndarray


@dataclass(slots=True)
class Placements:
    """Placements as columns; `person` indexes History.groups, `end` is OPEN_END while running.
    The codes (corporation, gemeente, buurt, target group) are held as numpy arrays of str
    objects, whatever sequence is given: a filter or a period cuts them with one index array,
    and a comparison with a code is one vectorised pass."""

    person: np.ndarray
    start: np.ndarray
    end: np.ndarray
    corporation: np.ndarray = field(default_factory=list)
    gemeente: np.ndarray = field(default_factory=list)
    buurt: np.ndarray = field(default_factory=list)
    target_group: np.ndarray = field(default_factory=list)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # as History's

    def __post_init__(self) -> None:
        self.corporation, self.gemeente, self.buurt, self.target_group = (
            texts(c) for c in (self.corporation, self.gemeente, self.buurt, self.target_group))

    def __len__(self) -> int:
        return len(self.start)

    def take(self, rows: np.ndarray, person: np.ndarray | None = None) -> Placements:
        """The placements at `rows` (indexes or a mask), with `person` instead of theirs."""
        return Placements(self.person[rows] if person is None else person, self.start[rows],
                          self.end[rows], self.corporation[rows], self.gemeente[rows],
                          self.buurt[rows], self.target_group[rows])


def texts(values: Iterable[str]) -> np.ndarray:
    """Codes as a numpy array of str objects (no copy when it is one already)."""
    if isinstance(values, np.ndarray) and values.dtype == object:
        return values
    items = list(values)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


@dataclass(slots=True)
class MonitorData:
    """Everything the figures are computed from, already limited to the persons in scope.

    `lettings` are the placements contingent and concentratie count when they differ from
    `placements`: under a gemeente filter those two look at the dwellings in the gemeente,
    whoever the tenant (DwellingScope), not at the gemeente's own persons."""

    history: History
    placements: Placements
    agreements: list[AgreementRecord] = field(default_factory=list)
    buurten: list[BuurtRecord] = field(default_factory=list)
    lettings: Placements | None = None
    changes: Changes | None = None  # the flat view of `history`, made when first needed
    steps: MatchSteps | None = None  # the step changes of these persons' matches
    # days per live step: the workflow's defaults until the region's own are read
    deadlines: dict[str, int | None] = field(default_factory=lambda: dict(DEFAULT_DEADLINES))

    @property
    def allocated(self) -> Placements:
        return self.placements if self.lettings is None else self.lettings

    @property
    def flat(self) -> Changes:
        if self.changes is None:
            from woonregie.monitor.columns import flat

            self.changes = flat(self.history)
        return self.changes

    @classmethod
    def from_records(cls, persons: Iterable[PersonRecord], changes: Iterable[ChangeRecord],
                     placements: Iterable[PlacementRecord] = (),
                     agreements: Iterable[AgreementRecord] = (),
                     buurten: Iterable[BuurtRecord] = (),
                     steps: Iterable[StepRecord] = ()) -> MonitorData:
        people = list(persons)
        index = {p.key: i for i, p in enumerate(people)}
        rows = sorted(changes, key=lambda c: (index[c.person], c.seq))
        history = History(
            groups=_ints(GROUP_CODE[p.target_group] for p in people),
            person=_ints(index[c.person] for c in rows),
            source=_ints(NO_STATUS if c.source is None else STATUS_CODE[c.source] for c in rows),
            target=_ints(STATUS_CODE[c.target] for c in rows),
            day=_ints(c.on.toordinal() for c in rows),
        )
        placed = [p for p in placements if p.person in index]
        steps = list(steps)
        return cls(history, placements_of(placed, index), list(agreements), list(buurten),
                   steps=MatchSteps.from_records(steps) if steps else None)


def from_region(region: Region) -> MonitorData:
    """The records of a whole region (domain objects: the sample generator's or an import's),
    every person in scope; the stock of a buurt is its dwellings."""
    stock = Counter(d.buurt for d in region.dwellings)
    return MonitorData.from_records(
        [PersonRecord(p.key, str(p.target_group)) for p in region.persons],
        [ChangeRecord(p.key, seq, t.source and str(t.source), str(t.target), t.on)
         for p in region.persons for seq, t in enumerate(p.history)],
        [PlacementRecord(x.person, x.corporation, x.gemeente, x.buurt, str(x.target_group),
                         x.start, x.end) for x in region.placements],
        [AgreementRecord(a.gemeente, a.corporation, str(a.target_group), a.year, a.dwellings)
         for a in region.agreements],
        [BuurtRecord(a.code, stock[a.code], a.liveability, a.name) for a in region.areas
         if a.level == AreaLevel.BUURT],
        steps=[StepRecord(m.key, seq, str(t.target), t.on,
                          str((getattr(t, "details", None) or {}).get("reason_code", "")))
               for m in region.matches for seq, t in enumerate(m.history)],
    )


def placements_of(records: list[PlacementRecord], index: dict[str, int]) -> Placements:
    return Placements(
        person=_ints(index[p.person] for p in records),
        start=_ints(p.start.toordinal() for p in records),
        end=_ints(OPEN_END if p.end is None else p.end.toordinal() for p in records),
        corporation=[p.corporation for p in records],
        gemeente=[p.gemeente for p in records],
        buurt=[p.buurt for p in records],
        target_group=[p.target_group for p in records],
    )


def _ints(values: Iterable[int]) -> np.ndarray:
    return np.fromiter(values, dtype=np.int64)
