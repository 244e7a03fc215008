"""Who may see and do what: the one policy table of Woonregie (design.md, "Privacy model").

Every use case asks this module; templates and routes never decide access themselves.

- A caseworker (trajectbegeleider) sees the full records of its own organisation's clients.
- A corporation (verhuurmakelaar) sees only candidates a live match (bemiddeling) proposes for
  its own dwellings, and only
  what letting needs (`CorporationCandidateView`), and only while a legal basis for
  `bemiddeling` with that corporation is recorded.
- The regisseur sees what regie needs (`RegieView`) of persons with a basis for `regie`.
- The auditor and the admin see no person-level data.
- The command line acts as the operator (`Role.OPERATOR`, no user account can have it): it
  reads the whole register, audited.

A person record that is not visible is reported as `NotFound`, exactly as one that does not
exist, so an unauthorised request reveals nothing, not even existence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from woonregie.domain.affordability import limits_for
from woonregie.domain.enums import OrgKind
from woonregie.domain.errors import DomainError
from woonregie.domain.model import Person
from woonregie.domain.status import PersonStatus
from woonregie.domain.vocabulary import Vocabulary

if TYPE_CHECKING:
    from woonregie.store.unit_of_work import UnitOfWork


class Role(Vocabulary):
    """Role of a user (rol); design.md "Who uses it"."""

    TRAJECTBEGELEIDER = "trajectbegeleider", "Trajectbegeleider"  # caseworker of a zorgaanbieder
    # letting consultant of a woningcorporatie
    VERHUURMAKELAAR = "verhuurmakelaar", "Verhuurmakelaar"
    REGISSEUR = "regisseur", "Regisseur"  # process director of the gemeente
    AUDITOR = "auditor", "Auditor"  # toezicht
    ADMIN = "admin", "Beheerder"  # operator: users and organisations
    # the command line (beheer): whoever holds the database; no account
    OPERATOR = "operator", "Operator (opdrachtregel)"


ACCOUNT_ROLES: tuple[Role, ...] = tuple(r for r in Role if r is not Role.OPERATOR)
"""Roles a user account can have. The operator is the command line's principal only: it is the
person at the server with the database in hand, so no login can ever act as it."""

ROLE_ORG_KINDS: dict[Role, frozenset[OrgKind]] = {
    Role.TRAJECTBEGELEIDER: frozenset({OrgKind.ZORGAANBIEDER}),
    Role.VERHUURMAKELAAR: frozenset({OrgKind.WONINGCORPORATIE}),
    Role.REGISSEUR: frozenset({OrgKind.GEMEENTE}),
    Role.AUDITOR: frozenset(OrgKind),
    Role.ADMIN: frozenset(OrgKind),
    Role.OPERATOR: frozenset(),
}
"""Which kind of organisation a role's users can belong to."""


class Purpose(Vocabulary):
    """Purpose of processing (doel), recorded with every audit entry and every legal basis."""

    BEGELEIDING = "begeleiding", "Begeleiding"  # care and preparation by the care provider
    BEMIDDELING = "bemiddeling", "Bemiddeling"  # letting: proposing candidates to a corporation
    REGIE = "regie", "Regie"  # the gemeente's process direction and matching
    TOEZICHT = "toezicht", "Toezicht"  # audit / supervision
    BEHEER = "beheer", "Beheer"  # operating the system
    # the three-party agreement's signal exchange: corporation → care provider (issue 9)
    SIGNALERING = "signalering", "Signalering (vroegsignalering huurachterstand en overlast)"


ROLE_PURPOSE: dict[Role, Purpose] = {
    Role.TRAJECTBEGELEIDER: Purpose.BEGELEIDING,
    Role.VERHUURMAKELAAR: Purpose.BEMIDDELING,
    Role.REGISSEUR: Purpose.REGIE,
    Role.AUDITOR: Purpose.TOEZICHT,
    Role.ADMIN: Purpose.BEHEER,
    Role.OPERATOR: Purpose.BEHEER,
}


