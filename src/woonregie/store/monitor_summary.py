"""A compact copy of every person's status history for the monitor, kept by the database.

The monitor reads the whole history of the region (700,000 status changes at national scale).
Read from `status_transitions` that costs a date parse and two code lookups per change and a
sort by person (0.6 s of SQLite CPU, 2 s of PostgreSQL time). `monitor_persons` holds one row
per person instead: the target group as a code, the zorgaanbieder, the number of changes and
the changes themselves, packed as integers in seq order into one text — a scan of 135,000 short
rows (store/monitor_reads.py `region_history`).

Triggers keep it, so every writer (services, sample, import, migrations, a cascading delete)
does without knowing. The usual write, a person's new last change, appends to the end of their
row (one indexed check and one row update); any other insert, update or delete of a change
rebuilds the person's row from their changes (a handful of rows), as does a change of a
person's key, group or zorgaanbieder. On PostgreSQL the append also checks that the row counts
one change fewer than the person has (row triggers fire at the end of the statement, when every
row it inserted is visible: without the check one INSERT of several changes of a person counted
the last one twice; migration 0017 repairs such rows). TRUNCATE of persons empties the copy
through its foreign key; TRUNCATE of the changes alone empties the histories.

The codes are those of `STATUSES` and `GROUPS` when the triggers were made; they are written to
`monitor_codebook`, and the reader uses the copy only while they are still the program's (a
release that reorders the statuses must rebuild it with a migration; until then the monitor
reads `status_transitions` itself). A change packs as `(day ordinal × 16 + target) × 16 +
source`, source 15 for a first registration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from woonregie.monitor.records import GROUPS, STATUSES
from woonregie.store import plain_sql as sql
from woonregie.store import summary_triggers as triggers

if TYPE_CHECKING:
    from sqlalchemy import Connection

TABLE = "monitor_persons"
NO_SOURCE = 15


def codebook() -> dict[str, str]:
    """The codes the program numbers statuses and groups by (their order is the code)."""
    return {"status": ",".join(map(str, STATUSES)), "doelgroep": ",".join(map(str, GROUPS))}


def _case(column: str, codes: tuple[object, ...], default: int) -> str:
    whens = " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(codes))
    return f"(CASE {column} {whens} ELSE {default} END)"


def _packed(postgres: bool, row: str = "t") -> str:
    day = (f"({row}.on_date - DATE '0001-01-01' + 1)" if postgres
           else f"CAST(julianday({row}.on_date) - 1721424.5 AS INTEGER)")
    return (f"(({day}) * 16 + {_case(f'{row}.target', STATUSES, NO_SOURCE)}) * 16 + "
            f"{_case(f'{row}.source', STATUSES, NO_SOURCE)}")


def _append(postgres: bool) -> str:
    """Add the new change to the end of its person's row (the usual write: a new last seq)."""
    cast = "::text" if postgres else ""
    return (f"UPDATE {TABLE} SET changes = changes + 1, history = CASE WHEN changes = 0 "
            f"THEN '' ELSE history || ',' END || ({_packed(postgres, 'NEW')}){cast} "
            "WHERE person = NEW.person")


_IS_LAST = ("NOT EXISTS (SELECT 1 FROM status_transitions l WHERE l.person = NEW.person "
            "AND l.seq > NEW.seq)")


_GROUP = _case("p.target_group", GROUPS, 0)
_CREATE = (f"CREATE TABLE {TABLE} (person VARCHAR(32) NOT NULL PRIMARY KEY "
           "REFERENCES persons (key) ON DELETE CASCADE, target_group INTEGER NOT NULL, "
           "care_provider VARCHAR(32) NOT NULL, changes INTEGER NOT NULL, history TEXT NOT NULL)")
_CODEBOOK = "CREATE TABLE monitor_codebook (kind VARCHAR(16) PRIMARY KEY, codes TEXT NOT NULL)"


# SQLite: row triggers; one person's row rebuilt from their changes (a handful of rows).

