"""Use cases on persons (personen): list, read, register, edit, change status, history.

Each takes the acting `Principal`, checks access through access.py, writes an audit entry and
commits in the one unit of work the caller opened, so the change and its audit entry land
together or not at all.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import select

from woonregie.domain.enums import HousingForm, SupportIntensity, TargetGroup
from woonregie.domain.errors import DomainError, IllegalTransition
from woonregie.domain.match import MATCH_OWNED_PERSON
from woonregie.domain.model import Person
from woonregie.domain.status import MACHINE, PersonStatus, StatusTransition, is_return
from woonregie.services import audit, messagebus
from woonregie.services.access import (
    Action,
    NotFound,
    PersonView,
    Principal,
    Role,
    require,
    sees_names,
    view_of,
    visible_keys_query,
)
from woonregie.services.matches import end_for_person_move
from woonregie.services.returns import end_placement_on_return
from woonregie.store import tables as t
from woonregie.store.pagination import BadCursor, page_of_keys
from woonregie.store.unit_of_work import UnitOfWork


class FieldError(DomainError):
    """Input that breaks a rule the store knows (an unknown team or area): names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(slots=True)
class PersonFields:
    """What a caseworker enters about a client; validated in shape by the edges first."""

    name: str
    target_group: TargetGroup
    household_size: int
    annual_income: float
    support_intensity: SupportIntensity = SupportIntensity.GEEN
    support_team: str | None = None
    legal_urgency: bool = False
    pension_age: bool = False
    required_features: frozenset[str] = frozenset()
    allowed_forms: frozenset[HousingForm] = frozenset()
    acceptable_areas: tuple[str, ...] = ()
    preferred_areas: tuple[str, ...] = ()
    zrm: dict[str, int] | None = None


EDITABLE = tuple(f.name for f in fields(PersonFields))


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Any]
    total: int
    limit: int
    offset: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    next: str | None = None  # cursor of the following page (keyset pagination)
    total_exact: bool = True  # False: `total` is a lower bound (store/pagination.COUNT_CAP)


def keyset(session: Any, q: Any, key: Any, limit: int, offset: int,
           cursor: str | None, count_cap: int | None = None) -> Any:
    """A page of keys (store/pagination.py); a cursor we did not hand out names the field."""
    try:
        return page_of_keys(session, q, key, limit, offset, cursor, count_cap)
    except BadCursor:
        raise FieldError("cursor", "ongeldige cursor; gebruik de waarde van 'next'") from None


def _contacts(uow: UnitOfWork, principal: Principal,
              persons: list[Person]) -> dict[str, str] | None:
    """The names of these persons' care providers, which only a corporation's view shows
    (access.view_of); read for them only, not for every organisation of the region."""
    if principal.role is not Role.VERHUURMAKELAAR:
        return None
    codes = sorted({p.care_provider for p in persons})
    assert uow.session is not None
    rows = uow.session.execute(select(t.OrganisationRow.code, t.OrganisationRow.name)
                               .where(t.OrganisationRow.code.in_(codes))) if codes else []
    return {code: name for code, name in rows}


def list_persons(uow: UnitOfWork, principal: Principal, *, status: str | None = None,
                 target_group: str | None = None, care_provider: str | None = None,
                 search: str | None = None, limit: int = 50, offset: int = 0,
                 cursor: str | None = None, count_cap: int | None = None) -> Page:
    """The persons the principal may see, one page (after `cursor`, else from `offset`), in
    the view its role allows; optionally only the clients of one care provider (within what
    the principal may see) and those whose key starts with `search` (or, for roles that see
    names, whose name contains it)."""
    today = uow.clock.today()
    q = visible_keys_query(principal, Action.PERSON_LIST, today, status=status,
                           target_group=target_group, search=search or None,
                           search_names=sees_names(principal))
    if care_provider is not None:
        q = q.where(t.PersonRow.care_provider == care_provider)
    assert uow.session is not None
    found = keyset(uow.session, q, t.PersonRow.key, limit, offset, cursor, count_cap)
    keys = found.keys
    persons = uow.persons.find(keys=keys) if keys else []
    contacts = _contacts(uow, principal, persons)
    items = [view_of(uow, principal, p, today, contacts) for p in persons]
    if keys:
        audit.record(uow, principal, "list", "person", None, {"keys": keys})
    uow.commit()
    return Page(items, found.count.value, limit, offset, next=found.next,
                total_exact=found.count.exact)


