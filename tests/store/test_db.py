"""Engine behaviour under concurrency: SQLite reads take no lock and writes take it at their
first write; every wait is bounded and recognised as "busy" (a 503 at the edges)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine, text

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