def _sqlite_refresh(key: str) -> str:
    changes = f"(SELECT count(*) FROM status_transitions t WHERE t.person = {key})"
    history = (f"coalesce((SELECT group_concat(v, ',') FROM (SELECT {_packed(False)} AS v "
               f"FROM status_transitions t WHERE t.person = {key} ORDER BY t.seq)), '')")
    return (f"DELETE FROM {TABLE} WHERE person = {key} AND NOT EXISTS "
            f"(SELECT 1 FROM persons WHERE key = {key}); "
            f"INSERT OR REPLACE INTO {TABLE} (person, target_group, care_provider, changes, "
            f"history) SELECT p.key, {_GROUP}, p.care_provider, {changes}, {history} "
            f"FROM persons p WHERE p.key = {key};")


_SQLITE_TRIGGERS = {
    "monitor_persons_person_insert": ("AFTER INSERT ON persons", _sqlite_refresh("NEW.key")),
    "monitor_persons_person_update": (
        "AFTER UPDATE OF key, target_group, care_provider ON persons",
        f"DELETE FROM {TABLE} WHERE person = OLD.key; " + _sqlite_refresh("NEW.key")),
    "monitor_persons_person_delete": ("AFTER DELETE ON persons",
                                      f"DELETE FROM {TABLE} WHERE person = OLD.key;"),
    "monitor_persons_change_append": (f"AFTER INSERT ON status_transitions WHEN {_IS_LAST}",
                                      _append(False) + ";"),
    "monitor_persons_change_insert": (
        f"AFTER INSERT ON status_transitions WHEN NOT {_IS_LAST}", _sqlite_refresh("NEW.person")),
    "monitor_persons_change_update": ("AFTER UPDATE ON status_transitions",
                                      _sqlite_refresh("OLD.person")
                                      + " " + _sqlite_refresh("NEW.person")),
    "monitor_persons_change_delete": ("AFTER DELETE ON status_transitions",
                                      _sqlite_refresh("OLD.person")),
}


# PostgreSQL: row triggers; a new last change is appended, anything else rebuilds the row.

_PG_REFRESH = f"""
CREATE OR REPLACE FUNCTION monitor_persons_refresh(keys VARCHAR[]) RETURNS void
LANGUAGE sql AS $$
DELETE FROM {TABLE} m WHERE m.person = ANY(keys)
  AND NOT EXISTS (SELECT 1 FROM persons p WHERE p.key = m.person);
INSERT INTO {TABLE} (person, target_group, care_provider, changes, history)
SELECT p.key, {_GROUP}, p.care_provider, coalesce(h.n, 0), coalesce(h.history, '')
FROM persons p LEFT JOIN (
  SELECT t.person, count(*) AS n,
         string_agg(({_packed(True)})::text, ',' ORDER BY t.seq) AS history
  FROM status_transitions t WHERE t.person = ANY(keys) GROUP BY t.person) h
  ON h.person = p.key
WHERE p.key = ANY(keys)
ON CONFLICT (person) DO UPDATE SET target_group = EXCLUDED.target_group,
  care_provider = EXCLUDED.care_provider, changes = EXCLUDED.changes,
  history = EXCLUDED.history;
$$"""

_PG_FUNCTIONS = {
    "monitor_persons_person": (
        "AFTER INSERT OR DELETE OR UPDATE OF key, target_group, care_provider ON persons",
        "IF TG_OP = 'INSERT' THEN PERFORM monitor_persons_refresh(ARRAY[NEW.key]); "
        "ELSIF TG_OP = 'DELETE' THEN PERFORM monitor_persons_refresh(ARRAY[OLD.key]); "
        "ELSIF (NEW.key, NEW.target_group, NEW.care_provider) IS DISTINCT FROM "
        "(OLD.key, OLD.target_group, OLD.care_provider) THEN "
        "PERFORM monitor_persons_refresh(ARRAY[OLD.key, NEW.key]); END IF;"),
    "monitor_persons_change": (
        "AFTER INSERT OR UPDATE OR DELETE ON status_transitions",
        f"IF TG_OP = 'INSERT' THEN {_append(True)} AND {_IS_LAST} AND changes = "
        "(SELECT count(*) FROM status_transitions c WHERE c.person = NEW.person) - 1; "
        "IF NOT FOUND THEN PERFORM monitor_persons_refresh(ARRAY[NEW.person]); END IF; "
        "ELSIF TG_OP = 'UPDATE' THEN "
        "PERFORM monitor_persons_refresh(ARRAY[OLD.person, NEW.person]); "
        "ELSE PERFORM monitor_persons_refresh(ARRAY[OLD.person]); END IF;"),
}
_PG_TABLE = {"monitor_persons_person": "persons", "monitor_persons_change": "status_transitions"}