def _load_visible(uow: UnitOfWork, principal: Principal, key: str, action: Action) -> Person:
    """The person, read only if the principal may see it: the visibility rule is part of the
    one query (a person that does not exist and one out of sight are both "not found")."""
    require(principal, action)
    person = uow.persons.get(key, among=visible_keys_query(principal, action, uow.clock.today(),
                                                           key=key))
    if person is None:
        raise NotFound("Persoon")
    return person


def get_person(uow: UnitOfWork, principal: Principal, key: str) -> PersonView:
    person = _load_visible(uow, principal, key, Action.PERSON_READ)
    view = view_of(uow, principal, person, uow.clock.today(), _contacts(uow, principal, [person]))
    audit.record(uow, principal, "read", "person", key)
    uow.commit()
    return view


def history(uow: UnitOfWork, principal: Principal, key: str) -> list[StatusTransition]:
    person = _load_visible(uow, principal, key, Action.PERSON_HISTORY)
    audit.record(uow, principal, "read", "status_history", key)
    uow.commit()
    return list(person.history)


def _check_references(uow: UnitOfWork, principal: Principal, data: PersonFields) -> None:
    if data.support_team is not None:
        team = uow.teams.get(data.support_team)
        if team is None or team.organisation != principal.organisation:
            raise FieldError("support_team", "onbekend team van uw organisatie")
    known = {a.code for a in uow.areas.list()}
    for name in ("acceptable_areas", "preferred_areas"):
        unknown = [a for a in getattr(data, name) if a not in known]
        if unknown:
            raise FieldError(name, f"onbekend gebied: {', '.join(unknown)}")


def _new_key(uow: UnitOfWork) -> str:
    while True:
        key = f"P-{secrets.token_hex(4).upper()}"
        if uow.persons.get(key) is None:
            return key


def register_person(uow: UnitOfWork, principal: Principal, data: PersonFields,
                    on: date | None = None) -> Person:
    """Register a new client (aanmelden) of the principal's own organisation."""
    require(principal, Action.PERSON_CREATE)
    _check_references(uow, principal, data)
    person = Person.register(
        on or uow.clock.today(), principal.username, key=_new_key(uow),
        care_provider=principal.organisation,
        **{name: getattr(data, name) for name in EDITABLE},
    )
    uow.persons.add(person)
    audit.record(uow, principal, "create", "person", person.key)
    uow.commit()
    return person


def update_person(uow: UnitOfWork, principal: Principal, key: str,
                  changes: dict[str, Any]) -> Person:
    """Change editable fields of a client; unknown fields are refused."""
    person = _load_visible(uow, principal, key, Action.PERSON_UPDATE)
    bad = sorted(set(changes) - set(EDITABLE))
    if bad:
        raise FieldError(bad[0], "dit veld kan niet worden gewijzigd")
    current = PersonFields(**{name: getattr(person, name) for name in EDITABLE})
    data = replace(current, **changes)
    _check_references(uow, principal, data)
    updated = replace(person, **{name: getattr(data, name) for name in EDITABLE})
    uow.persons.save(updated)
    audit.record(uow, principal, "update", "person", key, {"fields": sorted(changes)})
    uow.commit()
    return updated


def change_status(uow: UnitOfWork, principal: Principal, key: str, target: PersonStatus,
                  reason: str = "", on: date | None = None) -> Person:
    """Move a client through the status machine (legal moves only, domain/status.py).

    Only a match (bemiddeling) moves a person into voorgedragen or gehuisvest. A move out of
    voorgedragen (relapse, uitschrijving, back to uitstroomklaar) withdraws the live match and
    frees its dwelling in the same transaction, so the corporation no longer sees the person.
    """
    person = _load_visible(uow, principal, key, Action.PERSON_STATUS)
    if target in MATCH_OWNED_PERSON and MACHINE.can(person.status, target):
        raise IllegalTransition(person.status, target, "dat gebeurt alleen via een bemiddeling "
                                "(voordracht door de regisseur, contract door de corporatie)")
    source, on = person.status, on or uow.clock.today()
    ended = source == PersonStatus.VOORGEDRAGEN and end_for_person_move(
        uow, person, target, on, principal.username, reason)
    if not ended:
        person.move_to(target, on, principal.username, reason)
        uow.persons.save(person)
    if is_return(source, target):  # back to care: the running tenancy ends (services/returns)
        end_placement_on_return(uow, principal, key, on)
    audit.record(uow, principal, "status", "person", key,
                 {"from": str(source), "to": str(target)})
    messagebus.commit(uow, principal)
    return person
