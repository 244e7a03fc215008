"""All figures of the monitor (monitor-definitions.md) from one MonitorData: the JSON contract
of `woonregie monitor --json` and `GET /api/v1/monitor`, as plain dicts and lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from woonregie.monitor import allocation, flow, tenancy, waiting, workflow
from woonregie.monitor.allocation import DwellingScope
from woonregie.monitor.calendar import Period
from woonregie.monitor.records import MonitorData

Figure = Callable[[MonitorData, Period, DwellingScope], object]

FIGURES: dict[str, Figure] = {
    "eerste_instroom": lambda d, p, s: flow.first_inflow(d.flat, p),
    "instroom": lambda d, p, s: flow.inflow(d.flat, p),
    "uitstroom": lambda d, p, s: flow.outflow(d.flat, p),
    "stand": lambda d, p, s: flow.stock(d.history, p),
    "wachttijd": lambda d, p, s: waiting.waiting_time(d.flat, p),
    "wachtend": lambda d, p, s: waiting.waiting(d.history, p, d.flat.ready),
    "stagnatie": lambda d, p, s: waiting.stagnation(d.history, p, d.flat.ready),
    "huurbehoud": lambda d, p, s: tenancy.sustainment(d.placements, p, s.corporation),
    "terugval": lambda d, p, s: tenancy.returns(d.history, d.placements, p, s.corporation),
    "contingent": lambda d, p, s: allocation.contingent(d.allocated, d.agreements, p, s),
    "concentratie": lambda d, p, s: allocation.concentration(d.allocated, d.buurten, p, s),
    "bemiddeling": lambda d, p, s: workflow.workflow_figures(
        d.steps if d.steps is not None else workflow.MatchSteps.empty(), d.deadlines, p),
}
"""Each figure of the contract by its JSON key, in the contract's order, then the workflow's
figures (`bemiddeling`: more keys are allowed)."""

NEEDS_HISTORY = frozenset({"eerste_instroom", "instroom", "uitstroom", "stand", "wachttijd",
                           "wachtend", "stagnatie", "terugval"})
"""Figures that read the status changes of the persons in scope."""
NEEDS_STEPS = frozenset({"bemiddeling"})
NEEDS_PLACEMENTS = frozenset({"huurbehoud", "terugval", "contingent", "concentratie"})


def compute(data: MonitorData, period: Period, scope: DwellingScope = DwellingScope(),
            only: Iterable[str] | None = None) -> dict:
    """`{"periode": …, key: figure, …}` for every figure (or those named in `only`)."""
    keys = list(FIGURES) if only is None else [k for k in FIGURES if k in set(only)]
    out: dict = {"periode": period.to_json()}
    for key in keys:
        out[key] = FIGURES[key](data, period, scope)
    return out
