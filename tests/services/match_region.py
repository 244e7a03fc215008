"""A region for match tests: four ready people of one care provider, four free dwellings of one
corporation, every legal basis recorded (regie for the gemeente, bemiddeling for the
corporation), so what the corporation sees is decided by live matches alone. The fixtures
`clock` (a fake clock on START) and `loaded` (the region in an empty database) are the match
tests' shared setup: a test module imports them by name."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from tests.factories import small_region
from tests.workflow_support import actors_for
from woonregie.domain.clock import FakeClock
from woonregie.domain.enums import DwellingStatus, OrgKind, TargetGroup
from woonregie.domain.model import Dwelling, Person, Region
from woonregie.domain.status import PersonStatus
from woonregie.services.access import Principal, Role
from woonregie.services.region import write_region
from woonregie.store.security import ConsentRepository
from woonregie.store.unit_of_work import UnitOfWork

START = date(2026, 1, 5)
PERSONS = ("P-1", "P-2", "P-3", "P-4")
DWELLINGS = ("W-1", "W-2", "W-3", "W-4")
REGISSEUR = Principal(1, "regisseur-test", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE,
                      "GM9001")
CASEWORKER = Principal(2, "begeleider-test", Role.TRAJECTBEGELEIDER, "ZA-A",
                       OrgKind.ZORGAANBIEDER)
CORPORATION = Principal(3, "makelaar-test", Role.VERHUURMAKELAAR, "WC-A",
                        OrgKind.WONINGCORPORATIE)
ACTORS = actors_for("ZA-A", CORPORATION, REGISSEUR)
"""Who takes each party's steps in the workflow."""


def _ready(key: str) -> Person:
    p = Person.register(date(2025, 1, 6), "ZA-A:t", key=key, name=f"Client {key}",
                        target_group=TargetGroup.DAKLOOS, care_provider="ZA-A",
                        household_size=1, annual_income=14_000)
    p.move_to(PersonStatus.IN_VOORBEREIDING, date(2025, 2, 3), "ZA-A:t")
    p.move_to(PersonStatus.UITSTROOMKLAAR, date(2025, 6, 2), "ZA-A:t")
    return p


def match_region() -> Region:
    region = small_region()
    region.persons = [_ready(key) for key in PERSONS]
    region.dwellings = [Dwelling(code, "WC-A", "BU90010201", 520.0 + 10 * i, 2,
                                 status=DwellingStatus.VRIJ)
                        for i, code in enumerate(DWELLINGS)]
    region.areas = [a for a in region.areas]
    for a in region.areas:
        a.cap = None
    region.complexes = []
    return region


def load(uow: UnitOfWork) -> None:
    """Write the region and every legal basis (no commit)."""
    write_region(uow, match_region())
    assert uow.session is not None
    consents = ConsentRepository(uow.session)
    for key in PERSONS:
        for purpose, party in (("regie", "GEM-VW"), ("bemiddeling", "WC-A")):
            consents.add(person=key, purpose=purpose, party=party, legal_basis="toestemming",
                         valid_from=date(2025, 1, 1), valid_until=None, recorded_by="test",
                         recorded_at=datetime(2025, 1, 1))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock.on(START)


@pytest.fixture
def loaded(engine: Engine, clock: FakeClock) -> Engine:
    """The region and its legal bases in an empty database (of each kind)."""
    with UnitOfWork(engine, clock) as uow:
        load(uow)
        uow.commit()
    return engine
