"""Use cases on dwellings, complexes, areas, organisations and agreements.

None of this is person-level data, so reads are not audited (except a dwelling's history when it
shows who was proposed or housed); registering or editing a dwelling is a write of the
corporation's own stock and is.
"""

from __future__ import annotations

import dataclasses
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from woonregie.domain.enums import DwellingStatus, HousingForm
from woonregie.domain.match import Match
from woonregie.domain.model import Agreement, Area, Complex, Dwelling, Organisation
from woonregie.domain.placement import Placement
from woonregie.services import audit
from woonregie.services.access import Action, NotFound, Principal, Scope, require
from woonregie.services.overview import Overview, region_overview
from woonregie.services.persons import FieldError, Page, keyset
from woonregie.store import tables as t
from woonregie.store.mapping import agreement_from, complex_from
from woonregie.store.pagination import capped_count
from woonregie.store.security import dwelling_code_query, prefix_range, search_clause
from woonregie.store.unit_of_work import UnitOfWork


def _corporation_filter(principal: Principal, action: Action,
                        corporation: str | None) -> str | None:
    """OWN scope pins the filter to the principal's corporation; ALL keeps the caller's."""
    if require(principal, action) is Scope.OWN:
        return principal.organisation
    return corporation


def list_dwellings(uow: UnitOfWork, principal: Principal, *, status: str | None = None,
                   housing_form: str | None = None, corporation: str | None = None,
                   buurt: str | None = None, complex: str | None = None,
                   search: str | None = None, limit: int = 50, offset: int = 0,
                   cursor: str | None = None, count_cap: int | None = None) -> Page:
    """One page of dwellings in code order (after `cursor`, else from `offset`), optionally
    in one buurt or complex, or with a code starting with `search`."""
    corp = _corporation_filter(principal, Action.DWELLING_LIST, corporation)
    if corporation is not None and corp != corporation:
        return Page([], 0, limit, offset)  # another corporation's stock: nothing to see
    assert uow.session is not None
    q = dwelling_code_query(status=status, corporation=corp, housing_form=housing_form,
                            buurt=buurt, complex=complex)
    if search:
        q = q.where(prefix_range(t.DwellingRow.code, search))
    found = keyset(uow.session, q, t.DwellingRow.code, limit, offset, cursor, count_cap)
    by_code = {d.code: d for d in uow.dwellings.find(codes=found.keys)} if found.keys else {}
    uow.commit()  # the read ends here, in the route's thread: no thread hop to close it later
    return Page([by_code[c] for c in found.keys], found.count.value, limit, offset,
                next=found.next, total_exact=found.count.exact)


def get_dwelling(uow: UnitOfWork, principal: Principal, code: str) -> Dwelling:
    scope = require(principal, Action.DWELLING_READ)
    dwelling = uow.dwellings.get(code)
    if dwelling is None or (scope is Scope.OWN and dwelling.corporation != principal.organisation):
        raise NotFound("Woning")
    return dwelling


def list_complexes(uow: UnitOfWork, principal: Principal) -> list[Complex]:
    corp = _corporation_filter(principal, Action.DWELLING_LIST, None)
    return [c for c in uow.complexes.list() if corp is None or c.corporation == corp]


def find_complexes(uow: UnitOfWork, principal: Principal, *, search: str | None = None,
                   corporation: str | None = None, limit: int = 50, offset: int = 0,
                   cursor: str | None = None, count_cap: int | None = None) -> Page:
    """One page of complexes in code order: a corporation's own, the regisseur's all
    (optionally one corporation's); `search` is a code prefix or a part of the name."""
    corp = _corporation_filter(principal, Action.DWELLING_LIST, corporation)
    if corporation is not None and corp != corporation:
        return Page([], 0, limit, offset)
    assert uow.session is not None
    C = t.ComplexRow
    q = select(C.code).order_by(C.code)
    if corp is not None:
        q = q.where(C.corporation == corp)
    if search:
        q = q.where(search_clause(search, C.code, C.name))
    found = keyset(uow.session, q, C.code, limit, offset, cursor, count_cap)
    rows = uow.session.scalars(select(C).where(C.code.in_(found.keys))) if found.keys else []
    by_code = {r.code: complex_from(r) for r in rows}
    return Page([by_code[c] for c in found.keys], found.count.value, limit, offset,
                next=found.next, total_exact=found.count.exact)


def register_vacancy(uow: UnitOfWork, principal: Principal, *, buurt: str, rent: float,
                     rooms: int, housing_form: HousingForm = HousingForm.ZELFSTANDIG,
                     min_household: int = 1, max_household: int = 99,
                     features: frozenset[str] = frozenset(), complex: str | None = None,
                     available_from: date | None = None, address: str = "") -> Dwelling:
    """A corporation registers a vacancy (vrijkomende woning) of its own stock; commits."""
    require(principal, Action.DWELLING_CREATE)
    area = uow.areas.get(buurt)
    if area is None or area.level != "buurt":
        raise FieldError("buurt", "onbekende buurt")
    if complex is not None:
        cx = uow.complexes.get(complex)
        if cx is None or cx.corporation != principal.organisation:
            raise FieldError("complex", "onbekend complex van uw corporatie")
    if min_household > max_household:
        raise FieldError("max_household", "moet minstens gelijk zijn aan het minimum")
    code = _new_code(uow)
    dwelling = Dwelling(
        code=code, corporation=principal.organisation, buurt=buurt, rent=rent, rooms=rooms,
        housing_form=housing_form, min_household=min_household, max_household=max_household,
        features=features, complex=complex, status=DwellingStatus.VRIJ,
        available_from=available_from, address=address,
    )
    uow.dwellings.add_all([dwelling])
    audit.record(uow, principal, "create", "dwelling", code)
    uow.commit()
    return dwelling


