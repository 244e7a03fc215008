"""A version number of the data the monitor reads, bumped by the database itself on every write.

The monitor reads every status change of the region (700,000 at national scale); a dashboard
asks for the figures many times over with other filters while nothing changed. With this
number a process keeps what it read (services/monitoring.py) and knows, with one primary-key
read, whether it still holds: the row `data_versions['monitor']` counts the committed writes
to the tables in `WATCHED`.

Triggers, not application code, bump it: bulk inserts (sample, import), cascading deletes and
PostgreSQL's TRUNCATE count as well. On PostgreSQL the bump is a deferred constraint trigger
that runs once per transaction at commit, so the row is locked only for the moment of the
commit and concurrent writers do not queue behind a long transaction (a matching round).
PostgreSQL refuses ALTER TABLE and CREATE INDEX on a table with pending (deferred) trigger
events, so migrations run with the constraints immediate (store/schema.migration_transaction).
The counter starts at a random number: a database recreated under the same URL never repeats
an old database's version.

Reading the version BEFORE the data keeps a cache correct under READ COMMITTED: a commit seen
by the data but not by the version read is caught by the next version read, which has moved on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from woonregie.store import plain_sql as sql

if TYPE_CHECKING:
    from sqlalchemy import Connection

WATCHED = ("persons", "status_transitions", "placements", "matches", "match_transitions",
           "dwellings", "areas", "agreements")
"""The tables whose rows the monitor keeps between requests (the rest it reads every time)."""

NAME = "monitor"

_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS data_version_{t}_{op.lower()} AFTER {op} ON {t} "
    f"BEGIN UPDATE data_versions SET version = version + 1 WHERE name = '{NAME}'; END"
    for t in WATCHED for op in ("INSERT", "UPDATE", "DELETE")
]
_SQLITE_DROP = [f"DROP TRIGGER IF EXISTS data_version_{t}_{op}"
                for t in WATCHED for op in ("insert", "update", "delete")]

_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF current_setting('woonregie.data_version_bumped', true) IS DISTINCT FROM 'ja' THEN "
    "PERFORM set_config('woonregie.data_version_bumped', 'ja', true); "
    f"UPDATE data_versions SET version = version + 1 WHERE name = '{NAME}'; "
    "END IF; RETURN NULL; END $$"
)
_PG_INSTALL = [_PG_FUNCTION] + [
    sql for t in WATCHED for sql in (
        f"CREATE CONSTRAINT TRIGGER data_version_{t} AFTER INSERT OR UPDATE OR DELETE ON {t} "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION data_version_bump()",
        f"CREATE TRIGGER data_version_{t}_truncate AFTER TRUNCATE ON {t} "
        "FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()",
    )
]
_PG_DROP = [sql for t in WATCHED for sql in (
    f"DROP TRIGGER IF EXISTS data_version_{t} ON {t}",
    f"DROP TRIGGER IF EXISTS data_version_{t}_truncate ON {t}",
)] + ["DROP FUNCTION IF EXISTS data_version_bump()"]


def install(conn: Connection) -> None:
    """Create the counter (at a random start) and the triggers that bump it."""
    from sqlalchemy import text

    postgres = conn.dialect.name == "postgresql"
    start = ("CAST(floor(random() * 1e15) AS BIGINT)" if postgres
             else "abs(random() % 1000000000000000)")
    conn.execute(text("CREATE TABLE data_versions (name VARCHAR(32) PRIMARY KEY, "
                      "version BIGINT NOT NULL)"))
    conn.execute(text(f"INSERT INTO data_versions (name, version) VALUES ('{NAME}', {start})"))
    for statement in _PG_INSTALL if postgres else _SQLITE_INSTALL:
        conn.execute(text(statement))


def drop(conn: Connection) -> None:
    from sqlalchemy import text

    for statement in _PG_DROP if conn.dialect.name == "postgresql" else _SQLITE_DROP:
        conn.execute(text(statement))
    conn.execute(text("DROP TABLE IF EXISTS data_versions"))


has_table = sql.has_table


def read(db: Any) -> int | None:
    """The current version, or None where there is none (a database made without the
    migrations, or a test that emptied the table): then nothing may be kept. `db`: a
    session, connection or store.plain_sql.Plain."""
    if not sql.has_table(db, "data_versions"):
        return None
    return sql.scalar(db, "SELECT version FROM data_versions WHERE name = :n", {"n": NAME})
