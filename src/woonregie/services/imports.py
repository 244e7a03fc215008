"""Import a region from CSV files and Excel workbooks, all or nothing.

Every problem in every file is collected first (type errors, missing values, unknown references,
duplicate keys within the import and against the database, impossible values, illegal status
histories); one problem and nothing is written. An import adds to what the database holds: a key
that already exists is a duplicate error, never an update, so an import can not silently
overwrite a record someone else maintains.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from woonregie.domain.model import Region
from woonregie.exchange.layouts import LAYOUTS
from woonregie.exchange.problems import Problem
from woonregie.exchange.readers import ReadResult, read_paths
from woonregie.exchange.rows import Row, parse_sheet
from woonregie.services.import_checks import Checker, Known
from woonregie.services.placement_checks import PlacementContext, check_placements
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # records per layout name
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def import_files(
    target: UnitOfWork | Engine, paths: Sequence[Path | str], *, dry_run: bool = False
) -> ImportReport:
    """Read, check and (when every row is right and not `dry_run`) store the records of `paths`
    in one transaction. `target` is an engine or a fresh, not yet entered unit of work."""
    uow = target if isinstance(target, UnitOfWork) else UnitOfWork(target)
    read = read_paths([Path(p) for p in paths])
    with uow:
        region, report = check(uow, read)
        if report.ok and not dry_run:
            try:
                write_region(uow, region)
                uow.commit()
            except IntegrityError as exc:  # someone else stored a clashing key meanwhile
                uow.rollback()
                report.problems.append(Problem(
                    "database", None, None,
                    f"de database is tijdens het inlezen gewijzigd; niets opgeslagen ({exc.orig})"))
                return report
            report.written = True
    return report


def check(uow: UnitOfWork, read: ReadResult) -> tuple[Region, ImportReport]:
    """Turn what was read into a region, against the database state of `uow` (entered)."""
    report = ImportReport(problems=list(read.problems), warnings=list(read.warnings))
    rows: dict[str, list[Row]] = {name: [] for name in LAYOUTS}
    for sheet in read.sheets:
        parsed, problems = parse_sheet(LAYOUTS[sheet.name], sheet)
        rows[sheet.name].extend(parsed)
        report.problems.extend(problems)
    checker = Checker(known_state(uow, rows))
    checker.areas(rows["gebieden"])
    checker.organisations(rows["organisaties"])
    checker.teams(rows["teams"])
    checker.complexes(rows["complexen"])
    checker.dwellings(rows["woningen"])
    checker.persons(rows["personen"], rows["statushistorie"])
    checker.agreements(rows["afspraken"])
    check_placements(checker, rows["plaatsingen"], placement_context(uow, rows))
    report.problems.extend(checker.problems)
    report.problems.sort(key=_order)
    report.counts = {name: len(found) for name, found in rows.items()}
    return checker.region, report


def known_state(uow: UnitOfWork, rows: dict[str, list[Row]]) -> Known:
    """The stored records an import can refer to, and the stored keys it could clash with.
    Reference tables are read whole (they are small); dwellings and persons only by the keys
    the import brings."""
    def keys(name: str, column: str) -> set[str]:
        return {r[column] for r in rows[name] if r[column] is not None}

    return Known(
        areas={a.code: a.level for a in uow.areas.list()},
        organisations={o.code: o.kind for o in uow.organisations.list()},
        teams={t.code for t in uow.teams.list()},
        complexes={c.code: c for c in uow.complexes.list()},
        dwellings=uow.dwellings.existing(keys("woningen", "code")),
        persons=uow.persons.existing(keys("personen", "sleutel") | keys("statushistorie",
                                                                         "sleutel")),
        agreements={a.key for a in uow.agreements.list()},
    )


def placement_context(uow: UnitOfWork, rows: dict[str, list[Row]]) -> PlacementContext:
    """The stored persons and dwellings the placements name, the area tree and the stored
    placements they could duplicate (read only when the import has placements)."""
    found = rows["plaatsingen"]
    if not found:
        return PlacementContext()
    keys = sorted({r["sleutel"] for r in found if r["sleutel"] is not None})
    codes = {r["woning"] for r in found if r["woning"] is not None}
    return PlacementContext(
        persons={p.key: p for p in uow.persons.find(keys=keys)} if keys else {},
        dwellings={d.code: d for d in uow.dwellings.by_codes(codes)},
        parents={a.code: a.parent for a in uow.areas.list()},
        stored=uow.placements.existing((r["sleutel"], r["begindatum"]) for r in found),
    )


def _order(p: Problem) -> tuple:
    return (p.file, p.row or 0, p.column or "", p.message)