@dataclass(frozen=True, slots=True)
class Principal:
    """The authenticated user a use case acts for."""

    user_id: int
    username: str
    role: Role
    organisation: str
    org_kind: OrgKind
    gemeente: str | None = None  # the organisation's seat (area code)

    @property
    def purpose(self) -> Purpose:
        return ROLE_PURPOSE[self.role]


class Action(StrEnum):
    PERSON_LIST = "person.list"
    PERSON_READ = "person.read"
    PERSON_CREATE = "person.create"
    PERSON_UPDATE = "person.update"
    PERSON_STATUS = "person.status"
    PERSON_HISTORY = "person.history"
    CONSENT_READ = "consent.read"
    CONSENT_WRITE = "consent.write"
    DWELLING_LIST = "dwelling.list"
    DWELLING_READ = "dwelling.read"
    DWELLING_CREATE = "dwelling.create"
    REFERENCE_READ = "reference.read"  # areas, organisations, complexes
    AGREEMENT_READ = "agreement.read"
    REGION_OVERVIEW = "region.overview"  # aggregates only
    AUDIT_READ = "audit.read"
    USER_ADMIN = "user.admin"
    MATCH_RUN = "match.run"  # run a matching round (or a dry run)
    MATCH_READ = "match.read"  # stored rounds and their person-level lines
    MATCH_PROPOSE = "match.propose"  # propose a person for a dwelling by hand, with a reason
    MATCH_WITHDRAW = "match.withdraw"  # withdraw a live match, with a reason
    MATCH_DECIDE = "match.decide"  # the corporation signs the tenancy or refuses the candidate
    # the three-party workflow of a match, issue 9
    MATCH_LIST = "match.list"  # matches one's organisation is a party to
    MATCH_ACT = "match.act"  # take one's own party's step of a match
    WORKFLOW_CONFIG = "workflow.config"  # decline reasons, deadlines, pauses (the regisseur)
    # signals (signalering) and the driepartijenovereenkomst, issue 9
    SIGNAL_LIST = "signal.list"  # signals of one's own organisation (raised or received)
    SIGNAL_RAISE = "signal.raise"  # a corporation raises a signal about its tenant
    SIGNAL_ACKNOWLEDGE = "signal.acknowledge"  # the recipient acknowledges, with an action
    SIGNAL_CLOSE = "signal.close"  # closed with an outcome
    TENANCY_AGREEMENT_READ = "tenancy_agreement.read"  # the driepartijenovereenkomst
    TENANCY_TEMPLATE_EDIT = "tenancy_template.edit"  # the gemeente's own agreement template
    # web import and export, the dwelling page (issue 12 part 7)
    EXCHANGE = "exchange.use"  # upload (check, confirm), templates, download of own data
    DWELLING_UPDATE = "dwelling.update"  # rent, features, availability of a dwelling


class Scope(StrEnum):
    NONE = "none"
    OWN = "own"  # records of the principal's own organisation
    SHARED = "shared"  # records shared with the organisation through a legal basis
    ALL = "all"


A, S = Action, Scope

