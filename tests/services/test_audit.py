"""The audit log: every person read/write leaves an entry; the chain shows tampering."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from tests.web_support import seed
from woonregie.domain.status import PersonStatus
from woonregie.services import audit, persons
from woonregie.services.access import NotFound
from woonregie.services.accounts import principal_of
from woonregie.store.guards import append_only_guard_lifted
from woonregie.store.security import UserRepository
from woonregie.store.tables import AuditRow
from woonregie.store.unit_of_work import UnitOfWork


def _principal(uow, name):
    return principal_of(uow, UserRepository(uow.session).by_username(name))


def _entries(engine):
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT seq, actor, action, entity_key, purpose FROM audit_log ORDER BY seq"
        )).all()


def _work(engine):
    """A read, a write and a failed (foreign) read."""
    seed(engine)
    with UnitOfWork(engine) as uow:
        persons.get_person(uow, _principal(uow, "trajectbegeleider-own"), "P-1")
    with UnitOfWork(engine) as uow:
        persons.change_status(uow, _principal(uow, "trajectbegeleider-own"), "P-1",
                              PersonStatus.IN_VOORBEREIDING)
    with UnitOfWork(engine) as uow, pytest.raises(NotFound):
        persons.get_person(uow, _principal(uow, "trajectbegeleider-other"), "P-1")


def test_reads_and_writes_are_logged_with_who_what_and_why(engine):
    _work(engine)
    rows = _entries(engine)
    assert [(r.actor, r.action, r.entity_key, r.purpose) for r in rows] == [
        ("trajectbegeleider-own", "read", "P-1", "begeleiding"),
        ("trajectbegeleider-own", "status", "P-1", "begeleiding"),
    ]
    with UnitOfWork(engine) as uow:
        assert audit.verify(uow).ok


def test_tampering_with_one_entry_is_detected_and_named(engine):
    _work(engine)
    with UnitOfWork(engine) as uow:
        persons.list_persons(uow, _principal(uow, "regisseur-own"))
    # Someone with database access lifts the guard and rewrites entry 2.
    with engine.begin() as conn, append_only_guard_lifted(conn):
        conn.execute(text("UPDATE audit_log SET actor = 'iemand-anders' WHERE seq = 2"))
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert not result.ok
    assert result.first_broken == 2
    assert "regel 2" in result.message()


def test_deleting_an_entry_is_detected_and_named(engine):
    _work(engine)
    with UnitOfWork(engine) as uow:
        persons.list_persons(uow, _principal(uow, "regisseur-own"))
    with engine.begin() as conn, append_only_guard_lifted(conn):
        conn.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert (result.ok, result.first_broken) == (False, 2)


def test_rewriting_a_hash_to_match_breaks_the_next_link(engine):
    """Recomputing the tampered entry's own hash does not help: the next entry points at the
    old one."""
    _work(engine)
    with UnitOfWork(engine) as uow:
        persons.list_persons(uow, _principal(uow, "regisseur-own"))
    with UnitOfWork(engine) as uow:
        row = uow.session.get(AuditRow, 1)
        fields = {name: getattr(row, name) for name in audit.HASHED_FIELDS}
        new_hash = audit.entry_hash(fields | {"actor": "iemand-anders"}, row.prev_hash)
    with engine.begin() as conn, append_only_guard_lifted(conn):
        conn.execute(text("UPDATE audit_log SET actor = 'iemand-anders', hash = :h "
                          "WHERE seq = 1"), {"h": new_hash})
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert (result.ok, result.first_broken) == (False, 2)


def test_the_database_refuses_updates_and_deletes(engine):
    _work(engine)
    for sql in ("UPDATE audit_log SET actor = 'x' WHERE seq = 1",
                "DELETE FROM audit_log WHERE seq = 1"):
        with pytest.raises(DBAPIError), engine.begin() as conn:
            conn.execute(text(sql))
    assert len(_entries(engine)) == 2


def test_concurrent_appends_keep_one_chain(engine):
    seed(engine)
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(5):
                with UnitOfWork(engine) as uow:
                    persons.get_person(uow, _principal(uow, "trajectbegeleider-own"), "P-1")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert result.ok and result.checked == 20
