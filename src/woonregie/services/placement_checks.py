"""The checks of imported placements (plaatsingen): a region's past lettings.

A placement row names a person, a dwelling and the dates; what it counts towards (corporation,
buurt, complex, housing form, target group, gemeente) comes from the dwelling and the person, so
it cannot disagree with them. It must agree with the person's status history: the history has a
change into `gehuisvest` on the start date. Persons and dwellings may come from the same import
or from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from woonregie.domain.errors import DomainError
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.placement import EndReason, Placement
from woonregie.domain.status import PersonStatus
from woonregie.exchange.rows import Row
from woonregie.services.import_checks import Checker


@dataclass
class PlacementContext:
    """What placements refer to beyond the import: stored persons, dwellings, area parents and
    stored placements (person, start date) an imported one would duplicate."""

    persons: dict[str, Person] = field(default_factory=dict)
    dwellings: dict[str, Dwelling] = field(default_factory=dict)
    parents: dict[str, str | None] = field(default_factory=dict)
    stored: set[tuple[str, date]] = field(default_factory=set)

T = TypeVar("T")


def check_placements(checker: Checker, rows: list[Row], ctx: PlacementContext) -> None:
    """Turn `plaatsingen` rows into placements on `checker.region`, or report each problem."""
    region = checker.region
    persons = {**ctx.persons, **{p.key: p for p in region.persons}}
    dwellings = {**ctx.dwellings, **{d.code: d for d in region.dwellings}}
    parents = {**ctx.parents, **{a.code: a.parent for a in region.areas}}
    for row in rows:
        before = len(checker.problems)
        person = _known(checker, row, "sleutel", persons, "persoon")
        dwelling = _known(checker, row, "woning", dwellings, "woning")
        start, end, reason = row["begindatum"], row["einddatum"], row["einde_reden"]
        if person is not None and start is not None:
            _agrees_with_history(checker, row, person, start)
            key = (person.key, start)
            checker.unique("placement", key, row, "begindatum", key in ctx.stored)
        if (end is None) != (reason is None) and "einddatum" not in row.failed \
                and "einde_reden" not in row.failed:
            column = "einde_reden" if reason is None else "einddatum"
            checker.fail(row, column, "einddatum en einde_reden horen samen: vul beide of geen")
        if end is not None and start is not None and end < start:
            checker.fail(row, "einddatum", f"einddatum {end:%d-%m-%Y} ligt voor de begindatum "
                                           f"{start:%d-%m-%Y}")
        if row.complete and len(checker.problems) == before and person and dwelling:
            placement = checker.build(row, _maker(row, person, dwelling, parents))
            if placement is not None:
                region.placements.append(placement)


def _maker(row: Row, person: Person, dwelling: Dwelling,
           parents: dict[str, str | None]) -> Callable[[], Placement]:
    reason = row["einde_reden"]
    return lambda: Placement(
        person.key, dwelling.code, dwelling.corporation, _gemeente(dwelling.buurt, parents),
        dwelling.buurt, dwelling.complex, dwelling.housing_form, person.target_group,
        row["begindatum"], None, row["einddatum"], EndReason(reason) if reason else None)


def _known(checker: Checker, row: Row, column: str, known: dict[str, T],
           noun: str) -> T | None:
    """The record the row's `column` names, or None after reporting it as unknown."""
    code = row[column]
    if code is None:
        return None
    if code not in known:
        checker.fail(row, column, f"onbekende {noun} '{code}' (niet in de import en niet in de "
                                  "database)")
        return None
    return known[code]


def _agrees_with_history(checker: Checker, row: Row, person: Person, start: date) -> None:
    housed = [t.on for t in person.history if t.target == PersonStatus.GEHUISVEST]
    if start not in housed:
        known = ", ".join(f"{d:%d-%m-%Y}" for d in housed) or "geen"
        checker.fail(row, "begindatum", f"de statushistorie van '{person.key}' heeft geen "
                                        f"wijziging naar gehuisvest op {start:%d-%m-%Y} "
                                        f"(wel op: {known})")


def _gemeente(area: str, parents: dict[str, str | None]) -> str:
    node, seen = area, 0
    while parents.get(node) is not None:
        node, seen = parents[node] or node, seen + 1
        if seen > 10:
            raise DomainError(f"gebied {area} ligt niet in een gemeente")
    return node
