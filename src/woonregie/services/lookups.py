"""Look-ups for the pickers (kiezers): a few areas, organisations, complexes or persons whose
code starts with, or whose name contains, what the user typed (issue 12: never a dropdown of
thousands). Each asks the policy like the lists it shortens; persons go through
`persons.list_persons`, so the reader sees only whom it may see, audited as any list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from woonregie.domain.enums import TargetGroup
from woonregie.domain.vocabulary import label_of
from woonregie.services import dwellings, persons
from woonregie.services.access import Action, Principal, require, sees_names
from woonregie.store import tables as t
from woonregie.store.security import search_clause
from woonregie.store.unit_of_work import UnitOfWork

LIMIT = 20
"""Options a picker offers at most: type more to narrow."""


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    text: str  # what the reader sees beside the code


def _search(uow: UnitOfWork, row: type, text: str, *where: object) -> list:
    assert uow.session is not None
    q = select(row).where(*where).order_by(row.code).limit(LIMIT)  # type: ignore[attr-defined]
    if text.strip():
        q = q.where(search_clause(text, row.code, row.name))  # type: ignore[attr-defined]
    return list(uow.session.scalars(q))


def areas(uow: UnitOfWork, principal: Principal, text: str,
          level: str | None = "buurt") -> list[Option]:
    require(principal, Action.REFERENCE_READ)
    where = [t.AreaRow.level == level] if level else []
    return [Option(a.code, a.name) for a in _search(uow, t.AreaRow, text, *where)]


def organisations(uow: UnitOfWork, principal: Principal, text: str,
                  kind: str | None = None) -> list[Option]:
    require(principal, Action.REFERENCE_READ)
    where = [t.OrganisationRow.kind == kind] if kind else []
    return [Option(o.code, o.name) for o in _search(uow, t.OrganisationRow, text, *where)]


def complexes(uow: UnitOfWork, principal: Principal, text: str) -> list[Option]:
    """The principal's own complexes (a corporation) or all (the regisseur)."""
    found = dwellings.find_complexes(uow, principal, search=text.strip() or None, limit=LIMIT,
                                     count_cap=LIMIT)
    return [Option(c.code, f"{c.name} ({c.buurt})") for c in found.items]


def people(uow: UnitOfWork, principal: Principal, text: str) -> list[Option]:
    """Persons the principal may see whose key starts with `text` (or, for readers who see
    names, whose name contains it); the regie view shows no names, so neither does this."""
    found = persons.list_persons(uow, principal, search=text.strip() or None, limit=LIMIT,
                                 count_cap=LIMIT)
    if sees_names(principal):
        return [Option(p.key, p.name) for p in found.items]
    return [Option(p.key, f"{label_of(p.status)}, {label_of(p.target_group, TargetGroup)}")
            for p in found.items]


def names(uow: UnitOfWork, principal: Principal, codes: Iterable[str | None]) -> dict[str, str]:
    """{code: name} of the areas (buurt, wijk, gemeente: CBS codes) and organisations among
    `codes`, so a page shows "Centrum (BU03630000)" instead of a bare code. Reference data:
    one indexed IN query per table for the codes on the page, never the whole table."""
    require(principal, Action.REFERENCE_READ)
    wanted = sorted({c for c in codes if c})
    if not wanted:
        return {}
    assert uow.session is not None
    out: dict[str, str] = {}
    for row in (t.AreaRow, t.OrganisationRow):
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            q = select(row.code, row.name).where(row.code.in_(chunk))  # type: ignore[attr-defined]
            out.update({code: name for code, name in uow.session.execute(q)})
    return out
