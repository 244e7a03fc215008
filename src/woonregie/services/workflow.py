"""The three-party workflow's one use case: a party takes an action on a match (Cosmic Python
style: unit of work, fetch the aggregate, call the domain, commit through the message bus).

`act` decides in a fixed order, so every edge answers the same way:
1. the role may not take this action at all → `Forbidden` (403);
2. the match does not exist or this party is not involved (the caseworker of another care
   provider, a corporation before the support plan is confirmed or for another's dwelling, a
   regisseur of another gemeente) → `NotFound` (404);
3. the match's step does not allow the action → `StepConflict` (409, names the step);
4. the input is incomplete or wrong → `FieldError` (422, names the field).

Then the match moves (person and dwelling with it, services/matches.move_match) with its
details, and what the step brings is written in the same transaction: the consent for
bemiddeling the caseworker confirms with the support plan, and after a decline the person's
pause and urgency lapse (services/pauses.py). A concurrent writer loses with 409.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from woonregie.domain.enums import OrgKind, SupportIntensity
from woonregie.domain.errors import DomainError
from woonregie.domain.match import MACHINE, Match
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.vocabulary import label_of
from woonregie.domain.workflow import (
    ACTIONS,
    DECLINER_OF,
    DeclineReason,
    LapseState,
    MatchAction,
    Party,
    pause_terms,
)
from woonregie.services import audit, messagebus
from woonregie.services.access import Action, Forbidden, NotFound, Principal, Role, require
from woonregie.services.handlers import gemeente_of
from woonregie.services.matches import move_match
from woonregie.services.persons import FieldError
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import DeclineReasonRepository, PauseRepository

PARTY_OF_ROLE: dict[Role, Party] = {
    Role.TRAJECTBEGELEIDER: Party.ZORGAANBIEDER,
    Role.VERHUURMAKELAAR: Party.CORPORATIE,
    Role.REGISSEUR: Party.GEMEENTE,
}


class StepConflict(DomainError):
    """The match's step does not allow this action now (HTTP 409)."""


@dataclass(frozen=True, slots=True)
class ActionInput:
    """What an action may carry; which fields each action needs is checked in `_validated`
    (after the step, so a wrong step is a 409 before a missing field is a 422)."""

    reason: str = ""  # withdrawal's reason; a note beside a decline reason
    reason_code: str = ""  # decline / refuse: a code of the region's list
    intensity: str | None = None  # confirm-support
    team: str | None = None
    support_start: date | None = None
    contact: str = ""
    consent: bool = False  # the person's consent for bemiddeling with the corporation
    viewing_date: date | None = None  # offer
    rent: float | None = None
    start: date | None = None


@dataclass(frozen=True, slots=True)
class Involved:
    match: Match
    person: Person
    dwelling: Dwelling
    gemeente: str


def involved(uow: UnitOfWork, principal: Principal, key: str) -> Involved:
    """The match with its person and dwelling, if `principal`'s organisation is a party to it;
    otherwise NotFound, exactly as for a match that does not exist."""
    match = uow.matches.get(key)
    if match is None:
        raise NotFound("Bemiddeling")
    person, dwelling = uow.persons.get(match.person), uow.dwellings.get(match.dwelling)
    if person is None or dwelling is None:
        raise NotFound("Bemiddeling")
    gemeente = gemeente_of(uow, dwelling.buurt)
    if not is_party(principal, match, person, dwelling, gemeente):
        raise NotFound("Bemiddeling")
    return Involved(match, person, dwelling, gemeente)


def is_party(principal: Principal, match: Match, person: Person, dwelling: Dwelling,
             gemeente: str) -> bool:
    role = principal.role
    if role is Role.TRAJECTBEGELEIDER:
        return person.care_provider == principal.organisation
    if role is Role.VERHUURMAKELAAR:
        return dwelling.corporation == principal.organisation and match.confirmed_on is not None
    if role is Role.REGISSEUR:
        return principal.gemeente is not None and gemeente == principal.gemeente
    return role is Role.OPERATOR


def act(uow: UnitOfWork, principal: Principal, key: str, action: MatchAction,
        given: ActionInput | None = None) -> Match:
    """Take `action` on match `key` for `principal` and commit (see the module's order)."""
    given = given or ActionInput()
    rule = ACTIONS[action]
    require(principal, Action.MATCH_ACT)
    if PARTY_OF_ROLE.get(principal.role) is not rule.party:
        raise Forbidden()
    it = involved(uow, principal, key)
    if not MACHINE.can(it.match.step, rule.target):
        raise StepConflict(step_message(it.match, action))
    today = uow.clock.today()
    details, reason, declined = _validated(uow, action, given, it, today)
    consent_missing = (action is MatchAction.CONFIRM_SUPPORT
                       and not _has_consent(uow, it, given, today))
    terms = pause_terms(declined, today, it.person.legal_urgency) if declined else None
    if terms is not None:
        if terms.lapse is LapseState.VERVALLEN:
            it.person.legal_urgency = False
        details["pause_until"] = terms.until.isoformat() if terms.until else ""
        details["urgency"] = str(terms.lapse)
    # the one lock order: dwelling, person (move_match), then the rows that refer to them
    move_match(uow, it.match, rule.target, today, principal.username, reason, it.person,
               details=details)
    if consent_missing:
        _record_consent(uow, principal, it, today)
    if terms is not None and declined is not None:
        _record_pause(uow, principal, it, declined, terms, today)
    messagebus.commit(uow, principal)
    return it.match


