"""Plain SQL reads over a SQLAlchemy session or connection, or over a bare DB-API connection.

`woonregie monitor` is a read of aggregates that a user runs from a terminal; importing
SQLAlchemy, its ORM and the table mappings costs more CPU than reading the region itself
(0.4 s of 1 s on the 2-core machine). The monitor's reads (store/monitor_reads.py) therefore
take either: the web app and the services pass their session, the command line a `Plain`
connection opened straight on the database file or server (`connect`). Statements use
`:name` parameters in both cases.

A `Plain` SQLite connection reads in one deferred transaction (one snapshot for every
statement, like a session does); it is read-only (`PRAGMA query_only`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

DEFAULT_URL = "sqlite:///woonregie.db"
MMAP_SIZE = 1 << 30
"""SQLite reads the file through a memory map of up to this many bytes: the monitor scans
tens of megabytes, which through read() calls cost system time and a copy of every page."""
_PARAM = re.compile(r"(?<![:\w]):(\w+)")


def database_url(explicit: str | None = None) -> str:
    """`--db` wins, then WOONREGIE_DATABASE_URL, then the SQLite file in the working directory."""
    url = explicit or os.environ.get("WOONREGIE_DATABASE_URL") or DEFAULT_URL
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{Path(url)}"
    return url


@dataclass(slots=True)
class Plain:
    """A DB-API connection (sqlite3 or psycopg) and what the reads need to know of it."""

    connection: Any
    dialect: str
    identity: str  # the database, as the cache of store/monitor_cache.py keys it

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        if self.dialect == "postgresql":
            sql = _PARAM.sub(r"%(\1)s", sql.replace("%", "%%")) if params else sql
        cursor = self.connection.cursor()
        try:
            if params:
                cursor.execute(sql, params)
            else:
                cursor.execute(sql)
            return cursor.fetchall()
        finally:
            cursor.close()

    def close(self) -> None:
        self.connection.close()


def connect(url: str | None = None) -> Plain | None:
    """A read connection for `url` (as `--db` takes it), or None when this needs the full
    store: a database that does not exist yet or has no schema (the store creates and
    migrates it), an in-memory database, another driver."""
    url = database_url(url)
    scheme, _, rest = url.partition("://")
    if scheme == "sqlite":
        return _sqlite(url, rest)
    if scheme in ("postgresql", "postgresql+psycopg"):
        return _postgresql(url, rest)
    return None


def _sqlite(url: str, rest: str) -> Plain | None:
    import sqlite3

    path = unquote(rest[1:].partition("?")[0]) if rest.startswith("/") else ""
    if not path or path == ":memory:" or not Path(path).is_file():
        return None
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    conn.execute(f"PRAGMA mmap_size={MMAP_SIZE}")
    conn.execute("BEGIN")  # one snapshot for every read
    plain = Plain(conn, "sqlite", _identity(url))
    if not plain.rows("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                      "AND name = 'alembic_version'")[0][0]:
        conn.close()
        return None
    return plain


def _postgresql(url: str, rest: str) -> Plain | None:
    import psycopg

    conn = psycopg.connect(f"postgresql://{rest}")
    plain = Plain(conn, "postgresql", _identity(url))
    if not plain.rows("SELECT to_regclass('alembic_version') IS NOT NULL")[0][0]:
        conn.close()
        return None
    return plain


def _identity(url: str) -> str:
    """The URL without its password (the key the session path renders too)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


# The same three reads over either kind of connection.

def dialect(db: Any) -> str:
    if isinstance(db, Plain):
        return db.dialect
    bind = db.get_bind() if hasattr(db, "get_bind") else db
    return bind.dialect.name


def identity(db: Any) -> str:
    if isinstance(db, Plain):
        return db.identity
    bind = db.get_bind() if hasattr(db, "get_bind") else db.engine
    return bind.url.render_as_string(hide_password=True)


def rows(db: Any, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
    if isinstance(db, Plain):
        return db.rows(sql, params)
    from sqlalchemy import text

    return [tuple(r) for r in db.execute(text(sql), params or {}).all()]


def one(db: Any, sql: str, params: dict[str, Any] | None = None) -> tuple:
    found = rows(db, sql, params)
    if len(found) != 1:
        raise LookupError(f"expected one row, got {len(found)}")
    return found[0]


def scalar(db: Any, sql: str, params: dict[str, Any] | None = None) -> Any:
    found = rows(db, sql, params)
    return found[0][0] if found else None


def columns(db: Any, table: str) -> set[str]:
    if dialect(db) == "postgresql":
        return {r[0] for r in rows(db, "SELECT column_name FROM information_schema.columns "
                                       "WHERE table_name = :t", {"t": table})}
    return {r[1] for r in rows(db, f"PRAGMA table_info({table})")}


def has_table(db: Any, name: str) -> bool:
    """A catalogue lookup (no savepoint, no failed statement to recover from)."""
    if dialect(db) == "postgresql":
        return bool(scalar(db, "SELECT to_regclass(:t) IS NOT NULL", {"t": name}))
    return scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :t",
                  {"t": name}) > 0