POLICY: dict[Role, dict[Action, Scope]] = {
    Role.TRAJECTBEGELEIDER: {
        A.PERSON_LIST: S.OWN, A.PERSON_READ: S.OWN, A.PERSON_CREATE: S.OWN,
        A.PERSON_UPDATE: S.OWN, A.PERSON_STATUS: S.OWN, A.PERSON_HISTORY: S.OWN,
        A.CONSENT_READ: S.OWN, A.CONSENT_WRITE: S.OWN, A.REFERENCE_READ: S.ALL,
    },
    Role.VERHUURMAKELAAR: {
        A.PERSON_LIST: S.SHARED, A.PERSON_READ: S.SHARED,
        A.DWELLING_LIST: S.OWN, A.DWELLING_READ: S.OWN, A.DWELLING_CREATE: S.OWN,
        A.REFERENCE_READ: S.ALL, A.AGREEMENT_READ: S.OWN, A.MATCH_DECIDE: S.OWN,
    },
    Role.REGISSEUR: {
        A.PERSON_LIST: S.SHARED, A.PERSON_READ: S.SHARED,
        A.DWELLING_LIST: S.ALL, A.DWELLING_READ: S.ALL, A.REFERENCE_READ: S.ALL,
        A.AGREEMENT_READ: S.ALL, A.REGION_OVERVIEW: S.ALL,
        # Rounds are region-wide in this version: any regisseur (services/round_reports.py).
        A.MATCH_RUN: S.ALL, A.MATCH_READ: S.ALL, A.MATCH_PROPOSE: S.ALL, A.MATCH_WITHDRAW: S.ALL,
    },
    Role.AUDITOR: {
        A.REFERENCE_READ: S.ALL, A.REGION_OVERVIEW: S.ALL, A.AUDIT_READ: S.ALL,
    },
    Role.ADMIN: {
        A.REFERENCE_READ: S.ALL, A.USER_ADMIN: S.ALL,
    },
    # The command line reads the whole register (persons list/show, dwellings list) as it
    # always could; every person-level read is audited under the operator's name.
    Role.OPERATOR: {
        A.PERSON_LIST: S.ALL, A.PERSON_READ: S.ALL, A.PERSON_HISTORY: S.ALL,
        A.DWELLING_LIST: S.ALL, A.DWELLING_READ: S.ALL, A.REFERENCE_READ: S.ALL,
        A.AGREEMENT_READ: S.ALL, A.REGION_OVERVIEW: S.ALL, A.AUDIT_READ: S.ALL,
        A.MATCH_RUN: S.ALL, A.MATCH_READ: S.ALL,
    },
}
"""The one table deciding access: role × action → scope. Missing means no access."""

WORKFLOW_POLICY: dict[Role, dict[Action, Scope]] = {
    Role.TRAJECTBEGELEIDER: {A.MATCH_LIST: S.OWN, A.MATCH_ACT: S.OWN},
    Role.VERHUURMAKELAAR: {A.MATCH_LIST: S.OWN, A.MATCH_ACT: S.OWN},
    Role.REGISSEUR: {A.MATCH_LIST: S.SHARED, A.MATCH_ACT: S.SHARED, A.WORKFLOW_CONFIG: S.ALL},
    Role.OPERATOR: {A.MATCH_LIST: S.ALL},
}
"""The workflow (issue 9): each party lists the matches it is a party to (a caseworker its
clients', a corporation those on its dwellings from the confirmed support plan on, a regisseur
those in its gemeente) and takes its own steps (services/workflow.py decides which)."""
for _role, _extra in WORKFLOW_POLICY.items():
    POLICY[_role].update(_extra)

SIGNAL_POLICY: dict[Role, dict[Action, Scope]] = {
    Role.TRAJECTBEGELEIDER: {A.SIGNAL_LIST: S.OWN, A.SIGNAL_ACKNOWLEDGE: S.OWN,
                             A.SIGNAL_CLOSE: S.OWN, A.TENANCY_AGREEMENT_READ: S.OWN},
    Role.VERHUURMAKELAAR: {A.SIGNAL_LIST: S.OWN, A.SIGNAL_RAISE: S.OWN, A.SIGNAL_CLOSE: S.OWN,
                           A.TENANCY_AGREEMENT_READ: S.OWN},
    Role.REGISSEUR: {A.SIGNAL_LIST: S.SHARED, A.SIGNAL_ACKNOWLEDGE: S.OWN, A.SIGNAL_CLOSE: S.OWN,
                     A.TENANCY_AGREEMENT_READ: S.OWN, A.TENANCY_TEMPLATE_EDIT: S.OWN},
    Role.OPERATOR: {A.SIGNAL_LIST: S.ALL},
}
"""Signals and three-party agreements (issue 9). A corporation sees the signals it raised, a
care provider or gemeente those it received (a gemeente also those escalated in it); the
three parties of an agreement read it (the gemeente: of placements in its gemeente)."""
for _role, _extra in SIGNAL_POLICY.items():
    POLICY[_role].update(_extra)

