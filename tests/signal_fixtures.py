"""A running placement for API and page tests of signals and three-party agreements: P-1 rents
W-4 (WC-A) through Woonregie, optionally with consent for signal exchange with WC-A."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine

from woonregie.domain.enums import HousingForm, TargetGroup
from woonregie.domain.placement import Placement
from woonregie.domain.signal import Signal, SignalKind
from woonregie.services.signals import new_key
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork

HOUSED_ON = date(2025, 11, 3)


def house(engine: Engine, person: str = "P-1", dwelling: str = "W-4",
          consent: bool = True) -> None:
    with UnitOfWork(engine) as uow:
        uow.placements.add_all([Placement(person, dwelling, "WC-A", "GM9001", "BU90010201",
                                          None, HousingForm.KAMER, TargetGroup.BW_UITSTROOM,
                                          HOUSED_ON)])
        if consent:
            ConsentRepository(uow.session).add(
                person=person, purpose="signalering", party="WC-A", legal_basis="toestemming",
                valid_from=HOUSED_ON, valid_until=None, recorded_by="test",
                recorded_at=datetime(2025, 11, 3))
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
