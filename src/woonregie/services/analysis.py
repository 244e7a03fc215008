"""Use case: the woonzorganalyse of a year (monitor/analysis.py), from the register.

Aggregates only (no person is named in the result), so any role with the region overview may
ask for it: the regisseur, the auditor and the operator.
"""

from __future__ import annotations

from datetime import date

from woonregie.monitor.analysis import Analysis, AnalysisInput, analyse
from woonregie.services.access import Action, Principal, require
from woonregie.store import analysis_reads as reads
from woonregie.store.unit_of_work import UnitOfWork


def reference_date(year: int, today: date) -> date:
    """The peildatum of a year's analysis: today, or the year's last day once it is over."""
    return min(today, date(year, 12, 31))


def woonzorganalyse(uow: UnitOfWork, principal: Principal, year: int,
                    on: date | None = None) -> Analysis:
    """The analysis of `year` as seen on `on` (default: `reference_date` of the clock's today)."""
    require(principal, Action.REGION_OVERVIEW)
    on = on or reference_date(year, uow.clock.today())
    s = uow.session
    assert s is not None
    return analyse(AnalysisInput(
        year=year, on=on, areas=reads.areas(s), persons=reads.persons(s, on),
        dwellings=reads.dwellings(s), placements=reads.placements(s),
        agreements=reads.agreements(s, year), figures=reads.figures(s),
        organisations=reads.organisation_names(s)))
