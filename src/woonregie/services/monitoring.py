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
from datetime import date
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
from woonregie.monitor.records import History, Placements
from woonregie.monitor.workflow import DEFAULT_DEADLINES
from woonregie.services.access import Action, Principal, require
from woonregie.store import monitor_reads as reads
from woonregie.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
    those figures need; no access check (the edges call `read_monitor`)."""
    assert uow.session is not None
    s = uow.session
    keys = set(FIGURES) if only is None else set(only) & set(FIGURES)
    scope = reads.PersonScope(filters.gemeente, filters.target_group, filters.care_provider)
    data = _read(s, keys, scope, period, filters)
    if keys & {"contingent", "concentratie"}:
        data.agreements = (reads.agreements(s, period.van.year, period.tot.year)
                           if "contingent" in keys else [])
        data.buurten = (reads.buurten(s, filters.gemeente, filters.corporation)
                        if "concentratie" in keys else [])
        if filters.gemeente is not None:  # the gemeente's dwellings, whoever the tenant
            everywhere = reads.PersonScope(None, filters.target_group, filters.care_provider)
            data.lettings = reads.placements(s, everywhere, None, date(period.van.year, 1, 1),
                                             only_recent=True)
    if keys & NEEDS_STEPS:
        data.steps = reads.match_steps(s, scope)
        data.deadlines = reads.step_deadlines(s) or dict(DEFAULT_DEADLINES)
    dwellings = DwellingScope(filters.gemeente, filters.corporation, filters.target_group)
    return MonitorFigures(period, filters, compute(data, period, dwellings, keys))


def _read(s: Session, keys: set[str], scope: reads.PersonScope, period: Period,
          filters: MonitorFilters) -> MonitorData:
    """The persons' status changes and placements the figures in `keys` need. Every change
    is read in one sequential pass: an index read of a period's changes alone (on target,
    date) was measured slower for a period of months at national scale."""
    none = np.zeros(0, dtype=np.int64)
    per_person = bool(keys & PER_PERSON)
    groups, person_keys = (reads.persons(s, scope, with_keys=per_person)
                           if keys & NEEDS_HISTORY or per_person else (none, []))
    history = (reads.history(s, scope, groups) if keys & NEEDS_HISTORY
               else History(groups, none, none, none, none))
    placements = Placements(none, none, none)
    if keys & NEEDS_PLACEMENTS:
        # By corporation, huurbehoud and terugval need the corporation of older placements
        # too; contingent and concentratie alone need only the placements since 1 January.
        since = date.min if filters.corporation else date(period.van.year, 1, 1)
        placements = reads.placements(s, scope, person_keys if per_person else None, since,
                                      only_recent=not per_person)
    return MonitorData(history, placements)


def read_monitor(uow: UnitOfWork, principal: Principal, period: Period,
                 filters: MonitorFilters = MonitorFilters(),
                 only: Iterable[str] | None = None) -> MonitorFigures:
    """The figures for a principal that may read aggregates (regisseur, auditor, operator),
    after checking that each filter names something that exists."""
    require(principal, Action.REGION_OVERVIEW)
    check_filters(uow, filters)
    return monitor_figures(uow, period, filters, only)


class UnknownFilter(DomainError):
    """A filter names a gemeente, group or organisation that does not exist; `field` says
    which (for a 422 that points at it)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_filters(uow: UnitOfWork, filters: MonitorFilters) -> None:
    if filters.target_group is not None and filters.target_group not in set(map(str, TargetGroup)):
        raise UnknownFilter("doelgroep", f"onbekende doelgroep '{filters.target_group}'")
    if filters.gemeente is not None:
        area = uow.areas.get(filters.gemeente)
        if area is None or area.level != AreaLevel.GEMEENTE:
            raise UnknownFilter("gemeente", f"onbekende gemeente '{filters.gemeente}'")
    for field, code, kind in (("corporatie", filters.corporation, OrgKind.WONINGCORPORATIE),
                              ("zorgaanbieder", filters.care_provider, OrgKind.ZORGAANBIEDER)):
        if code is not None:
            org = uow.organisations.get(code)
            if org is None or org.kind != kind:
                raise UnknownFilter(field, f"onbekende {kind.label.lower()} '{code}'")
