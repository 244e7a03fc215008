"""What the monitor keeps of the region between requests: the columns of every person, status
change, placement and match step, the buurten with their stock and the contingent agreements
(store/monitor_reads.py), per database, valid while the
database's data version (store/data_version.py) stays the same.

A dashboard asks for the figures again and again, with another period or filter, while the
register does not change; reading 700,000 status changes each time would cost a second per
chart at national scale. Every period and filter is cut from these columns in numpy instead
(services/monitoring.py). The version is read before the data, in the same transaction, so a
write committed meanwhile is seen by the next request at the latest. A database without a
version (made without the migrations) keeps nothing: every request reads afresh.

The arrays are made read-only: they are shared by every request (and thread) of the process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from woonregie.monitor.columns import flat
from woonregie.monitor.records import AgreementRecord, Changes, History, Placements
from woonregie.monitor.workflow import MatchSteps
from woonregie.store import data_version, plain_sql
from woonregie.store import monitor_reads as reads

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from woonregie.store.plain_sql import Plain

HISTORY, PLACEMENTS, STEPS, STOCK, AGREEMENTS = (
    "history", "placements", "steps", "stock", "agreements")
T = TypeVar("T")


@dataclass(slots=True)
class RegionColumns:
    """The region as the monitor reads it; parts are read when first needed."""

    version: int | None
    persons: reads.RegionPersons
    history: History | None = None
    placements: Placements | None = None
    steps: MatchSteps | None = None
    step_person: np.ndarray | None = None  # per step change: index of the match's person
    flat: Changes | None = None  # the flat view of `history` (monitor/columns.py)
    stock: reads.RegionStock | None = None
    agreements: list[AgreementRecord] | None = None


_kept: dict[str, RegionColumns] = {}
_lock = threading.Lock()


def region(session: Session | Plain, parts: set[str]) -> RegionColumns:
    """The region's columns with at least `parts`, from this process's copy when the data
    version still matches, else read now (and kept when the database has a version)."""
    key = plain_sql.identity(session)
    version = data_version.read(session)
    with _lock:
        found = _kept.get(key)
    if found is None or version is None or found.version != version:
        summary = reads.region_summary(session)
        found = (RegionColumns(version, _frozen(reads.region_persons(session))) if summary is None
                 else RegionColumns(version, _frozen(summary[0]), _frozen(summary[1])))
    if HISTORY in parts and found.history is None:
        found.history = _frozen(reads.region_history(session, found.persons))
    if HISTORY in parts and found.flat is None:
        found.flat = _frozen(flat(found.history))
    if PLACEMENTS in parts and found.placements is None:
        found.placements = _frozen(reads.region_placements(session, found.persons))
    if STEPS in parts and found.steps is None:
        steps, person = reads.region_steps(session, found.persons)
        found.steps, found.step_person = _frozen(steps), _frozen(person)
    if STOCK in parts and found.stock is None:
        found.stock = reads.region_stock(session)
    if AGREEMENTS in parts and found.agreements is None:
        found.agreements = reads.all_agreements(session)
    if version is not None:
        with _lock:
            _kept[key] = found
    return found


def forget() -> None:
    """Drop every kept region (the benchmark measures a cold read with it)."""
    with _lock:
        _kept.clear()


def _frozen(value: T) -> T:
    """`value` with its numpy arrays made read-only (shared between requests)."""
    arrays = [value] if isinstance(value, np.ndarray) else [
        getattr(value, name) for name in getattr(value, "__slots__", ())]
    for a in arrays:
        if isinstance(a, np.ndarray):
            a.flags.writeable = False
    return value
