"""The monitor as a use case: read compact columns from the store, compute the figures with
the engine (woonregie.monitor), check access. The figures are aggregates: no person-level data
leaves this module, so — like the region overview — reading them is not an audited read of
personal data.

`monitor_figures` is the stable entry for every edge (command line, API, dashboard, report):
the same period and filters give the same figures everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from woonregie.domain.enums import AreaLevel, OrgKind, TargetGroup
from woonregie.domain.errors import DomainError
from woonregie.monitor import DwellingScope, MonitorData, Period, compute
from woonregie.monitor.figures import (
    FIGURES,
    NEEDS_HISTORY,
    NEEDS_PLACEMENTS,
    NEEDS_STEPS,
)
from woonregie.monitor.records import GROUP_CODE, Changes, History, Placements
from woonregie.monitor.workflow import DEFAULT_DEADLINES, MatchSteps
from woonregie.services.access import Action, Principal, require
from woonregie.store import monitor_cache as cache
from woonregie.store import monitor_reads as reads
from woonregie.store import plain_sql

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from woonregie.store.plain_sql import Plain
    from woonregie.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class MonitorFilters:
    """Filters of the monitor. `gemeente`: persons whose responsible gemeente (the gemeente of
    their zorgaanbieder) it is; for contingent and concentratie the dwellings in it, whoever
    the tenant (a surrounding gemeente's contingent is let to the centrumgemeente's clients);
    `target_group` and `care_provider` (zorgaanbieder): persons; `corporation`: the placements
    counted by huurbehoud, terugval, contingent and concentratie (and the stock compared)."""

    gemeente: str | None = None
    target_group: str | None = None
    corporation: str | None = None
    care_provider: str | None = None

    def to_json(self) -> dict[str, str]:
        names = {"gemeente": self.gemeente, "doelgroep": self.target_group,
                 "corporatie": self.corporation, "zorgaanbieder": self.care_provider}
        return {k: v for k, v in names.items() if v is not None}


@dataclass(frozen=True, slots=True)
class MonitorFigures:
    """The figures of one period and filter: `figures` is the JSON contract
    (monitor-definitions.md) as plain dicts and lists."""

    period: Period
    filters: MonitorFilters
    figures: dict

    def __getitem__(self, key: str) -> object:
        return self.figures[key]

    def to_json(self) -> dict:
        out = dict(self.figures)
        if self.filters.to_json():
            out["filters"] = self.filters.to_json()
        return out


PER_PERSON = frozenset({"huurbehoud", "terugval"})
"""Figures that follow persons through all their placements."""


def monitor_figures(uow: UnitOfWork, period: Period, filters: MonitorFilters = MonitorFilters(),
                    only: Iterable[str] | None = None) -> MonitorFigures:
    """Every figure (or those named in `only`) for `period` under `filters`, reading only what
    those figures need; no access check (the edges call `read_monitor`).

    The region's columns come from this process's copy while the data has not changed
    (store/monitor_cache.py); the filters cut the persons in scope from them in numpy."""
    assert uow.session is not None
    return figures_from(uow.session, period, filters, only)


def figures_from(s: Session | Plain, period: Period, filters: MonitorFilters = MonitorFilters(),
                 only: Iterable[str] | None = None) -> MonitorFigures:
    """`monitor_figures` on a session or on a plain read connection (store/plain_sql.py: the
    command line reads without loading the ORM)."""
    keys = set(FIGURES) if only is None else set(only) & set(FIGURES)
    parts = ({cache.HISTORY} if keys & NEEDS_HISTORY else set()) | (
        {cache.PLACEMENTS} if keys & NEEDS_PLACEMENTS else set()) | (
        {cache.STEPS} if keys & NEEDS_STEPS else set()) | (
        {cache.AGREEMENTS} if "contingent" in keys else set()) | (
        {cache.STOCK} if "concentratie" in keys else set())
    region = cache.region(s, parts)
    scope = _in_scope(s, region.persons, filters.gemeente, filters)
    data = MonitorData(_history(region, scope), _placements(region.placements, scope, True),
                       changes=_changes(region, scope))
    if keys & {"contingent", "concentratie"}:
        data.agreements = [a for a in region.agreements or ()
                           if period.van.year <= a.year <= period.tot.year]
        data.buurten = (region.stock.buurten(filters.gemeente, filters.corporation)
                        if region.stock is not None else [])
        if filters.gemeente is not None:  # the gemeente's dwellings, whoever the tenant
            everywhere = _in_scope(s, region.persons, None, filters)
            data.lettings = _placements(region.placements, everywhere, False)
    if keys & NEEDS_STEPS:
        data.steps = _steps(region, scope)
        data.deadlines = reads.step_deadlines(s) or dict(DEFAULT_DEADLINES)
    dwellings = DwellingScope(filters.gemeente, filters.corporation, filters.target_group)
    return MonitorFigures(period, filters, compute(data, period, dwellings, keys))


def _in_scope(s: Session | Plain, persons: reads.RegionPersons, gemeente: str | None,
              filters: MonitorFilters) -> np.ndarray | None:
    """Per person whether the person filters keep them (responsible gemeente = the seat of
    their zorgaanbieder, target group, zorgaanbieder); None when they keep everyone."""
    keep = None
    if gemeente is not None:
        seated = set(reads.providers_of(s, gemeente))
        keep = np.isin(persons.provider, [i for i, code in enumerate(persons.providers)
                                          if code in seated])
    if filters.target_group is not None:
        code = GROUP_CODE.get(filters.target_group, -1)
        keep = (persons.groups == code) if keep is None else keep & (persons.groups == code)
    if filters.care_provider is not None:
        code = (persons.providers.index(filters.care_provider)
                if filters.care_provider in persons.providers else -1)
        keep = (persons.provider == code) if keep is None else keep & (persons.provider == code)
    return keep


def _history(region: cache.RegionColumns, keep: np.ndarray | None) -> History:
    """The status changes of the persons kept, numbered among them."""
    groups = region.persons.groups if keep is None else region.persons.groups[keep]
    h = region.history
    if h is None:
        return History(groups, *[np.zeros(0, dtype=np.int64)] * 4)
    if keep is None:
        return h
    rows = keep[h.person]
    return History(groups, _renumber(keep)[h.person[rows]], h.source[rows], h.target[rows],
                   h.day[rows])


def _changes(region: cache.RegionColumns, keep: np.ndarray | None) -> Changes | None:
    """The flat view of the kept persons' changes, cut from the region's: each column is a
    function of the person's own changes (their group, first change, latest move into
    uitstroomklaar), so the rows of the persons kept are their whole flat view."""
    c, h = region.flat, region.history
    if c is None or h is None or keep is None:
        return c
    rows = keep[h.person]
    return Changes(c.group[rows], c.target[rows], c.source[rows], c.first[rows], c.ready[rows],
                   c.day[rows])


def _renumber(keep: np.ndarray) -> np.ndarray:
    """Per person of the region: their index among the persons kept."""
    return np.cumsum(keep) - 1


def _placements(p: Placements | None, keep: np.ndarray | None, numbered: bool) -> Placements:
    """The placements of the persons kept; `numbered`: persons numbered among those kept."""
    if p is None:
        return Placements(*[np.zeros(0, dtype=np.int64)] * 3)
    if keep is None:
        return p
    rows = np.flatnonzero(keep[p.person])
    person = p.person[rows]
    return p.take(rows, _renumber(keep)[person] if numbered else person)


def _steps(region: cache.RegionColumns, keep: np.ndarray | None) -> MatchSteps:
    m = region.steps
    assert m is not None and region.step_person is not None
    if keep is None:
        return m
    rows = np.flatnonzero(keep[region.step_person])
    return MatchSteps(m.match[rows], m.target[rows], m.day[rows], [m.reason[i] for i in rows])


def read_monitor(uow: UnitOfWork, principal: Principal, period: Period,
                 filters: MonitorFilters = MonitorFilters(),
                 only: Iterable[str] | None = None) -> MonitorFigures:
    """The figures for a principal that may read aggregates (regisseur, auditor, operator),
    after checking that each filter names something that exists."""
    assert uow.session is not None
    return read_monitor_from(uow.session, principal, period, filters, only)


def read_monitor_from(db: Session | Plain, principal: Principal, period: Period,
                      filters: MonitorFilters = MonitorFilters(),
                      only: Iterable[str] | None = None) -> MonitorFigures:
    """`read_monitor` on a session or a plain read connection (store/plain_sql.py)."""
    require(principal, Action.REGION_OVERVIEW)
    check_filters_in(db, filters)
    return figures_from(db, period, filters, only)


class UnknownFilter(DomainError):
    """A filter names a gemeente, group or organisation that does not exist; `field` says
    which (for a 422 that points at it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_filters(uow: UnitOfWork, filters: MonitorFilters) -> None:
    assert uow.session is not None
    check_filters_in(uow.session, filters)


def check_filters_in(db: Session | Plain, filters: MonitorFilters) -> None:
    """Refuse, in Dutch and naming the field, a filter that names no gemeente, group,
    corporation or zorgaanbieder of the register."""
    if filters.target_group is not None and filters.target_group not in set(map(str, TargetGroup)):
        raise UnknownFilter("doelgroep", f"onbekende doelgroep '{filters.target_group}'")
    if filters.gemeente is not None:
        level = plain_sql.scalar(db, "SELECT level FROM areas WHERE code = :c",
                                 {"c": filters.gemeente})
        if level != str(AreaLevel.GEMEENTE):
            raise UnknownFilter("gemeente", f"onbekende gemeente '{filters.gemeente}'")
    for field, code, kind in (("corporatie", filters.corporation, OrgKind.WONINGCORPORATIE),
                              ("zorgaanbieder", filters.care_provider, OrgKind.ZORGAANBIEDER)):
        if code is not None:
            found = plain_sql.scalar(db, "SELECT kind FROM organisations WHERE code = :c",
                                     {"c": code})
            if found != str(kind):
                raise UnknownFilter(field, f"onbekende {kind.label.lower()} '{code}'")