def _pg_function(name: str) -> str:
    return triggers.pg_function(name, _PG_FUNCTIONS[name][1])


def _pg_install() -> list[str]:
    return triggers.pg_install(_PG_REFRESH, _PG_FUNCTIONS, "status_transitions",
                               "monitor_persons_changes_truncated",
                               f"UPDATE {TABLE} SET changes = 0, history = ''")


def _pg_drop() -> list[str]:
    return triggers.pg_drop(_PG_TABLE, "status_transitions", "monitor_persons_changes_truncated",
                            "monitor_persons_refresh")


def install(conn: Connection) -> None:
    """Create the copy and its triggers and fill it from the register (the backfill)."""
    from sqlalchemy import text

    postgres = conn.dialect.name == "postgresql"
    conn.execute(text(_CREATE + ("" if postgres else " WITHOUT ROWID")))
    conn.execute(text(_CODEBOOK))
    for kind, codes in codebook().items():
        conn.execute(text("INSERT INTO monitor_codebook (kind, codes) VALUES (:k, :c)"),
                     {"k": kind, "c": codes})
    if postgres:
        for statement in _pg_install():
            conn.execute(text(statement))
        conn.execute(text("SELECT monitor_persons_refresh(ARRAY(SELECT key FROM persons))"))
        return
    for statement in triggers.sqlite_install(_SQLITE_TRIGGERS):
        conn.execute(text(statement))
    conn.execute(text(
        f"INSERT INTO {TABLE} (person, target_group, care_provider, changes, history) "
        f"SELECT p.key, {_GROUP}, p.care_provider, coalesce(h.n, 0), coalesce(h.history, '') "
        "FROM persons p LEFT JOIN (SELECT person, count(*) AS n, group_concat(v, ',') AS history "
        f"FROM (SELECT t.person, {_packed(False)} AS v FROM status_transitions t "
        "ORDER BY t.person, t.seq) GROUP BY person) h ON h.person = p.key"))


def repair(conn: Connection) -> None:
    """PostgreSQL (migration 0017): the append as it is now, and every row rebuilt whose count
    is not its person's. Row triggers fire at the end of their statement, when all the rows it
    inserted are visible: before, a statement inserting several changes of one person rebuilt
    the row for the earlier ones and then appended the last one again."""
    from sqlalchemy import text

    if conn.dialect.name != "postgresql":
        return  # SQLite fires row triggers row by row
    conn.execute(text(_pg_function("monitor_persons_change")))
    conn.execute(text(f"SELECT monitor_persons_refresh(ARRAY(SELECT m.person FROM {TABLE} m "
                      "WHERE m.changes <> (SELECT count(*) FROM status_transitions t "
                      "WHERE t.person = m.person)))"))


def drop(conn: Connection) -> None:
    from sqlalchemy import text

    postgres = conn.dialect.name == "postgresql"
    for statement in _pg_drop() if postgres else triggers.sqlite_drop(_SQLITE_TRIGGERS):
        conn.execute(text(statement))
    conn.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
    conn.execute(text("DROP TABLE IF EXISTS monitor_codebook"))


def usable(db: Any) -> bool:
    """Whether the copy exists and numbers statuses and groups as this program does (`db`: a
    session, connection or store.plain_sql.Plain)."""
    if not sql.has_table(db, "monitor_codebook"):  # a database made without the migrations
        return False
    found = dict(sql.rows(db, "SELECT kind, codes FROM monitor_codebook"))
    return all(found.get(kind) == codes for kind, codes in codebook().items())
