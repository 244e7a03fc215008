"""A running placement for API and page tests of signals and three-party agreements: P-1 rents
W-4 (WC-A) through Woonregie, optionally with consent for signal exchange with WC-A."""

from __future__ import annotations

import itertools
from datetime import date, datetime

from sqlalchemy import Engine

from tests.workflow_support import actors_for, walk
from woonregie.domain.clock import Clock, FakeClock
from woonregie.domain.enums import HousingForm, TargetGroup
from woonregie.domain.model import Person
from woonregie.domain.placement import Placement
from woonregie.domain.signal import Signal, SignalKind
from woonregie.domain.status import PersonStatus
from woonregie.services import matches
from woonregie.services.access import Principal
from woonregie.services.signals import new_key
from woonregie.store.agreement_repository import AgreementDocumentRepository
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork

HOUSED_ON = date(2025, 11, 3)


def consent_to_signals(uow: UnitOfWork, person: str, since: date,
                       corporation: str = "WC-A") -> None:
    """The tenant's consent for signal exchange with the corporation (no commit)."""
    ConsentRepository(uow.session).add(
        person=person, purpose="signalering", party=corporation, legal_basis="toestemming",
        valid_from=since, valid_until=None, recorded_by="test",
        recorded_at=datetime.combine(since, datetime.min.time()))


def house(engine: Engine, person: str = "P-1", dwelling: str = "W-4",
          consent: bool = True) -> None:
    with UnitOfWork(engine) as uow:
        uow.placements.add_all([Placement(person, dwelling, "WC-A", "GM9001", "BU90010201",
                                          None, HousingForm.KAMER, TargetGroup.BW_UITSTROOM,
                                          HOUSED_ON)])
        if consent:
            consent_to_signals(uow, person, HOUSED_ON)
        uow.commit()


def housed(engine: Engine) -> dict[str, str]:
    """P-1 rents W-4 (once per test database); the body naming that dwelling."""
    with UnitOfWork(engine) as uow:
        running = uow.placements.running(dwelling="W-4")
    if running is None:
        house(engine)
    return {"dwelling": "W-4"}


def fresh_signal(engine: Engine) -> str:
    """A new open signal of WC-A about P-1 in W-4, sent to ZA-A: its key."""
    housed(engine)
    with UnitOfWork(engine) as uow:
        signal = Signal.raise_(new_key(), person="P-1", dwelling="W-4", corporation="WC-A",
                               care_provider="ZA-A", gemeente="GM9001", gemeente_org="GEM-VW",
                               consent=True, kind=SignalKind.OVERLAST, on=HOUSED_ON,
                               by="test", acknowledge_days=5)
        signal.events.clear()
        uow.signals.add(signal)
        uow.commit()
    return signal.key


def agreement_key(engine: Engine, key: str = "M-SEED") -> str:
    """A stored driepartijenovereenkomst of the seed's match (P-1, WC-A, ZA-A, GM9001)."""
    with UnitOfWork(engine) as uow:
        documents = AgreementDocumentRepository(uow.session)
        if documents.get(key) is None:
            documents.add(match_key=key, person="P-1", corporation="WC-A",
                          care_provider="ZA-A", gemeente="GM9001", generated_on=HOUSED_ON,
                          html="<html><body><h1>Driepartijenovereenkomst</h1></body></html>")
            uow.commit()
    return key


_returning = itertools.count(1)


def fresh_housed_person(engine: Engine) -> str:
    """A new client of ZA-A, housed in W-4 since HOUSED_ON: its key (for return routes)."""
    key = f"P-R{next(_returning)}"
    person = Person.register(date(2024, 1, 8), "test", key=key, name=f"Terugkeer {key}",
                             target_group=TargetGroup.MO_UITSTROOM, care_provider="ZA-A",
                             household_size=1, annual_income=15_000)
    for target in (PersonStatus.IN_VOORBEREIDING, PersonStatus.UITSTROOMKLAAR,
                   PersonStatus.VOORGEDRAGEN, PersonStatus.GEHUISVEST):
        person.move_to(target, HOUSED_ON, "test")
    with UnitOfWork(engine) as uow:
        uow.persons.add(person)
        uow.placements.add_all([Placement(key, "W-4", "WC-A", "GM9001", "BU90010201", None,
                                          HousingForm.KAMER, TargetGroup.MO_UITSTROOM,
                                          HOUSED_ON)])
        uow.commit()
    return key


def sign_contract(engine: Engine, clock: Clock | None, person: str, dwelling: str,
                  regisseur: Principal, corporation: Principal, days: int = 0) -> str:
    """Propose `person` for `dwelling` by hand and, `days` later (the clock moves on), walk the
    workflow to the signed tenancy (support confirmed by the person's care provider, offer,
    viewing, acceptance, signature): a placement and its driepartijenovereenkomst. The one
    place the tests of signals, agreements and returns reach a signed contract. Returns the
    match key."""
    with UnitOfWork(engine, clock) as uow:
        match = matches.propose_by_hand(uow, regisseur, person, dwelling, "test")
        care_provider = uow.persons.get(person).care_provider
    if days and isinstance(clock, FakeClock):
        clock.advance(days)
    walk(engine, clock, match.key, actors_for(care_provider, corporation, regisseur))
    return match.key
