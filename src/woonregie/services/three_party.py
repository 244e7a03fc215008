"""Use cases on the driepartijenovereenkomst (three-party agreement): generate it when the
contract is signed, read it as HTML or PDF (the three parties only, audited), and let the
regisseur keep the gemeente's own template.

The agreement is generated once, in the signing transaction (a handler of `TenancySigned`), and
stored as HTML: what the parties sign does not change when a template or a record changes later.
The PDF is printed from that HTML on request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from woonregie.documents import agreement as doc
from woonregie.documents.pdf import to_pdf
from woonregie.domain.enums import SupportIntensity
from woonregie.domain.errors import DomainError
from woonregie.domain.events import TenancySigned
from woonregie.domain.model import Person
from woonregie.domain.placement import Placement
from woonregie.domain.signal import SignalKind
from woonregie.domain.status import PersonStatus
from woonregie.domain.three_party import taper
from woonregie.domain.vocabulary import label_of
from woonregie.services import audit
from woonregie.services.access import Action, NotFound, Principal, Purpose, Role, require
from woonregie.services.signal_rules import acknowledge_days, signal_consent
from woonregie.store.agreement_repository import A, AgreementDocumentRepository, visible_to
from woonregie.store.security import ConsentRepository, UserRepository
from woonregie.store.unit_of_work import UnitOfWork


class TemplateRefused(DomainError):
    """A template the regisseur uploads that does not render (names the field `body`)."""

    field = "body"


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    match: str
    tenant: str
    dwelling: str
    address: str
    corporation: str
    care_provider: str
    generated_on: date


def _documents(uow: UnitOfWork) -> AgreementDocumentRepository:
    assert uow.session is not None
    return AgreementDocumentRepository(uow.session)


def _display_name(uow: UnitOfWork, username: str) -> str:
    assert uow.session is not None
    user = UserRepository(uow.session).by_username(username)
    return (user.display_name or user.username) if user is not None else username


def _care_contact(uow: UnitOfWork, person: Person) -> str:
    """The caseworker who judged the person ready to move (the one who knows them)."""
    for change in reversed(person.history):
        if change.target == PersonStatus.UITSTROOMKLAAR:
            return _display_name(uow, change.by)
    return ""


def _consent_since(uow: UnitOfWork, person: str, corporation: str, on: date) -> date | None:
    assert uow.session is not None
    if not signal_consent(uow, person, corporation, on):
        return None
    rows = ConsentRepository(uow.session).for_person(person)
    return min(r.valid_from for r in rows
               if r.purpose == str(Purpose.SIGNALERING) and r.party == corporation)


@dataclass(frozen=True, slots=True)
class SupportPlan:
    """The support plan the agreement prints: intensity, team, start and contact."""

    intensity: SupportIntensity
    team: str | None
    start: date
    contact: str
    tenancy_start: date  # the offer's start date (aangeboden), else the signing date


def support_plan(uow: UnitOfWork, placement: Placement, person: Person) -> SupportPlan:
    """The plan the care provider confirmed in the workflow (begeleiding_bevestigd: the
    match's step details), else what the person's record says, starting with the tenancy."""
    match = uow.matches.get(placement.match) if placement.match else None
    details_of = getattr(match, "details_of", None)
    confirmed = dict(details_of("begeleiding_bevestigd")) if details_of else {}
    offer = dict(details_of("aangeboden")) if details_of else {}
    start, tenancy = confirmed.get("support_start"), offer.get("start")
    return SupportPlan(
        SupportIntensity(confirmed.get("intensity") or person.support_intensity),
        confirmed.get("team") or person.support_team,
        date.fromisoformat(start) if start else placement.start,
        confirmed.get("contact") or _care_contact(uow, person),
        date.fromisoformat(tenancy) if tenancy else placement.start)


def facts(uow: UnitOfWork, placement: Placement, signed_by: str, on: date) -> dict[str, Any]:
    """What the template is filled with (documented in docs/driepartijenovereenkomst.md)."""
    person, dwelling = uow.persons.get(placement.person), uow.dwellings.get(placement.dwelling)
    if person is None or dwelling is None:
        raise NotFound("Plaatsing")
    names = {o.code: o.name for o in uow.organisations.list()}
    plan = support_plan(uow, placement, person)
    team = uow.teams.get(plan.team) if plan.team else None
    buurt, gemeente = uow.areas.get(placement.buurt), uow.areas.get(placement.gemeente)
    phases = taper(plan.intensity, plan.start)
    since = _consent_since(uow, person.key, placement.corporation, on)
    return {
        "agreement": {"key": placement.match or "", "generated_on": on,
                      "gemeente": gemeente.name if gemeente else placement.gemeente},
        "tenant": {"name": person.name, "key": person.key,
                   "household_size": person.household_size},
        "corporation": {"name": names.get(placement.corporation, placement.corporation),
                        "contact": _display_name(uow, signed_by)},
        "care_provider": {"name": names.get(person.care_provider, person.care_provider),
                          "contact": plan.contact, "team": team.name if team else ""},
        "dwelling": {"code": dwelling.code, "address": dwelling.address,
                     "buurt": buurt.name if buurt else dwelling.buurt, "rent": dwelling.rent,
                     "rooms": dwelling.rooms, "housing_form": label_of(dwelling.housing_form)},
        "start": plan.tenancy_start,
        "support": {"intensity": label_of(plan.intensity), "start": plan.start,
                    "phases": [{"intensity": label_of(p.intensity), "start": p.start,
                                "end": p.end} for p in phases],
                    "ends_on": phases[-1].end if phases else None},
        "signal_rules": [{"kind": label_of(kind), "days": days} for kind, days
                         in acknowledge_days(uow, placement.gemeente).items()],
        "consent": {"signalering": since is not None, "since": since},
    }


def generate(uow: UnitOfWork, placement: Placement, signed_by: str, on: date) -> str:
    """Render and store the agreement of a placement made by a match (no commit)."""
    assert placement.match is not None
    person = uow.persons.get(placement.person)
    assert person is not None
    documents = _documents(uow)
    html = doc.render(facts(uow, placement, signed_by, on),
                      documents.template(placement.gemeente))
    documents.add(match_key=placement.match, person=placement.person,
                  corporation=placement.corporation, care_provider=person.care_provider,
                  gemeente=placement.gemeente, generated_on=on, html=html)
    return html


def generate_on_signing(event: TenancySigned, uow: UnitOfWork, actor: Principal) -> None:
    """Handler of TenancySigned (after the placement is written): the agreement, audited."""
    placement = next(p for p in uow.placements.list(person=event.person)
                     if p.match == event.match)
    try:
        generate(uow, placement, event.by, event.on)
    except doc.TemplateRefused as exc:  # a template that once passed `check` but not now
        raise TemplateRefused(f"driepartijenovereenkomst: {exc}") from None
    audit.record(uow, actor, "create", "tenancy_agreement", event.match,
                 {"person": event.person})


def _filter(principal: Principal):
    require(principal, Action.TENANCY_AGREEMENT_READ)
    if principal.role is Role.VERHUURMAKELAAR:
        return visible_to(corporation=principal.organisation)
    if principal.role is Role.TRAJECTBEGELEIDER:
        return visible_to(care_provider=principal.organisation)
    return visible_to(gemeente=principal.gemeente)


def _visible(uow: UnitOfWork, principal: Principal, match_key: str):
    found = _documents(uow).find([_filter(principal), A.match_key == match_key], limit=1)
    if not found:
        raise NotFound("Driepartijenovereenkomst")
    return found[0]


def agreement_html(uow: UnitOfWork, principal: Principal, match_key: str) -> str:
    row = _visible(uow, principal, match_key)
    audit.record(uow, principal, "read", "tenancy_agreement", match_key,
                 {"person": row.person, "format": "html"})
    uow.commit()
    return row.html


def agreement_pdf(uow: UnitOfWork, principal: Principal, match_key: str) -> bytes:
    row = _visible(uow, principal, match_key)
    audit.record(uow, principal, "read", "tenancy_agreement", match_key,
                 {"person": row.person, "format": "pdf"})
    uow.commit()
    return to_pdf(row.html)


def list_agreements(uow: UnitOfWork, principal: Principal) -> list[AgreementSummary]:
    rows = _documents(uow).find([_filter(principal)])
    out = []
    for row in rows:
        person = uow.persons.get(row.person)
        match = uow.matches.get(row.match_key)
        dwelling = uow.dwellings.get(match.dwelling) if match else None
        out.append(AgreementSummary(row.match_key, person.name if person else "",
                                    dwelling.code if dwelling else "",
                                    dwelling.address if dwelling else "", row.corporation,
                                    row.care_provider, row.generated_on))
    if rows:
        audit.record(uow, principal, "list", "tenancy_agreement", None,
                     {"keys": [r.match_key for r in rows]})
    uow.commit()
    return out


# --- the gemeente's own template --------------------------------------------------------------


def template_of(uow: UnitOfWork, principal: Principal) -> tuple[str, bool]:
    """The template the regisseur's gemeente uses, and whether it is its own."""
    require(principal, Action.TENANCY_TEMPLATE_EDIT)
    own = _documents(uow).template(principal.gemeente or "")
    return (own, True) if own is not None else (doc.default_template(), False)


def example_facts() -> dict[str, Any]:
    """Made-up facts a template must render before it is stored."""
    start = date(2026, 3, 1)
    phases = taper(SupportIntensity.INTENSIEF, start)
    return {
        "agreement": {"key": "M-VOORBEELD", "generated_on": start, "gemeente": "Voorbeeld"},
        "tenant": {"name": "A. Voorbeeld", "key": "P-0", "household_size": 1},
        "corporation": {"name": "Corporatie", "contact": "Verhuurmakelaar"},
        "care_provider": {"name": "Zorgaanbieder", "contact": "Trajectbegeleider",
                          "team": "Team"},
        "dwelling": {"code": "W-0", "address": "Voorbeeldstraat 1", "buurt": "Centrum",
                     "rent": 612.5, "rooms": 2, "housing_form": "Zelfstandige woning"},
        "start": start,
        "support": {"intensity": "Intensief", "start": start,
                    "phases": [{"intensity": label_of(p.intensity), "start": p.start,
                                "end": p.end} for p in phases],
                    "ends_on": phases[-1].end},
        "signal_rules": [{"kind": label_of(k), "days": 5} for k in SignalKind],
        "consent": {"signalering": True, "since": start},
    }


def save_template(uow: UnitOfWork, principal: Principal, body: str) -> None:
    """Store the gemeente's own template after it rendered the example facts."""
    require(principal, Action.TENANCY_TEMPLATE_EDIT)
    if principal.gemeente is None:
        raise NotFound("Gemeente")
    try:
        doc.check(body, example_facts())
    except doc.TemplateRefused as exc:
        raise TemplateRefused(f"body: {exc}") from None
    _documents(uow).set_template(principal.gemeente, body, principal.username, uow.clock.now())
    audit.record(uow, principal, "update", "agreement_template", principal.gemeente,
                 {"chars": len(body)})
    uow.commit()


def reset_template(uow: UnitOfWork, principal: Principal) -> None:
    """Back to the shipped default template."""
    require(principal, Action.TENANCY_TEMPLATE_EDIT)
    if _documents(uow).drop_template(principal.gemeente or ""):
        audit.record(uow, principal, "update", "agreement_template", principal.gemeente,
                     {"default": True})
    uow.commit()