EXCHANGE_POLICY: dict[Role, dict[Action, Scope]] = {
    Role.TRAJECTBEGELEIDER: {A.EXCHANGE: S.OWN},
    Role.VERHUURMAKELAAR: {A.EXCHANGE: S.OWN, A.DWELLING_UPDATE: S.OWN},
    Role.REGISSEUR: {A.EXCHANGE: S.ALL},
}
"""Import and export on the pages (issue 12 part 7): a care provider its clients, a
corporation its complexes and dwellings (and it edits its dwellings), the regisseur the whole
region (person keys pseudonymised in what it downloads: services/uploads.py)."""
for _role, _extra in EXCHANGE_POLICY.items():
    POLICY[_role].update(_extra)

SHARING_PURPOSE: dict[Role, Purpose] = {
    Role.VERHUURMAKELAAR: Purpose.BEMIDDELING,
    Role.REGISSEUR: Purpose.REGIE,
}
"""For SHARED scopes: the purpose whose legal basis must name the principal's organisation."""



class Forbidden(DomainError):
    """The role may not do this at all (HTTP 403)."""

    def __init__(self) -> None:
        super().__init__("U heeft geen toegang tot deze functie.")


class NotFound(DomainError):
    """No such record, or not one this principal may see (HTTP 404: indistinguishable)."""

    def __init__(self, what: str = "Gegevens") -> None:
        super().__init__(f"{what} niet gevonden.")


def scope(principal: Principal, action: Action) -> Scope:
    return POLICY[principal.role].get(action, Scope.NONE)


def require(principal: Principal, action: Action) -> Scope:
    """The principal's scope for `action`; raises Forbidden when it has none."""
    found = scope(principal, action)
    if found is Scope.NONE:
        raise Forbidden()
    return found


def allowed(principal: Principal, action: Action) -> bool:
    return scope(principal, action) is not Scope.NONE


def dwellings_proposed_for(uow: UnitOfWork, person_key: str,
                           corporation: str | None = None) -> list[str]:
    """Codes of dwellings a live match (bemiddeling) proposes the person for, optionally only
    those of one corporation. An ended or withdrawn match shows nothing."""
    assert uow.session is not None
    from woonregie.store.security import live_match_dwellings

    return live_match_dwellings(uow.session, person_key, corporation)


def person_filter(principal: Principal, action: Action, on: date) -> dict:
    """Keyword arguments for `store.security.person_key_query` limiting it to what the
    principal may see; raises Forbidden for roles without person access."""
    found = require(principal, action)
    if found is Scope.OWN:
        return {"care_provider": principal.organisation}
    if found is Scope.SHARED:
        purpose = SHARING_PURPOSE[principal.role]
        filters: dict = {"basis": (str(purpose), principal.organisation, on)}
        if principal.role is Role.VERHUURMAKELAAR:
            filters["proposed_to"] = principal.organisation
        return filters
    return {}


def sees_names(principal: Principal) -> bool:
    """Whether the principal's view of a person has the name (so it may search by name): the
    regie view has none, so a regisseur searches by key only and learns nothing from a name."""
    return principal.role in (Role.TRAJECTBEGELEIDER, Role.VERHUURMAKELAAR, Role.OPERATOR)


def can_see_person(uow: UnitOfWork, principal: Principal, key: str, action: Action,
                   on: date) -> bool:
    """Whether the person exists and the principal may see it (raises Forbidden for roles
    without any person access, so they get 403 rather than 404)."""
    assert uow.session is not None
    q = visible_keys_query(principal, action, on, key=key)
    return uow.session.scalar(q) is not None


def owns_dwelling(principal: Principal, action: Action, corporation: str) -> bool:
    found = require(principal, action)
    return found is Scope.ALL or corporation == principal.organisation


# --- Field-level views ----------------------------------------------------------------------


