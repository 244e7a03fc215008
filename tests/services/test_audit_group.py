"""Group commit of the audit entries of reads (services/audit_group.py): readers that finish
together are appended in one transaction; none is answered before its entry is committed, and
a failed append fails every reader of its batch. Writes keep their entry in their own
transaction."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest
from sqlalchemy import exc, text

from tests.web_support import seed
from woonregie.domain.status import PersonStatus
from woonregie.services import audit, audit_group, persons
from woonregie.services.accounts import principal_of
from woonregie.store.db import wrote
from woonregie.store.security import UserRepository
from woonregie.store.unit_of_work import UnitOfWork


def _uow(log: list[str], name: str):
    return SimpleNamespace(session=SimpleNamespace(commit=lambda: log.append(f"commit {name}")))


def _readers(group, n: int, append_rows, log: list[str]):
    """Start `n` readers (threads) appending one entry each; returns (threads, outcomes)."""
    outcomes: dict[int, str] = {}

    def read(i: int) -> None:
        try:
            group.append(_uow(log, f"r{i}"), [{"n": i}], append_rows)
            outcomes[i] = "ok"
        except Exception as error:  # noqa: BLE001 - the outcome is the assertion
            outcomes[i] = type(error).__name__

    threads = [threading.Thread(target=read, args=(i,)) for i in range(n)]
    return threads, outcomes


def test_readers_arriving_while_one_appends_go_together_in_the_next_append():
    group = audit_group.AuditGroup()
    first_inside, release = threading.Event(), threading.Event()
    appended: list[list[int]] = []
    log: list[str] = []

    def append_rows(_uow, entries):
        appended.append([e["n"] for e in entries])
        if len(appended) == 1:
            first_inside.set()
            assert release.wait(10)

    threads, outcomes = _readers(group, 5, append_rows, log)
    threads[0].start()
    assert first_inside.wait(10)  # reader 0 leads and is busy appending
    for t in threads[1:]:
        t.start()
    deadline = time.monotonic() + 10
    while len(group._queue) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert outcomes == {}  # nobody answered before its entry is committed
    release.set()
    for t in threads:
        t.join(10)
    assert outcomes == dict.fromkeys(range(5), "ok")
    assert appended[0] == [0] and sorted(appended[1]) == [1, 2, 3, 4]
    assert group.batches == 2 and len(log) == 2  # two transactions for five reads


@pytest.mark.parametrize("failure, seen", [
    (exc.TimeoutError("pool"), "TimeoutError"),  # busy: a 503 at the edges
    (ValueError("stuk"), "AuditAppendFailed"),
])
def test_a_failed_append_fails_every_reader_of_its_batch(failure, seen):
    group = audit_group.AuditGroup()
    inside, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def append_rows(_uow, entries):
        calls.append(len(entries))
        if len(calls) == 1:
            inside.set()
            assert release.wait(10)
            return
        raise failure

    log: list[str] = []
    threads, outcomes = _readers(group, 4, append_rows, log)
    threads[0].start()
    assert inside.wait(10)
    for t in threads[1:]:
        t.start()
    while len(group._queue) < 3:
        time.sleep(0.01)
    release.set()
    for t in threads:
        t.join(10)
    assert outcomes[0] == "ok"
    failed = {o for i, o in outcomes.items() if i}
    leader = type(failure).__name__  # the leader of the failed batch raises its own error
    assert failed == {seen, leader}
    assert group.batches == 2 and not group._flushing


def test_a_reader_that_waits_too_long_is_busy_and_leaves_the_queue():
    group = audit_group.AuditGroup(wait=0.2)
    inside, release = threading.Event(), threading.Event()

    def append_rows(_uow, _entries):
        inside.set()
        assert release.wait(10)

    log: list[str] = []
    threads, outcomes = _readers(group, 2, append_rows, log)
    threads[0].start()
    assert inside.wait(10)
    threads[1].start()
    threads[1].join(10)
    assert outcomes == {1: "TimeoutError"} and group._queue == []
    release.set()
    threads[0].join(10)
    assert outcomes[0] == "ok"


def _principal(uow, name):
    return principal_of(uow, UserRepository(uow.session).by_username(name))


def test_reads_append_as_a_group_and_writes_in_their_own_transaction(engine):
    seed(engine)
    before = audit_group.group_of(engine).batches
    with UnitOfWork(engine) as uow:
        persons.get_person(uow, _principal(uow, "trajectbegeleider-own"), "P-1")
    assert audit_group.group_of(engine).batches == before + 1
    with UnitOfWork(engine) as uow:
        who = _principal(uow, "trajectbegeleider-own")
        persons.change_status(uow, who, "P-1", PersonStatus.IN_VOORBEREIDING)
        assert uow.session is not None and not uow.session.in_transaction()
    assert audit_group.group_of(engine).batches == before + 1  # appended in its own commit
    with UnitOfWork(engine) as uow:
        assert audit.verify(uow).ok
        assert not wrote(uow.session)
        uow.session.execute(text("SELECT count(*) FROM audit_log"))
        assert not wrote(uow.session)
        uow.session.execute(text("DELETE FROM audit_log WHERE seq < 0"))
        assert wrote(uow.session)
