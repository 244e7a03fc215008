"""The dashboard's and the report's content: the monitor's figures for a period and filters
(services/monitoring.py, the one entry every edge uses), as tables people read and the charts
drawn from those tables. The page and the report both call `dashboard`, so they show the same
figures as `woonregie monitor` and `GET /api/v1/monitor` for the same period and filters.

Aggregates only, like the monitor: the regisseur and the auditor may read them, nobody's
personal data leaves, so no audit entry is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, union_all

from woonregie.domain.enums import TargetGroup
from woonregie.domain.vocabulary import label_of
from woonregie.monitor import Period
from woonregie.monitor.charts import Spec, chart_spec, map_spec
from woonregie.monitor.figure_tables import FigureTable, monitor_tables
from woonregie.services.access import Principal
from woonregie.services.geometry import map_shapes
from woonregie.services.monitoring import MonitorFigures, MonitorFilters, read_monitor
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork


@dataclass
class Dashboard:
    """Figures, their tables in order, and the chart of each table that has one."""

    figures: MonitorFigures
    tables: list[FigureTable]
    charts: dict[str, Spec]
    computed_at: datetime
    names: dict[str, str] = field(default_factory=dict)
    maps: dict[str, Spec] = field(default_factory=dict)  # table name → its map
    real_boundaries: bool = False  # the map shows imported CBS boundaries

    @property
    def period(self) -> Period:
        return self.figures.period

    def filter_text(self) -> str:
        """The filters in force as a reader writes them: labels and names, codes beside."""
        parts = []
        for field_, code in self.figures.filters.to_json().items():
            if field_ == "doelgroep":
                parts.append(f"doelgroep {label_of(code, TargetGroup)}")
            else:
                name = self.names.get(code)
                parts.append(f"{field_} {name} ({code})" if name else f"{field_} {code}")
        return ", ".join(parts)

    def table(self, name: str) -> FigureTable | None:
        return next((x for x in self.tables if x.name == name), None)


def dashboard(uow: UnitOfWork, principal: Principal, period: Period,
              filters: MonitorFilters = MonitorFilters()) -> Dashboard:
    """The dashboard for a principal that may read aggregates (the monitor checks)."""
    figures = read_monitor(uow, principal, period, filters)
    names = code_names(uow, _codes(figures.figures) | {
        v for k, v in filters.to_json().items() if k != "doelgroep"})
    tables = monitor_tables(figures.figures, names)
    charts = {x.name: spec for x in tables if (spec := chart_spec(x)) is not None}
    board = Dashboard(figures, tables, charts, uow.clock.now(), names)
    shapes = map_shapes(uow, principal, filters.gemeente)
    spec = map_spec(shapes.shapes, shapes.names, shapes.liveability,
                    figures.figures["concentratie"], shapes.planar)
    if spec is not None:
        board.maps["concentratie"] = spec
        board.real_boundaries = shapes.imported
    return board


def _codes(figures: dict) -> set[str]:
    codes = set()
    for row in figures.get("contingent", []):
        codes.update((row["gemeente"], row["corporatie"]))
    return codes


def code_names(uow: UnitOfWork, codes: Iterable[str]) -> dict[str, str]:
    """Names of areas and organisations by code (reference data, readable by every role)."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    assert uow.session is not None
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):  # bounded IN lists
        chunk = wanted[start:start + 500]
        query = union_all(
            select(t.AreaRow.code, t.AreaRow.name).where(t.AreaRow.code.in_(chunk)),
            select(t.OrganisationRow.code, t.OrganisationRow.name)
            .where(t.OrganisationRow.code.in_(chunk)))
        found.update({code: name for code, name in uow.session.execute(query)})
    return found