class IncomeBand(Vocabulary):
    """Income band (inkomensklasse) for passend toewijzen: all a corporation needs to know."""

    # under the passend-toewijzen limit: rent up to aftopping
    PASSEND = "onder_inkomensgrens", "Onder de inkomensgrens (passend toewijzen)"
    MIDDEN = "tot_daeb_grens", "Tot de DAEB-inkomensgrens"  # between that and the DAEB limit
    BOVEN = "boven_daeb_grens", "Boven de DAEB-inkomensgrens"  # above DAEB: no social rent


def income_band(person: Person, year: int) -> IncomeBand:
    lim = limits_for(year)
    single = person.household_size == 1
    if person.pension_age:
        limit = lim.income_single_pension if single else lim.income_multi_pension
    else:
        limit = lim.income_single if single else lim.income_multi
    if person.annual_income <= limit:
        return IncomeBand.PASSEND
    if person.annual_income <= (lim.daeb_single if single else lim.daeb_multi):
        return IncomeBand.MIDDEN
    return IncomeBand.BOVEN


@dataclass(frozen=True, slots=True)
class CorporationCandidateView:
    """What a corporation sees of a candidate: never care data, ZRM or history."""

    key: str
    name: str  # the offer and the tenancy contract are in the tenant's name
    household_size: int
    income_band: IncomeBand
    support_arranged: bool  # ambulant support arranged: yes/no, not what or why
    caseworker_contact: str  # the care provider to contact
    status: PersonStatus
    proposed_dwellings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RegieView:
    """What the regisseur needs for regie: group, status, waiting, household; no name, no care
    details."""

    key: str
    target_group: str
    status: PersonStatus
    priority: int
    legal_urgency: bool
    household_size: int
    care_provider: str
    ready_since: date | None
    waiting_days: int


def corporation_view(uow: UnitOfWork, person: Person, contact: str,
                     corporation: str) -> CorporationCandidateView:
    proposed = tuple(dwellings_proposed_for(uow, person.key, corporation))
    return CorporationCandidateView(
        key=person.key, name=person.name, household_size=person.household_size,
        income_band=income_band(person, uow.clock.today().year),
        support_arranged=person.support_team is not None and person.needs_support,
        caseworker_contact=contact, status=person.status, proposed_dwellings=proposed,
    )


def regie_view(person: Person, on: date) -> RegieView:
    return RegieView(
        key=person.key, target_group=str(person.target_group), status=person.status,
        priority=person.priority, legal_urgency=person.legal_urgency,
        household_size=person.household_size, care_provider=person.care_provider,
        ready_since=person.ready_since, waiting_days=person.waiting_days(on),
    )


PersonView = Person | CorporationCandidateView | RegieView


def view_of(uow: UnitOfWork, principal: Principal, person: Person, on: date,
            contacts: dict[str, str] | None = None) -> PersonView:
    """The field-level view of `person` that `principal` may see (after the visibility check)."""
    if principal.role in (Role.TRAJECTBEGELEIDER, Role.OPERATOR):
        return person
    if principal.role is Role.VERHUURMAKELAAR:
        contact = (contacts or {}).get(person.care_provider, person.care_provider)
        return corporation_view(uow, person, contact, principal.organisation)
    if principal.role is Role.REGISSEUR:
        return regie_view(person, on)
    raise Forbidden()


def visible_keys_query(principal: Principal, action: Action, on: date, **filters: object):
    """`person_key_query` restricted to what the principal may see, plus the caller's filters."""
    from woonregie.store.security import person_key_query

    return person_key_query(**person_filter(principal, action, on), **filters)  # type: ignore[arg-type]


__all__: Sequence[str] = (
    "ACCOUNT_ROLES", "Action", "CorporationCandidateView", "Forbidden", "NotFound", "POLICY",
    "Principal", "Purpose", "RegieView", "Role", "Scope", "allowed", "dwellings_proposed_for",
    "require", "view_of", "visible_keys_query",
)
