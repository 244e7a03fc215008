"""One lock order (README "Concurrency"): a stored matching round against caseworkers changing
statuses at the same time never deadlocks on PostgreSQL. Before the audit chain was appended at
commit, the round held the chain's advisory lock while it waited for person rows, and a
caseworker held a person row while it waited for the chain: `DeadlockDetected` in 1 of 8 runs."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest

from tests.factories import small_region
from woonregie.domain.enums import HousingForm, OrgKind, TargetGroup
from woonregie.domain.errors import DomainError
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.status import PersonStatus
from woonregie.services import audit, persons
from woonregie.services import matching_rounds as mr
from woonregie.services.access import Principal, Role
from woonregie.services.region import write_region
from woonregie.store.db import SERVER, make_engine
from woonregie.store.unit_of_work import UnitOfWork

TODAY = date(2026, 1, 10)
REGISSEUR = Principal(1, "regisseur-test", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")
CASEWORKER = Principal(2, "tb-test", Role.TRAJECTBEGELEIDER, "ZA-A", OrgKind.ZORGAANBIEDER,
                       "GM9001")
PEOPLE, CASEWORKERS, ROUNDS = 60, 20, 6


def _busy_region():
    region = small_region()
    for i in range(PEOPLE):
        p = Person.register(date(2025, 1, 1), "ZA-A:jan", key=f"P-L{i:03d}", name=f"Lid {i}",
                            target_group=TargetGroup.BW_UITSTROOM, care_provider="ZA-A",
                            household_size=1, annual_income=18_000,
                            allowed_forms=frozenset({HousingForm.ZELFSTANDIG}),
                            acceptable_areas=("GM9001",))
        p.move_to(PersonStatus.IN_VOORBEREIDING, date(2025, 2, 1), "ZA-A:jan")
        p.move_to(PersonStatus.UITSTROOMKLAAR, date(2025, 3, 1), "ZA-A:jan")
        region.persons.append(p)
        region.dwellings.append(Dwelling(f"W-L{i:03d}", "WC-A", "BU90010201", 600.0, 2))
    return region


NEXT = {PersonStatus.UITSTROOMKLAAR: PersonStatus.IN_VOORBEREIDING,
        PersonStatus.IN_VOORBEREIDING: PersonStatus.UITSTROOMKLAAR,
        PersonStatus.VOORGEDRAGEN: PersonStatus.UITSTROOMKLAAR}


def _caseworker(engine, n: int, stop: threading.Event, failures: list[BaseException],
                done: list[int]) -> None:
    """Keep moving a few persons back and forth, as caseworkers do during a round."""
    i = 0
    while not stop.is_set():
        key = f"P-L{(n * 3 + i) % PEOPLE:03d}"
        i += 1
        try:
            with UnitOfWork(engine) as uow:
                person = uow.persons.get(key)
                target = NEXT.get(person.status) if person else None
                if target is None:
                    continue
                persons.change_status(uow, CASEWORKER, key, target, "test", TODAY)
                done.append(1)
        except DomainError:  # ConcurrentUpdate, an illegal move after someone else's: fine
            continue
        except BaseException as exc:  # noqa: BLE001 - a deadlock or anything else: reported
            failures.append(exc)
            return


@pytest.mark.postgres
def test_stored_rounds_and_twenty_caseworkers_do_not_deadlock(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("row locks and the advisory chain lock are PostgreSQL's")
    with UnitOfWork(engine) as uow:
        write_region(uow, _busy_region())
        uow.commit()
    # The server's timeouts; a connection for every thread (pool sizing is not the point here).
    limits = replace(SERVER, pool_size=CASEWORKERS + 2, max_overflow=0)
    server = make_engine(engine.url.render_as_string(hide_password=False), limits)
    stop, failures, done = threading.Event(), [], []
    workers = [threading.Thread(target=_caseworker, args=(server, n, stop, failures, done))
               for n in range(CASEWORKERS)]
    outcomes = []
    try:
        for w in workers:
            w.start()
        for _ in range(ROUNDS):
            try:
                with UnitOfWork(server) as uow:
                    outcomes.append(mr.run_round(uow, today=TODAY, actor=REGISSEUR).housed)
            except mr.RoundConflict:
                outcomes.append("conflict")
    finally:
        stop.set()
        for w in workers:
            w.join(60)
        server.dispose()
    assert not failures, failures[:3]
    assert not any(w.is_alive() for w in workers)
    assert len(outcomes) == ROUNDS and done, (outcomes, len(done))
    with UnitOfWork(engine) as uow:
        assert audit.verify(uow).ok
