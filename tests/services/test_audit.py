"""The audit log: every person read/write leaves an entry; the chain shows tampering."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from tests.conftest import TEST_AUDIT_KEY
from tests.web_support import seed
from woonregie.domain.status import PersonStatus
from woonregie.services import audit, persons
from woonregie.services import audit_anchor as anchor
from woonregie.services.access import NotFound
from woonregie.services.accounts import principal_of
from woonregie.store.db import make_engine
from woonregie.store.guards import append_only_guard_lifted
from woonregie.store.security import AuditRepository, UserRepository
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


def test_rewriting_a_hash_to_match_breaks_its_signature(engine):
    """Recomputing the tampered entry's own hash does not help: its signature (made with a key
    outside the database) no longer fits, and the next entry points at the old hash."""
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
    assert (result.ok, result.first_broken) == (False, 1)
    assert "handtekening klopt niet" in result.reason


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


def test_an_appender_that_waited_for_the_chain_lock_reads_the_new_head(engine):
    """Two server processes (two engines): the second appender waits for the chain lock while
    the first commits, and must then link to the first's entry, not to the head it would have
    read before its wait (one chain, no fork, no duplicate sequence number)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the advisory chain lock is PostgreSQL's; SQLite has one write lock")
    seed(engine)
    other = make_engine(engine.url.render_as_string(hide_password=False))
    second: dict[str, object] = {}

    def append_second() -> None:
        with UnitOfWork(other) as uow:
            second["head"] = AuditRepository(uow.session).locked_head()

    with UnitOfWork(engine) as first:
        who = _principal(first, "trajectbegeleider-own")
        audit._append_rows(first, [{"actor": who.username, "organisation": who.organisation,
                                    "role": str(who.role), "action": "read",
                                    "entity": "person", "entity_key": "P-1",
                                    "purpose": str(who.purpose), "detail": {}}])
        waiter = threading.Thread(target=append_second)
        waiter.start()
        waiter.join(0.5)
        assert waiter.is_alive()  # it waits for the chain lock the first holds
        first.session.commit()
        head = AuditRepository(first.session).head()
        assert head is not None
        committed = (head.seq, head.hash)
    waiter.join(10)
    other.dispose()
    assert committed[0] == 1 and second["head"] == committed


# --- Anchoring outside the database (services/audit_anchor.py) ------------------------------


def _log_of(engine, reads: int) -> None:
    seed(engine)
    for _ in range(reads):
        with UnitOfWork(engine) as uow:
            persons.get_person(uow, _principal(uow, "trajectbegeleider-own"), "P-1")


def _recompute_chain_from(engine, seq: int, actor: str, mac: str | None = "keep") -> None:
    """What a database administrator without the key can do: edit entry `seq` and recompute
    every later hash and link, so the chain itself fits again."""
    with UnitOfWork(engine) as uow:
        rows = list(uow.session.scalars(select(AuditRow).order_by(AuditRow.seq)))
        prev = rows[seq - 2].hash if seq > 1 else audit.GENESIS
        updates = []
        for row in rows[seq - 1:]:
            fields = {name: getattr(row, name) for name in audit.HASHED_FIELDS}
            if row.seq == seq:
                fields["actor"] = actor
            digest = audit.entry_hash(fields, prev)
            updates.append({"s": row.seq, "a": fields["actor"], "p": prev, "h": digest,
                            "m": row.mac if mac == "keep" else mac})
            prev = digest
    with engine.begin() as conn, append_only_guard_lifted(conn):
        for u in updates:
            conn.execute(text("UPDATE audit_log SET actor = :a, prev_hash = :p, hash = :h, "
                              "mac = :m WHERE seq = :s"), u)


def test_full_recomputation_of_later_hashes_is_detected(engine):
    _log_of(engine, 5)
    _recompute_chain_from(engine, 2, "iemand-anders")
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert (result.ok, result.first_broken) == (False, 2)
    assert "keten herberekend zonder de sleutel" in result.message()