def _new_code(uow: UnitOfWork) -> str:
    while True:
        code = f"W-{secrets.token_hex(4).upper()}"
        if uow.dwellings.get(code) is None:
            return code


def list_areas(uow: UnitOfWork, principal: Principal, *, level: str | None = None,
               parent: str | None = None) -> list[Area]:
    require(principal, Action.REFERENCE_READ)
    return [a for a in uow.areas.list()
            if (level is None or a.level == level) and (parent is None or a.parent == parent)]


def get_area(uow: UnitOfWork, principal: Principal, code: str) -> Area:
    require(principal, Action.REFERENCE_READ)
    area = uow.areas.get(code)
    if area is None:
        raise NotFound("Gebied")
    return area


def list_organisations(uow: UnitOfWork, principal: Principal, *,
                       kind: str | None = None) -> list[Organisation]:
    require(principal, Action.REFERENCE_READ)
    return [o for o in uow.organisations.list() if kind is None or o.kind == kind]


def get_organisation(uow: UnitOfWork, principal: Principal, code: str) -> Organisation:
    require(principal, Action.REFERENCE_READ)
    org = uow.organisations.get(code)
    if org is None:
        raise NotFound("Organisatie")
    return org


def list_agreements(uow: UnitOfWork, principal: Principal, *, year: int | None = None,
                    target_group: str | None = None) -> list[Agreement]:
    """A corporation sees its own agreements; the regisseur all of them."""
    scope = require(principal, Action.AGREEMENT_READ)
    return [
        a for a in uow.agreements.list()
        if (scope is not Scope.OWN or a.corporation == principal.organisation)
        and (year is None or a.year == year)
        and (target_group is None or a.target_group == target_group)
    ]


def page_agreements(uow: UnitOfWork, principal: Principal, *, year: int | None = None,
                    gemeente: str | None = None, corporation: str | None = None,
                    target_group: str | None = None, limit: int = 50,
                    offset: int = 0) -> Page:
    """One page of agreements, filtered in SQL (a region has thousands): a corporation's own,
    the regisseur's all; year, gemeente and corporation first."""
    corp = _corporation_filter(principal, Action.AGREEMENT_READ, corporation)
    if corporation is not None and corp != corporation:
        return Page([], 0, limit, offset)
    assert uow.session is not None
    A = t.AgreementRow
    q = select(A)
    for column, value in ((A.year, year), (A.gemeente, gemeente), (A.corporation, corp),
                          (A.target_group, target_group)):
        if value is not None:
            q = q.where(column == value)
    count = capped_count(uow.session, q)
    q = q.order_by(A.year.desc(), A.gemeente, A.corporation, A.target_group)
    rows = uow.session.scalars(q.offset(offset).limit(limit))
    return Page([agreement_from(r) for r in rows], count.value, limit, offset,
                total_exact=count.exact)


def overview(uow: UnitOfWork, principal: Principal) -> Overview:
    """Counts only (aggregates), for the regisseur and the auditor."""
    require(principal, Action.REGION_OVERVIEW)
    return region_overview(uow)


# --- the dwelling page (issue 12 part 7) -------------------------------------------------------

EDITABLE = ("address", "rent", "rooms", "housing_form", "min_household", "max_household",
            "features", "available_from")
"""What the corporation edits on its dwelling page; code, corporation, buurt and complex are
its identity, the status is moved by rounds and matches only."""


def update_dwelling(uow: UnitOfWork, principal: Principal, code: str,
                    **changes: Any) -> Dwelling:
    """The corporation changes its own dwelling (rent, features, availability, …); commits.
    Only the changed fields are written, never the status."""
    require(principal, Action.DWELLING_UPDATE)
    dwelling = get_dwelling(uow, principal, code)
    wanted = {k: v for k, v in changes.items() if k in EDITABLE}
    if wanted.get("min_household", dwelling.min_household) > wanted.get(
            "max_household", dwelling.max_household):
        raise FieldError("max_household", "moet minstens gelijk zijn aan het minimum")
    changed = sorted(k for k, v in wanted.items() if getattr(dwelling, k) != v)
    updated = dataclasses.replace(dwelling, **wanted)
    if changed:
        uow.dwellings.edit(updated, changed)
        audit.record(uow, principal, "update", "dwelling", code, {"fields": changed})
        uow.commit()
    return updated


@dataclass(frozen=True)
class DwellingHistory:
    """A dwelling's way through the register: its matches (each with its dated steps) and its
    placements (tenancies). `people` says whether the reader sees person keys: the corporation
    sees the candidate of a live match and its own tenants, the regisseur only the steps."""

    matches: list[Match]
    placements: list[Placement]
    people: bool


def dwelling_history(uow: UnitOfWork, principal: Principal, code: str) -> DwellingHistory:
    dwelling = get_dwelling(uow, principal, code)
    matches = uow.matches.find(dwelling=code)
    placements = uow.placements.list(dwelling=code)
    people = principal.organisation == dwelling.corporation
    shown = sorted({m.person for m in matches if m.live} | {p.person for p in placements}
                   ) if people else []
    audit.record(uow, principal, "read", "dwelling", code, {"persons": shown} if shown else None)
    uow.commit()
    return DwellingHistory(matches, placements, people)
