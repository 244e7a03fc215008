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
from sqlalchemy.exc import DBAPIError, IntegrityError

from woonregie.domain.model import Region
from woonregie.exchange import area_figures
from woonregie.exchange.layouts import LAYOUTS
from woonregie.exchange.limits import ReadLimits
from woonregie.exchange.problems import Problem
from woonregie.exchange.readers import ReadResult, read_paths
from woonregie.exchange.rows import Row, parse_sheet
from woonregie.services import audit
from woonregie.services.access import Principal
from woonregie.services.import_checks import Checker, Known
from woonregie.services.placement_checks import PlacementContext, check_placements
from woonregie.services.region import after_bulk_load, write_region
from woonregie.store.analysis_reads import store_figures
from woonregie.store.unit_of_work import UnitOfWork


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # records per layout name
    written: bool = False
    omitted: int = 0  # problems found beyond the listed ones (ReadLimits.max_problems)
    figures: list[dict] = field(default_factory=list)  # CBS / Leefbaarometer rows per buurt

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.omitted

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportScope:
    """What one organisation may import (the pages: services/uploads.py): the record types it
    may send, each with the column that must name the organisation itself (None: no such
    column; those rows hang on records of the same import, as a status history on its
    person). Anything else is a problem with file, row and column, and nothing is written."""

    organisation: str
    owners: dict[str, str | None]
    who: str  # "een woningcorporatie": how the refusal names the importer

    def sheet_problem(self, source: str, name: str) -> Problem | None:
        if name in self.owners:
            return None
        allowed = ", ".join(self.owners)
        return Problem(source, None, None, f"{self.who} kan '{name}' niet inlezen; "
                       f"toegestaan: {allowed}")

    def row_problems(self, name: str, rows: list[Row]) -> list[Problem]:
        column = self.owners.get(name)
        if column is None:
            return []
        return [r.problem(column, f"'{r[column]}' is niet uw organisatie "
                          f"({self.organisation}); u kunt alleen eigen gegevens inlezen")
                for r in rows if r[column] is not None and r[column] != self.organisation]


def import_files(
    target: UnitOfWork | Engine, paths: Sequence[Path | str], *, actor: Principal,
    dry_run: bool = False, limits: ReadLimits | None = None, scope: ImportScope | None = None,
) -> ImportReport:
    """Read, check and (when every row is right and not `dry_run`) store the records of `paths`
    in one transaction, with one audit entry for `actor` (which files, how many records) and a
    checkpoint of the audit chain after it. `target` is an engine or a fresh, not yet entered
    unit of work. `limits` bounds the reading and the problems listed (default: from env)."""
    uow = target if isinstance(target, UnitOfWork) else UnitOfWork(target)
    read = read_paths([Path(p) for p in paths], limits)
    with uow:
        region, report = check(uow, read, scope)
        if report.ok and not dry_run:
            try:
                write_region(uow, region)
                store_figures(uow.session, report.figures)
                if any(report.counts.values()):  # an empty import changes nothing to audit
                    audit.record(uow, actor, "import", "region", None, {
                        "files": [Path(p).name for p in paths], "counts": report.counts})
                uow.commit()
            except DBAPIError as exc:
                uow.rollback()
                report.problems.append(database_problem(exc))
                return report
            report.written = True
            if any(report.counts.values()):
                audit.checkpoint(uow)
                after_bulk_load(uow, sum(report.counts.values()))
    return report


def database_problem(exc: DBAPIError) -> Problem:
    """A Dutch problem for a refused write that names no value: the driver's own message can
    quote a row (a name, an income), and a report must never print personal data."""
    if isinstance(exc, IntegrityError):  # someone else stored a clashing key meanwhile
        message = "de database is tijdens het inlezen gewijzigd (een sleutel bestaat al)"
    else:
        message = f"de database weigerde de gegevens ({type(exc.orig).__name__})"
    return Problem("database", None, None, f"{message}; niets opgeslagen")


def check(uow: UnitOfWork, read: ReadResult,
          scope: ImportScope | None = None) -> tuple[Region, ImportReport]:
    """Turn what was read into a region, against the database state of `uow` (entered);
    with `scope`, only the record types and rows of one organisation."""
    report = ImportReport(problems=list(read.problems), warnings=list(read.warnings))
    if read.stopped:  # a bound was passed: checking a truncated import would mislead
        return Region(), report
    rows: dict[str, list[Row]] = {name: [] for name in LAYOUTS}
    figure_sheets = [s for s in read.sheets if s.name in area_figures.KINDS
                     and (scope is None or s.name in scope.owners)]
    for sheet in read.sheets:
        refused = scope.sheet_problem(sheet.source, sheet.name) if scope else None
        if refused is not None:
            report.problems.append(refused)
            continue
        if sheet.name in area_figures.KINDS:
            continue
        parsed, problems = parse_sheet(LAYOUTS[sheet.name], sheet)
        rows[sheet.name].extend(parsed)
        report.problems.extend(problems)
        if scope is not None:
            report.problems.extend(scope.row_problems(sheet.name, parsed))
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
    _check_figures(uow, figure_sheets, rows["gebieden"], report)
    report.problems.sort(key=_order)
    shown = read.limits.max_problems
    report.omitted = max(0, len(report.problems) - shown)
    del report.problems[shown:]
    report.counts = {name: len(found) for name, found in rows.items()}
    for kind in area_figures.KINDS:
        if any(s.name == kind for s in figure_sheets):
            report.counts[kind] = sum(1 for r in report.figures if r["source"] == kind)
    return checker.region, report


def _check_figures(uow: UnitOfWork, sheets: list, areas: list[Row],
                   report: ImportReport) -> None:
    """CBS Kerncijfers and Leefbaarometer rows of buurten the region knows (stored or in this
    import); buurten elsewhere in the country are skipped, with a warning saying how many."""
    known = {a.code for a in uow.areas.list() if a.level == "buurt"}
    known |= {r["code"] for r in areas if r["code"] and str(r["niveau"]) == "buurt"}
    for sheet in sheets:
        found, problems = area_figures.parse_rows(sheet.name, sheet.source, sheet.headers,
                                                  sheet.rows)
        report.problems.extend(problems)
        ours = [r for r in found if r["area"] in known]
        report.figures.extend({**r, "source": sheet.name} for r in ours)
        if len(ours) < len(found):
            report.warnings.append(f"{sheet.source}: {len(found) - len(ours)} buurten liggen "
                                   "niet in de regio en zijn overgeslagen")


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