def test_dropping_the_signatures_too_is_detected(engine):
    _log_of(engine, 4)
    _recompute_chain_from(engine, 3, "iemand-anders", mac=None)
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert (result.ok, result.first_broken) == (False, 3)
    assert "handtekening ontbreekt" in result.reason


def test_truncation_is_detected_by_a_checkpoint_outside_the_database(engine, tmp_path):
    _log_of(engine, 5)
    with UnitOfWork(engine) as uow:
        point = audit.checkpoint(uow)
        assert point is not None and point.seq == 5 and point.path.exists()
        assert audit.verify(uow).ok
        assert "1 checkpoint(s) buiten de database kloppen" in audit.verify(uow).message()
    with engine.begin() as conn, append_only_guard_lifted(conn):
        conn.execute(text("DELETE FROM audit_log WHERE seq >= 4"))
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert (result.ok, result.checked, result.first_broken) == (False, 3, 4)
    assert "checkpoint 5" in result.reason and "nieuwste regels zijn verwijderd" in result.reason


def test_recomputation_with_the_key_still_differs_from_a_checkpoint(engine, monkeypatch):
    """Even someone holding the key cannot rewrite history already checkpointed."""
    _log_of(engine, 4)
    with UnitOfWork(engine) as uow:
        audit.checkpoint(uow)
    _recompute_chain_from(engine, 2, "iemand-anders")
    with UnitOfWork(engine) as uow:
        rows = list(uow.session.scalars(select(AuditRow).order_by(AuditRow.seq)))
        macs = [{"s": r.seq, "m": anchor.entry_mac(TEST_AUDIT_KEY.encode(), r.hash)}
                for r in rows]
    with engine.begin() as conn, append_only_guard_lifted(conn):
        for m in macs:
            conn.execute(text("UPDATE audit_log SET mac = :m WHERE seq = :s"), m)
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert (result.ok, result.first_broken) == (False, 4)
    assert "wijkt af van checkpoint 4" in result.reason


def test_a_forged_or_unreadable_checkpoint_is_reported(engine, tmp_path):
    _log_of(engine, 2)
    anchor.write_checkpoint(b"een-andere-sleutel", 2, "0" * 64, directory=tmp_path)
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow, checkpoint_dir=tmp_path)
    assert not result.ok and "ongeldige handtekening" in result.reason
    (tmp_path / "checkpoint-000000000002.json").write_text("{kapot")
    with UnitOfWork(engine) as uow:
        assert "onleesbaar" in audit.verify(uow, checkpoint_dir=tmp_path).reason


def test_without_the_key_signed_entries_cannot_be_vouched_for(engine, monkeypatch, tmp_path):
    _log_of(engine, 1)
    monkeypatch.delenv(anchor.KEY_ENV)
    monkeypatch.setenv(anchor.KEY_FILE_ENV, str(tmp_path / "geen.key"))
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert not result.ok and "sleutel ontbreekt" in result.reason


def test_entries_from_before_anchoring_are_accepted_only_at_the_start(engine):
    _log_of(engine, 3)
    with engine.begin() as conn, append_only_guard_lifted(conn):
        conn.execute(text("UPDATE audit_log SET mac = NULL WHERE seq = 1"))
    with UnitOfWork(engine) as uow:
        result = audit.verify(uow)
    assert result.ok and result.unsigned == 1
    assert "1 oudere regels van vóór de verankering" in result.message()


def test_the_development_key_file_is_made_once_and_private(monkeypatch, tmp_path):
    monkeypatch.delenv(anchor.KEY_ENV)
    monkeypatch.setenv(anchor.KEY_FILE_ENV, str(tmp_path / "sub" / "audit.key"))
    key, made = anchor.ensure_key()
    assert made == tmp_path / "sub" / "audit.key" and len(key) == 64
    assert made.stat().st_mode & 0o077 == 0
    assert anchor.ensure_key() == (key, None)
