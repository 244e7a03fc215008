"""Loading a whole region (from the sample generator or an import) into the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from woonregie.domain.enums import AreaLevel
from woonregie.domain.model import Region
from woonregie.store.db import refresh_statistics
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import PauseRepository

_LEVEL_ORDER = {AreaLevel.GEMEENTE: 0, AreaLevel.WIJK: 1, AreaLevel.BUURT: 2}

Progress = Callable[[str, int], None]


def write_region(uow: UnitOfWork, region: Region, progress: Progress | None = None) -> None:
    """Insert every record of `region` inside the caller's transaction (no commit).

    Parents go before children so foreign keys hold row by row.
    """
    step = progress or (lambda _label, _n: None)
    areas = sorted(region.areas, key=lambda a: (_LEVEL_ORDER[a.level], a.code))
    uow.areas.add_all(areas)
    step("gebieden", len(areas))
    uow.organisations.add_all(region.organisations)
    uow.teams.add_all(region.support_teams)
    uow.complexes.add_all(region.complexes)
    step("organisaties", len(region.organisations))
    uow.dwellings.add_all(region.dwellings)
    step("woningen", len(region.dwellings))
    uow.persons.add_all(region.persons)
    step("personen", len(region.persons))
    uow.agreements.add_all(region.agreements)
    step("afspraken", len(region.agreements))
    uow.matches.add_all(region.matches)
    _pauses_of_declines(uow, region.matches)
    uow.placements.add_all(region.placements)
    step("bemiddelingen en verhuringen", len(region.matches) + len(region.placements))
    uow.signals.add_all(region.signals)


BULK_RECORDS = 1_000
"""From this many records written at once the database's statistics are refreshed."""


def after_bulk_load(uow: UnitOfWork, records: int) -> None:
    """After `records` records were written and committed (sample, import): for a bulk load,
    the database's statistics brought up to date (store/db.refresh_statistics), so the first
    requests are planned for the tables' real sizes. A few records change nothing to plan."""
    if records >= BULK_RECORDS:
        refresh_statistics(uow.engine)


def _pauses_of_declines(uow: UnitOfWork, matches: list) -> None:
    """The pause and urgency lapse a loaded decline recorded in its details (as the workflow
    records them, services/workflow.act) become the person's pause (geparkeerd tot)."""
    assert uow.session is not None
    rows = []
    for m in matches:
        last = m.history[-1]
        until, lapse = last.details.get("pause_until", ""), last.details.get("urgency", "geen")
        if not until and lapse in ("", "geen"):
            continue
        rows.append({"person": m.person, "match_key": m.key,
                     "reason_code": last.details.get("reason_code", ""), "on_date": last.on,
                     "until": date.fromisoformat(until) if until else None,
                     "lapse": lapse or "geen", "lift_reason": ""})
    PauseRepository(uow.session).add_all(rows)


def read_region(uow: UnitOfWork) -> Region:
    """The whole region as domain objects (for export and analysis)."""
    return Region(
        areas=uow.areas.list(),
        organisations=uow.organisations.list(),
        support_teams=uow.teams.list(),
        complexes=uow.complexes.list(),
        dwellings=uow.dwellings.find(),
        persons=uow.persons.find(),
        agreements=uow.agreements.list(),
        placements=uow.placements.list(),
    )


def is_empty(uow: UnitOfWork) -> bool:
    return uow.areas.count() == 0 and uow.persons.count() == 0
