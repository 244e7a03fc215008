"""Database-level guard that makes the audit log append-only.

The hash chain shows tampering after the fact; these triggers stop casual UPDATE/DELETE in the
first place. PostgreSQL's TRUNCATE is not a row operation and is not blocked (test cleanup uses
it); on SQLite the test cleanup lifts the guard around its DELETE (see tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

_SQLITE_INSTALL = [
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_log_no_update",
    "DROP TRIGGER IF EXISTS audit_log_no_delete",
]
_PG_INSTALL = [
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]
_PG_DROP = [
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_append_only()",
]


def _run(conn: Connection, statements: list[str]) -> None:
    for sql in statements:
        conn.execute(text(sql))


def install_append_only_guard(conn: Connection) -> None:
    _run(conn, _PG_INSTALL if conn.dialect.name == "postgresql" else _SQLITE_INSTALL)


def drop_append_only_guard(conn: Connection) -> None:
    _run(conn, _PG_DROP if conn.dialect.name == "postgresql" else _SQLITE_DROP)


@contextmanager
def append_only_guard_lifted(conn: Connection) -> Iterator[None]:
    """Lift the guard for the duration (test cleanup, retention purge by the operator)."""
    drop_append_only_guard(conn)
    try:
        yield
    finally:
        install_append_only_guard(conn)
