"""The register's dwellings counted per buurt and corporation, kept by the database.

Concentratie compares a buurt's share of the placements with its share of the corporation
stock; the monitor needs the count per buurt and corporation (9,000 pairs at national scale)
and counted the 337,000 dwellings for it on every read of the region (an index-only scan: 60 ms
of SQLite CPU; on PostgreSQL a scan and hash of the table, 250 ms, until a vacuum allows an
index-only scan). `monitor_stock` holds the counts; triggers on `dwellings` add and subtract as
dwellings come, go or change buurt or corporation, and a TRUNCATE of the dwellings empties it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from woonregie.store import plain_sql as sql
from woonregie.store import summary_triggers as triggers

if TYPE_CHECKING:
    from sqlalchemy import Connection

TABLE = "monitor_stock"

_CREATE = (f"CREATE TABLE {TABLE} (buurt VARCHAR(16) NOT NULL, corporation VARCHAR(32) NOT NULL, "
           "dwellings INTEGER NOT NULL, PRIMARY KEY (buurt, corporation))")


def _add(row: str) -> str:
    return (f"INSERT INTO {TABLE} (buurt, corporation, dwellings) VALUES ({row}.buurt, "
            f"{row}.corporation, 1) ON CONFLICT (buurt, corporation) DO UPDATE SET "
            f"dwellings = {TABLE}.dwellings + 1")


def _subtract(row: str) -> str:
    return (f"UPDATE {TABLE} SET dwellings = dwellings - 1 WHERE buurt = {row}.buurt AND "
            f"corporation = {row}.corporation; DELETE FROM {TABLE} WHERE buurt = {row}.buurt AND "
            f"corporation = {row}.corporation AND dwellings <= 0")


_MOVED = "OLD.buurt <> NEW.buurt OR OLD.corporation <> NEW.corporation"

_SQLITE_TRIGGERS = {
    "monitor_stock_insert": ("AFTER INSERT ON dwellings", _add("NEW") + ";"),
    "monitor_stock_delete": ("AFTER DELETE ON dwellings", _subtract("OLD") + ";"),
    "monitor_stock_update": (f"AFTER UPDATE OF buurt, corporation ON dwellings WHEN {_MOVED}",
                             _subtract("OLD") + "; " + _add("NEW") + ";"),
}

_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION monitor_stock_count() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    f"IF TG_OP IN ('DELETE', 'UPDATE') THEN {_subtract('OLD')}; END IF; "
    f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {_add('NEW')}; END IF; "
    "RETURN NULL; END $$")
_PG_INSTALL = [
    _PG_FUNCTION,
    "CREATE TRIGGER monitor_stock_count AFTER INSERT OR DELETE ON dwellings FOR EACH ROW "
    "EXECUTE FUNCTION monitor_stock_count()",
    "CREATE TRIGGER monitor_stock_moved AFTER UPDATE OF buurt, corporation ON dwellings "
    f"FOR EACH ROW WHEN ({_MOVED}) EXECUTE FUNCTION monitor_stock_count()",
    "CREATE OR REPLACE FUNCTION monitor_stock_truncated() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN DELETE FROM {TABLE}; RETURN NULL; END $$",
    "CREATE TRIGGER monitor_stock_truncated AFTER TRUNCATE ON dwellings FOR EACH STATEMENT "
    "EXECUTE FUNCTION monitor_stock_truncated()",
]
_PG_DROP = [
    "DROP TRIGGER IF EXISTS monitor_stock_count ON dwellings",
    "DROP TRIGGER IF EXISTS monitor_stock_moved ON dwellings",
    "DROP TRIGGER IF EXISTS monitor_stock_truncated ON dwellings",
    "DROP FUNCTION IF EXISTS monitor_stock_count()",
    "DROP FUNCTION IF EXISTS monitor_stock_truncated()",
]


def install(conn: Connection) -> None:
    """Create the counts and their triggers and fill them from the register."""
    from sqlalchemy import text

    postgres = conn.dialect.name == "postgresql"
    conn.execute(text(_CREATE))
    for statement in _PG_INSTALL if postgres else triggers.sqlite_install(_SQLITE_TRIGGERS):
        conn.execute(text(statement))
    conn.execute(text(f"INSERT INTO {TABLE} (buurt, corporation, dwellings) "
                      "SELECT buurt, corporation, count(*) FROM dwellings "
                      "GROUP BY buurt, corporation"))


def drop(conn: Connection) -> None:
    from sqlalchemy import text

    postgres = conn.dialect.name == "postgresql"
    for statement in _PG_DROP if postgres else triggers.sqlite_drop(_SQLITE_TRIGGERS):
        conn.execute(text(statement))
    conn.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))


def counts(db: Any) -> list[tuple] | None:
    """(buurt, corporation, dwellings) of every pair with dwellings, or None without the table
    (a database made without the migrations)."""
    if not sql.has_table(db, TABLE):
        return None
    return sql.rows(db, f"SELECT buurt, corporation, dwellings FROM {TABLE}")
