"""Engine behaviour under concurrency: SQLite reads take no lock and writes take it at their
first write; every wait is bounded and recognised as "busy" (a 503 at the edges)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine, text

from woonregie.store import db
from woonregie.store.db import SERVER, is_busy, make_engine

SHORT = replace(SERVER, lock_timeout=0.3)


def _sqlite(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's locking")


def test_a_read_transaction_does_not_wait_for_the_writer(engine: Engine):
    _sqlite(engine)
    other = make_engine(engine.url.render_as_string(hide_password=False), SHORT)
    with engine.connect() as writer, other.connect() as reader:
        writer.execute(text("INSERT INTO areas (code, name, level, parent) "
                            "VALUES ('GM1', 'Een', 'gemeente', NULL)"))  # holds the lock
        assert reader.execute(text("SELECT count(*) FROM areas")).scalar() == 0
        with pytest.raises(Exception) as caught:  # its first write waits, boundedly
            reader.execute(text("DELETE FROM areas WHERE code = 'nope'"))
        assert is_busy(caught.value)
        writer.commit()
    other.dispose()


def test_the_first_write_sees_what_was_committed_meanwhile(engine: Engine):
    """The read snapshot ends at the first write (READ COMMITTED, as on PostgreSQL)."""
    _sqlite(engine)
    with engine.connect() as a, engine.connect() as b:
        assert a.execute(text("SELECT count(*) FROM areas")).scalar() == 0
        b.execute(text("INSERT INTO areas (code, name, level, parent) "
                       "VALUES ('GM1', 'Een', 'gemeente', NULL)"))
        b.commit()
        a.execute(text("UPDATE areas SET name = 'Twee' WHERE code = 'GM1'"))
        assert a.execute(text("SELECT name FROM areas")).scalar() == "Twee"
        a.commit()


def test_postgresql_connections_carry_the_bounds(engine: Engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL settings")
    server = make_engine(engine.url.render_as_string(hide_password=False), SERVER)
    with server.connect() as conn:
        shown = {name: conn.execute(text(f"SHOW {name}")).scalar() for name in
                 ("lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout")}
    server.dispose()
    assert shown == {"lock_timeout": "5s", "statement_timeout": "30s",
                     "idle_in_transaction_session_timeout": "2min"}


def test_a_lock_timeout_is_busy_on_postgresql(engine: Engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL lock_timeout")
    server = make_engine(engine.url.render_as_string(hide_password=False), SHORT)
    with engine.connect() as holder, server.connect() as waiter:
        holder.execute(text("SELECT pg_advisory_xact_lock(1)"))
        with pytest.raises(Exception) as caught:
            waiter.execute(text("SELECT pg_advisory_xact_lock(1)"))
        assert is_busy(caught.value)
    server.dispose()


def test_writers_of_one_process_queue_for_sqlites_write_lock(engine: Engine):
    """Threads wait in the process's writer queue, not in SQLite's sleeping busy handler: all
    writes land, and the queue is free again after each commit or rollback."""
    import threading

    from woonregie.store.db import WRITER_QUEUE

    _sqlite(engine)
    server = make_engine(engine.url.render_as_string(hide_password=False), SERVER)
    queue = getattr(server, WRITER_QUEUE)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(5):
                with server.begin() as conn:
                    conn.execute(text("SELECT count(*) FROM areas")).scalar()
                    conn.execute(text("INSERT INTO areas (code, name, level, parent) "
                                      f"VALUES ('Q{n}-{i}', 'Q', 'gemeente', NULL)"))
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    with server.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM areas WHERE name = 'Q'")).scalar() == 30
        conn.execute(text("DELETE FROM areas WHERE name = 'Q'"))
        assert queue._lock.locked()  # held by the open write transaction ...
        conn.rollback()
    assert not queue._lock.locked()  # ... and free once it rolled back
    with pytest.raises(RuntimeError), server.begin() as conn:
        conn.execute(text("DELETE FROM areas WHERE code = 'nope'"))
        raise RuntimeError("mid-transaction")
    assert not queue._lock.locked()
    server.dispose()


def test_the_writer_queue_waits_boundedly_and_is_busy(engine: Engine):
    _sqlite(engine)
    server = make_engine(engine.url.render_as_string(hide_password=False), SHORT)
    with server.connect() as a, server.connect() as b:
        a.execute(text("DELETE FROM areas WHERE code = 'nope'"))  # a holds the queue
        with pytest.raises(Exception) as caught:
            b.execute(text("DELETE FROM areas WHERE code = 'nope'"))
        assert is_busy(caught.value)
        a.rollback()
        b.rollback()
        b.execute(text("DELETE FROM areas WHERE code = 'nope'"))  # now it is b's turn
        b.commit()
    server.dispose()


def test_a_bulk_load_brings_postgresqls_statistics_up_to_date(engine: Engine):
    """Without it the planner keeps the statistics of the empty tables until autovacuum runs
    (never, where it is off): a page of histories then scanned the whole table."""
    from woonregie.services.region import BULK_RECORDS, after_bulk_load
    from woonregie.store.unit_of_work import UnitOfWork

    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    seen = text("SELECT last_analyze IS NOT NULL AND last_vacuum IS NOT NULL "
                "FROM pg_stat_user_tables WHERE relname = 'persons'")
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_stat_reset()"))
        conn.commit()
    uow = UnitOfWork(engine)
    after_bulk_load(uow, BULK_RECORDS - 1)  # a few records: nothing to refresh
    with engine.connect() as conn:
        assert not conn.execute(seen).scalar()
    after_bulk_load(uow, BULK_RECORDS)
    with engine.connect() as conn:
        assert conn.execute(seen).scalar()


def _counting_pings(server: Engine) -> list[int]:
    pings: list[int] = []
    ping = server.dialect.do_ping

    def counted(dbapi_connection: object) -> bool:
        pings.append(1)
        return ping(dbapi_connection)

    server.dialect.do_ping = counted  # type: ignore[method-assign]
    return pings


def test_a_connection_in_use_is_not_pinged_an_idle_one_is(engine: Engine, monkeypatch):
    """No round trip per request for a ping; a connection idle for the bound is tested first,
    and one the database closed meanwhile is replaced instead of failing the request."""
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL connections")
    url = engine.url.render_as_string(hide_password=False)
    busy = make_engine(url, SERVER)
    pings = _counting_pings(busy)
    for _ in range(3):
        with busy.connect() as conn:
            conn.execute(text("SELECT 1"))
    busy.dispose()
    assert pings == []
    monkeypatch.setattr(db, "IDLE_PING_S", 0.0)
    idle = make_engine(url, SERVER)
    pings = _counting_pings(idle)
    with idle.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
    with engine.connect() as admin:
        admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    with idle.connect() as conn:
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar() != pid
    idle.dispose()
    assert pings