def _record_pause(uow: UnitOfWork, principal: Principal, it: Involved, declined: DeclineReason,
                  terms: Any, today: date) -> None:
    if terms.until is None and terms.lapse is LapseState.GEEN:
        return
    PauseRepository(_session(uow)).add(
        person=it.person.key, match_key=it.match.key, reason_code=declined.code, on_date=today,
        until=terms.until, lapse=str(terms.lapse), lift_reason="")
    audit.record(uow, principal, "pause", "person", it.person.key,
                 {"until": terms.until.isoformat() if terms.until else None,
                  "urgency": str(terms.lapse), "match": it.match.key,
                  "reason_code": declined.code})


def step_message(match: Match, action: MatchAction) -> str:
    """The Dutch 409: the step the match is at, and that this action cannot be taken there."""
    from woonregie.domain.workflow import actions_at

    possible = ", ".join(a.label.lower() for a in actions_at(match.step)) or "geen"
    return (f"Deze bemiddeling staat op stap «{label_of(match.step)}»: «{action.label}» kan "
            f"daar niet (mogelijk: {possible}).")


def _session(uow: UnitOfWork) -> Any:
    assert uow.session is not None
    return uow.session


def _validated(uow: UnitOfWork, action: MatchAction, given: ActionInput, it: Involved,
               today: date) -> tuple[dict[str, str], str, DeclineReason | None]:
    """The step's details and reason text, or FieldError naming the field."""
    if action is MatchAction.CONFIRM_SUPPORT:
        return _support_plan(uow, given, it, today), given.reason.strip(), None
    if action is MatchAction.OFFER:
        return _offer(given, today), given.reason.strip(), None
    if action in DECLINER_OF:
        reason = _decline_reason(uow, action, given.reason_code)
        note = given.reason.strip()
        text = reason.label + (f": {note}" if note else "")
        return ({"reason_code": reason.code, "declined_by": str(reason.declined_by)},
                text[:400], reason)
    if action is MatchAction.WITHDRAW and not given.reason.strip():
        raise FieldError("reason", "een reden is verplicht")
    return {}, given.reason.strip()[:400], None


def _support_plan(uow: UnitOfWork, given: ActionInput, it: Involved,
                  today: date) -> dict[str, str]:
    intensity = given.intensity or str(it.person.support_intensity)
    try:
        SupportIntensity(intensity)
    except ValueError:
        raise FieldError("intensity", "onbekende intensiteit") from None
    team = (given.team or it.person.support_team or "").strip()
    if team and uow.teams.get(team) is None:
        raise FieldError("team", f"team {team} bestaat niet")
    if given.support_start is None:
        raise FieldError("support_start", "vul de startdatum van de begeleiding in")
    if not given.contact.strip():
        raise FieldError("contact", "vul de contactpersoon in")
    return {"intensity": intensity, "team": team,
            "support_start": given.support_start.isoformat(),
            "contact": given.contact.strip()[:120]}


def _offer(given: ActionInput, today: date) -> dict[str, str]:
    if given.viewing_date is None:
        raise FieldError("viewing_date", "vul de datum van de bezichtiging in")
    if given.viewing_date < today:
        raise FieldError("viewing_date", "ligt in het verleden")
    if given.rent is None or given.rent <= 0:
        raise FieldError("rent", "vul de huur in (meer dan 0)")
    if given.start is None:
        raise FieldError("start", "vul de ingangsdatum van de huur in")
    if given.start < today:
        raise FieldError("start", "ligt in het verleden")
    return {"viewing_date": given.viewing_date.isoformat(), "rent": f"{given.rent:.2f}",
            "start": given.start.isoformat()}


def _decline_reason(uow: UnitOfWork, action: MatchAction, code: str) -> DeclineReason:
    reason = DeclineReasonRepository(_session(uow)).get(code.strip()) if code.strip() else None
    if reason is None or not reason.active:
        raise FieldError("reason_code", "kies een reden uit de lijst")
    if reason.declined_by not in DECLINER_OF[action]:
        raise FieldError("reason_code", f"deze reden is voor een weigering door "
                         f"{label_of(reason.declined_by).lower()}")
    return reason


def _has_consent(uow: UnitOfWork, it: Involved, given: ActionInput, today: date) -> bool:
    """Whether the person's consent for bemiddeling with the corporation exists; if not, the
    caseworker must record it now (the corporation sees the candidate from this step on)."""
    consents = ConsentRepository(_session(uow))
    if consents.has_basis(it.person.key, "bemiddeling", it.dwelling.corporation, today):
        return True
    if not given.consent:
        raise FieldError("consent", f"er is geen toestemming voor bemiddeling met "
                         f"{it.dwelling.corporation}: leg die vast (vink aan)")
    return False


def _record_consent(uow: UnitOfWork, principal: Principal, it: Involved, today: date) -> None:
    corporation = it.dwelling.corporation
    org = uow.organisations.get(corporation)
    assert org is not None and OrgKind(org.kind) is OrgKind.WONINGCORPORATIE
    ConsentRepository(_session(uow)).add(
        person=it.person.key, purpose="bemiddeling", party=corporation,
        legal_basis="toestemming", valid_from=today, valid_until=None,
        recorded_by=principal.username,
        recorded_at=datetime.combine(today, uow.clock.now().time()))
    audit.record(uow, principal, "consent", "person", it.person.key,
                 {"purpose": "bemiddeling", "party": corporation, "legal_basis": "toestemming",
                  "match": it.match.key})
