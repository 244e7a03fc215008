"""Legal basis and consent (grondslag en toestemming) for sharing a person's data.

Recorded per person, per purpose and per party organisation, with a validity period (AVG/GDPR
art. 6 and 9). Without a valid basis for its purpose, another party sees nothing of the person
(see access.py, SHARED scopes). The care provider, which holds the care relationship, records
and ends them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from woonregie.domain.enums import OrgKind
from woonregie.domain.errors import DomainError
from woonregie.domain.model import Region
from woonregie.domain.vocabulary import Vocabulary
from woonregie.sample.signals import has_signal_consent
from woonregie.services import audit
from woonregie.services.access import (
    Action,
    NotFound,
    Principal,
    Purpose,
    can_see_person,
    require,
)
from woonregie.store import tables as t
from woonregie.store.repositories import insert_chunked
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork


class LegalBasis(Vocabulary):
    """Grounds for processing special-category data (AVG art. 6 and 9)."""

    # public task + health/social care (Wmo)
    PUBLIEKE_TAAK_ZORG = "avg_6_1_e_9_2_h", "Publieke taak en zorg (AVG 6.1e en 9.2h)"
    # legal obligation + substantial public interest
    WETTELIJKE_PLICHT = "avg_6_1_c_9_2_g", "Wettelijke plicht (AVG 6.1c en 9.2g)"
    # explicit consent, art. 6(1)(a) + 9(2)(a)
    TOESTEMMING = "toestemming", "Uitdrukkelijke toestemming (AVG 6.1a en 9.2a)"


PARTY_KINDS: dict[Purpose, OrgKind] = {
    Purpose.BEMIDDELING: OrgKind.WONINGCORPORATIE,
    Purpose.REGIE: OrgKind.GEMEENTE,
    # the tenant's consent that the corporation passes signals to the care provider
    Purpose.SIGNALERING: OrgKind.WONINGCORPORATIE,
}
"""The purposes data can be shared for, and the kind of organisation each one shares with."""


class ConsentError(DomainError):
    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True, slots=True)
class Basis:
    id: int
    person: str
    purpose: str
    party: str
    legal_basis: str
    valid_from: date
    valid_until: date | None
    recorded_by: str


def _check_own(uow: UnitOfWork, principal: Principal, key: str, action: Action) -> None:
    require(principal, action)
    if not can_see_person(uow, principal, key, Action.PERSON_READ, uow.clock.today()):
        raise NotFound("Persoon")


def list_bases(uow: UnitOfWork, principal: Principal, key: str) -> list[Basis]:
    _check_own(uow, principal, key, Action.CONSENT_READ)
    assert uow.session is not None
    rows = ConsentRepository(uow.session).for_person(key)
    audit.record(uow, principal, "read", "consent", key)
    uow.commit()
    return [Basis(r.id, r.person, r.purpose, r.party, r.legal_basis, r.valid_from,
                  r.valid_until, r.recorded_by) for r in rows]


def record_basis(uow: UnitOfWork, principal: Principal, key: str, purpose: str, party: str,
                 legal_basis: str, valid_from: date,
                 valid_until: date | None = None) -> Basis:
    """Record a basis for sharing `key`'s data with `party` for `purpose`; commits."""
    _check_own(uow, principal, key, Action.CONSENT_WRITE)
    try:
        the_purpose = Purpose(purpose)
        kind = PARTY_KINDS[the_purpose]
    except (ValueError, KeyError):
        raise ConsentError("purpose", "kies bemiddeling, regie of signalering") from None
    org = uow.organisations.get(party)
    if org is None or OrgKind(org.kind) != kind:
        raise ConsentError("party", f"moet een bestaande {kind} zijn")
    try:
        LegalBasis(legal_basis)
    except ValueError:
        raise ConsentError("legal_basis", "onbekende grondslag") from None
    if valid_until is not None and valid_until < valid_from:
        raise ConsentError("valid_until", "ligt voor de begindatum")
    assert uow.session is not None
    basis_id = ConsentRepository(uow.session).add(
        person=key, purpose=str(the_purpose), party=party, legal_basis=legal_basis,
        valid_from=valid_from, valid_until=valid_until, recorded_by=principal.username,
        recorded_at=uow.clock.now(),
    )
    audit.record(uow, principal, "consent", "person", key,
                 {"purpose": str(the_purpose), "party": party, "legal_basis": legal_basis})
    uow.commit()
    return Basis(basis_id, key, str(the_purpose), party, legal_basis, valid_from, valid_until,
                 principal.username)


def end_basis(uow: UnitOfWork, principal: Principal, key: str, basis_id: int) -> None:
    """End a basis today (consent withdrawn): the party loses sight from tomorrow on."""
    _check_own(uow, principal, key, Action.CONSENT_WRITE)
    assert uow.session is not None
    if not ConsentRepository(uow.session).end(basis_id, key, uow.clock.today()):
        raise NotFound("Grondslag")
    audit.record(uow, principal, "consent_end", "person", key, {"basis": basis_id})
    uow.commit()


def _regie_gemeenten(region: Region) -> dict[str, list[str]]:
    """Per care provider, the gemeente organisations with regie over its clients: those seated
    in the provider's gemeente (the centrumgemeente for BW/MO), else every gemeente."""
    gemeenten = [o for o in region.organisations if o.kind == OrgKind.GEMEENTE]
    by_provider = {}
    for o in region.organisations:
        if o.kind == OrgKind.ZORGAANBIEDER:
            seated = [g.code for g in gemeenten if g.gemeente == o.gemeente]
            by_provider[o.code] = seated or [g.code for g in gemeenten]
    return by_provider


def create_demo_sharing(uow: UnitOfWork, region: Region, on: date | None = None) -> None:
    """Demo data only: a regie basis (public task) with every gemeente for every person, and
    for each live match of the region (the sample pairs every voorgedragen person with a
    voorgedragen dwelling) consent for bemiddeling with that dwelling's corporation. No commit."""
    assert uow.session is not None
    on = on or uow.clock.today()
    since = date(on.year - 1, 1, 1)
    now = uow.clock.now()
    consents = ConsentRepository(uow.session)
    regie = _regie_gemeenten(region)
    rows = [
        {
            "person": p.key, "purpose": str(Purpose.REGIE), "party": g,
            "legal_basis": str(LegalBasis.PUBLIEKE_TAAK_ZORG), "valid_from": since,
            "valid_until": None, "recorded_by": "demo", "recorded_at": now,
        }
        for p in region.persons
        for g in regie.get(p.care_provider, ())
    ]
    insert_chunked(uow.session, t.ConsentRow, rows)
    insert_chunked(uow.session, t.ConsentRow, [
        {"person": p.person, "purpose": str(Purpose.SIGNALERING), "party": p.corporation,
         "legal_basis": str(LegalBasis.TOESTEMMING), "valid_from": p.start, "valid_until": None,
         "recorded_by": "demo", "recorded_at": now}
        for p in region.placements if p.end is None and has_signal_consent(p.person)])
    corporation = {d.code: d.corporation for d in region.dwellings}
    for match in region.matches:
        consents.add(person=match.person, purpose=str(Purpose.BEMIDDELING),
                     party=corporation[match.dwelling], legal_basis=str(LegalBasis.TOESTEMMING),
                     valid_from=since, valid_until=None, recorded_by="demo", recorded_at=now)
