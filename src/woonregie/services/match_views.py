"""Reading matches (bemiddelingen): one party's list (keyset pages, filters on step,
organisation and stalled), one match with its dated history, and what the reader may do next.

Each reader sees the matches its organisation is a party to (services/workflow.is_party, in SQL
for lists: store/workflow_repository.match_key_query) and only the details its role needs: the
support plan's intensity and team are care details, for the caseworker only; the corporation
and the regisseur see that support is arranged, from when, and whom to contact. Every read is
audited (a match names a person).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from woonregie.domain.match import Match, MatchStep
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.workflow import (
    ACTIONS,
    WAITING_FOR,
    MatchAction,
    Party,
    actions_at,
    deadline_of,
    is_stalled,
)
from woonregie.services import audit
from woonregie.services.access import Action, Principal, Role, require
from woonregie.services.persons import Page, keyset
from woonregie.services.workflow import PARTY_OF_ROLE, involved
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import DeadlineRepository, MatchFilter, match_key_query

CARE_DETAILS = frozenset({"intensity", "team"})
"""Details of a step that are care data: shown to the care provider only."""
NOT_FOR_CORPORATION = CARE_DETAILS | {"pause_until", "urgency"}
"""What a decline did to the person (pause, urgency) is regie's business, not letting's."""


@dataclass(frozen=True, slots=True)
class StepView:
    source: str | None
    target: str
    on: date
    by: str
    reason: str
    details: dict[str, str]


@dataclass(frozen=True, slots=True)
class MatchView:
    key: str
    person: str
    dwelling: str
    corporation: str
    care_provider: str
    round_id: int | None
    step: MatchStep
    live: bool
    opened_on: date
    step_on: date
    days_in_step: int
    waiting_for: Party | None
    deadline: date | None
    stalled: bool
    history: tuple[StepView, ...]
    actions: tuple[MatchAction, ...]  # what this reader may do now


def reader_filter(principal: Principal) -> MatchFilter:
    """What `principal` may list (raises Forbidden for roles without match access)."""
    require(principal, Action.MATCH_LIST)
    if principal.role is Role.TRAJECTBEGELEIDER:
        return MatchFilter(care_provider=principal.organisation)
    if principal.role is Role.VERHUURMAKELAAR:
        return MatchFilter(corporation=principal.organisation)
    if principal.role is Role.REGISSEUR:
        return MatchFilter(gemeente=principal.gemeente or "-")
    return MatchFilter()


def _details_for(principal: Principal, details: Mapping[str, str]) -> dict[str, str]:
    if principal.role in (Role.TRAJECTBEGELEIDER, Role.OPERATOR):
        return dict(details)
    hidden = NOT_FOR_CORPORATION if principal.role is Role.VERHUURMAKELAAR else CARE_DETAILS
    return {k: v for k, v in details.items() if k not in hidden}


def view_of(principal: Principal, match: Match, person: Person, dwelling: Dwelling,
            deadlines: Mapping[str, int | None], today: date) -> MatchView:
    party = PARTY_OF_ROLE.get(principal.role)
    mine = tuple(a for a in actions_at(match.step) if ACTIONS[a].party is party)
    return MatchView(
        key=match.key, person=match.person, dwelling=match.dwelling,
        corporation=dwelling.corporation, care_provider=person.care_provider,
        round_id=match.round_id, step=match.step, live=match.live, opened_on=match.opened_on,
        step_on=match.step_on, days_in_step=(today - match.step_on).days,
        waiting_for=WAITING_FOR.get(match.step),
        deadline=deadline_of(match.step, match.step_on, deadlines),
        stalled=is_stalled(match.step, match.step_on, deadlines, today),
        history=tuple(StepView(str(tr.source) if tr.source else None, str(tr.target), tr.on,
                               tr.by, tr.reason, _details_for(principal, tr.details))
                      for tr in match.history),
        actions=mine)


def list_matches(uow: UnitOfWork, principal: Principal, *, step: str | None = None,
                 organisation: str | None = None, stalled: bool = False,
                 waiting_for_me: bool = False, limit: int = 50, offset: int = 0,
                 cursor: str | None = None, count_cap: int | None = None) -> Page:
    """One page of the matches `principal` is a party to, in key order."""
    base = reader_filter(principal)
    today = uow.clock.today()
    assert uow.session is not None
    deadlines = DeadlineRepository(uow.session).all()
    waiting = None
    if waiting_for_me:
        party = PARTY_OF_ROLE.get(principal.role)
        waiting = frozenset(s for s, p in WAITING_FOR.items() if p is party)
    f = MatchFilter(care_provider=base.care_provider, corporation=base.corporation,
                    gemeente=base.gemeente, step=step, organisation=organisation,
                    stalled_on=today if stalled else None, deadlines=deadlines,
                    waiting_steps=waiting)
    found = keyset(uow.session, match_key_query(f), t.MatchRow.key, limit, offset, cursor,
                   count_cap)
    items = views(uow, principal, uow.matches.get_many(found.keys), deadlines, today)
    if found.keys:
        audit.record(uow, principal, "list", "match", None,
                     {"keys": found.keys, "persons": sorted({v.person for v in items})})
    uow.commit()
    return Page(items, found.count.value, limit, offset, next=found.next,
                total_exact=found.count.exact)


def views(uow: UnitOfWork, principal: Principal, matches: list[Match],
          deadlines: Mapping[str, int | None], today: date) -> list[MatchView]:
    persons = {p.key: p for p in uow.persons.find(keys=sorted({m.person for m in matches}))} \
        if matches else {}
    out = []
    for m in matches:
        dwelling = uow.dwellings.get(m.dwelling)
        if dwelling is not None and m.person in persons:
            out.append(view_of(principal, m, persons[m.person], dwelling, deadlines, today))
    return out


def get_match(uow: UnitOfWork, principal: Principal, key: str) -> MatchView:
    """One match for a party to it (else 404), audited."""
    require(principal, Action.MATCH_LIST)
    it = involved(uow, principal, key)
    assert uow.session is not None
    view = view_of(principal, it.match, it.person, it.dwelling,
                   DeadlineRepository(uow.session).all(), uow.clock.today())
    audit.record(uow, principal, "read", "match", key, {"person": it.person.key})
    uow.commit()
    return view


def summary(view: MatchView) -> dict[str, Any]:
    """A short line for lists and digests (no names, no care details)."""
    return {"key": view.key, "person": view.person, "dwelling": view.dwelling,
            "step": str(view.step), "days_in_step": view.days_in_step,
            "stalled": view.stalled}
