"""A compact copy of every match's step history for the monitor, kept by the database.

The workflow figures (bemiddeling) read every step change of the region: 235,000 at national
scale, each with a JSON details column. Read from `match_transitions` that is a sort of all
changes by match key and a join to the match for its person (0.2 s of SQLite CPU, 0.5 s of
PostgreSQL time, more than every other read together). `monitor_matches` holds one row per match
instead: its person, the number of changes, the changes packed as integers in seq order
(`day ordinal × 16 + step`, step 15 for one the program does not know) and the reason codes of
its declines (the changes into a DECLINES step) in seq order, separated by the unit separator
(NULL when it has none) — a scan of 43,000 short rows (store/monitor_reads.py `region_steps`).

Triggers keep it, like the status histories' copy (store/monitor_summary.py): a match's new
last change is appended to its row, any other write to a change rebuilds the match's row, as
does a new match or a change of a match's key or person. On PostgreSQL row triggers fire at the
end of their statement, when every row it inserted is visible; the append therefore also checks
that the row counts one change fewer than the match has (else it rebuilds), so a statement
inserting several changes of one match cannot count one twice. TRUNCATE of the changes empties
the histories; TRUNCATE of the matches empties the copy through its foreign key.

The step codes are those of `monitor.workflow.STEPS` when the triggers were made, recorded in
`monitor_codebook` (kind `stap`); while the program numbers the steps otherwise, the monitor
reads `match_transitions` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from woonregie.monitor.workflow import DECLINES, STEPS
from woonregie.store import plain_sql as sql
from woonregie.store import summary_triggers as triggers

if TYPE_CHECKING:
    from sqlalchemy import Connection

TABLE = "monitor_matches"
KIND = "stap"
UNKNOWN = 15


def codes() -> str:
    return ",".join(map(str, STEPS))


def _case(column: str) -> str:
    whens = " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(STEPS))
    return f"(CASE {column} {whens} ELSE {UNKNOWN} END)"


def _packed(postgres: bool, row: str = "t") -> str:
    day = (f"({row}.on_date - DATE '0001-01-01' + 1)" if postgres
           else f"CAST(julianday({row}.on_date) - 1721424.5 AS INTEGER)")
    return f"({day}) * 16 + {_case(f'{row}.target')}"


def _reason(postgres: bool, row: str = "t") -> str:
    if postgres:
        return f"COALESCE(CAST({row}.details AS json) ->> 'reason_code', '')"
    return f"COALESCE(json_extract({row}.details, '$.reason_code'), '')"


def _declines(row: str = "t") -> str:
    return f"{row}.target IN ({', '.join(repr(str(d)) for d in DECLINES)})"


def _sep(postgres: bool) -> str:
    return "chr(31)" if postgres else "char(31)"


def _append(postgres: bool) -> str:
    """Add the new change to the end of its match's row (the usual write: a new last seq)."""
    cast = "::text" if postgres else ""
    return (f"UPDATE {TABLE} SET changes = changes + 1, history = CASE WHEN changes = 0 THEN '' "
            f"ELSE history || ',' END || ({_packed(postgres, 'NEW')}){cast}, reasons = CASE WHEN "
            f"{_declines('NEW')} THEN CASE WHEN reasons IS NULL THEN '' ELSE reasons || "
            f"{_sep(postgres)} END || {_reason(postgres, 'NEW')} ELSE reasons END "
            "WHERE match_key = NEW.match_key")


_IS_LAST = ("NOT EXISTS (SELECT 1 FROM match_transitions l WHERE l.match_key = NEW.match_key "
            "AND l.seq > NEW.seq)")
_CREATE = (f"CREATE TABLE {TABLE} (match_key VARCHAR(32) NOT NULL PRIMARY KEY "
           "REFERENCES matches (key) ON DELETE CASCADE, person VARCHAR(32) NOT NULL, "
           "changes INTEGER NOT NULL, history TEXT NOT NULL, reasons TEXT)")


# SQLite: row triggers (they fire row by row); one match's row rebuilt from its changes.

def _sqlite_refresh(key: str) -> str:
    changes = f"(SELECT count(*) FROM match_transitions t WHERE t.match_key = {key})"
    history = (f"coalesce((SELECT group_concat(v, ',') FROM (SELECT {_packed(False)} AS v "
               f"FROM match_transitions t WHERE t.match_key = {key} ORDER BY t.seq)), '')")
    reasons = (f"(SELECT group_concat(r, char(31)) FROM (SELECT {_reason(False)} AS r "
               f"FROM match_transitions t WHERE t.match_key = {key} AND {_declines()} "
               "ORDER BY t.seq))")
    return (f"DELETE FROM {TABLE} WHERE match_key = {key} AND NOT EXISTS "
            f"(SELECT 1 FROM matches WHERE key = {key}); "
            f"INSERT OR REPLACE INTO {TABLE} (match_key, person, changes, history, reasons) "
            f"SELECT m.key, m.person, {changes}, {history}, {reasons} FROM matches m "
            f"WHERE m.key = {key};")


_SQLITE_TRIGGERS = {
    "monitor_matches_match_insert": ("AFTER INSERT ON matches", _sqlite_refresh("NEW.key")),
    "monitor_matches_match_update": (
        "AFTER UPDATE OF key, person ON matches",
        f"DELETE FROM {TABLE} WHERE match_key = OLD.key; " + _sqlite_refresh("NEW.key")),
    "monitor_matches_match_delete": ("AFTER DELETE ON matches",
                                     f"DELETE FROM {TABLE} WHERE match_key = OLD.key;"),
    "monitor_matches_step_append": (f"AFTER INSERT ON match_transitions WHEN {_IS_LAST}",
                                    _append(False) + ";"),
    "monitor_matches_step_insert": (f"AFTER INSERT ON match_transitions WHEN NOT {_IS_LAST}",
                                    _sqlite_refresh("NEW.match_key")),
    "monitor_matches_step_update": ("AFTER UPDATE ON match_transitions",
                                    _sqlite_refresh("OLD.match_key") + " "
                                    + _sqlite_refresh("NEW.match_key")),
    "monitor_matches_step_delete": ("AFTER DELETE ON match_transitions",
                                    _sqlite_refresh("OLD.match_key")),
}


# PostgreSQL: row triggers; a new last change is appended, anything else rebuilds the row.

_PG_REFRESH = f"""
CREATE OR REPLACE FUNCTION monitor_matches_refresh(keys VARCHAR[]) RETURNS void
LANGUAGE sql AS $$
DELETE FROM {TABLE} s WHERE s.match_key = ANY(keys)
  AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.key = s.match_key);
INSERT INTO {TABLE} (match_key, person, changes, history, reasons)
SELECT m.key, m.person, coalesce(h.n, 0), coalesce(h.history, ''), h.reasons
FROM matches m LEFT JOIN (
  SELECT t.match_key, count(*) AS n,
         string_agg(({_packed(True)})::text, ',' ORDER BY t.seq) AS history,
         string_agg({_reason(True)}, chr(31) ORDER BY t.seq) FILTER (WHERE {_declines()})
           AS reasons
  FROM match_transitions t WHERE t.match_key = ANY(keys) GROUP BY t.match_key) h
  ON h.match_key = m.key
WHERE m.key = ANY(keys)
ON CONFLICT (match_key) DO UPDATE SET person = EXCLUDED.person, changes = EXCLUDED.changes,
  history = EXCLUDED.history, reasons = EXCLUDED.reasons;
$$"""

_PG_FUNCTIONS = {
    "monitor_matches_match": (
        "AFTER INSERT OR DELETE OR UPDATE OF key, person ON matches",
        "IF TG_OP = 'INSERT' THEN PERFORM monitor_matches_refresh(ARRAY[NEW.key]); "
        "ELSIF TG_OP = 'DELETE' THEN PERFORM monitor_matches_refresh(ARRAY[OLD.key]); "
        "ELSIF (NEW.key, NEW.person) IS DISTINCT FROM (OLD.key, OLD.person) THEN "
        "PERFORM monitor_matches_refresh(ARRAY[OLD.key, NEW.key]); END IF;"),
    "monitor_matches_step": (
        "AFTER INSERT OR UPDATE OR DELETE ON match_transitions",
        f"IF TG_OP = 'INSERT' THEN {_append(True)} AND {_IS_LAST} AND changes = "
        "(SELECT count(*) FROM match_transitions c WHERE c.match_key = NEW.match_key) - 1; "
        "IF NOT FOUND THEN PERFORM monitor_matches_refresh(ARRAY[NEW.match_key]); END IF; "
        "ELSIF TG_OP = 'UPDATE' THEN "
        "PERFORM monitor_matches_refresh(ARRAY[OLD.match_key, NEW.match_key]); "
        "ELSE PERFORM monitor_matches_refresh(ARRAY[OLD.match_key]); END IF;"),
}
_PG_TABLE = {"monitor_matches_match": "matches", "monitor_matches_step": "match_transitions"}


def _pg_install() -> list[str]:
    return triggers.pg_install(_PG_REFRESH, _PG_FUNCTIONS, "match_transitions",
                               "monitor_matches_steps_truncated",
                               f"UPDATE {TABLE} SET changes = 0, history = '', reasons = NULL")


def _pg_drop() -> list[str]:
    return triggers.pg_drop(_PG_TABLE, "match_transitions", "monitor_matches_steps_truncated",
                            "monitor_matches_refresh")


def install(conn: Connection) -> None:
    """Create the copy and its triggers, record the step codes and fill it (the backfill)."""
    from sqlalchemy import text

    postgres = conn.dialect.name == "postgresql"
    conn.execute(text(_CREATE + ("" if postgres else " WITHOUT ROWID")))
    conn.execute(text("INSERT INTO monitor_codebook (kind, codes) VALUES (:k, :c)"),
                 {"k": KIND, "c": codes()})
    if postgres:
        for statement in _pg_install():
            conn.execute(text(statement))
        conn.execute(text("SELECT monitor_matches_refresh(ARRAY(SELECT key FROM matches))"))
        return
    for statement in triggers.sqlite_install(_SQLITE_TRIGGERS):
        conn.execute(text(statement))
    conn.execute(text(
        f"INSERT INTO {TABLE} (match_key, person, changes, history, reasons) "
        "SELECT m.key, m.person, coalesce(h.n, 0), coalesce(h.history, ''), r.reasons "
        "FROM matches m LEFT JOIN (SELECT match_key, count(*) AS n, "
        f"group_concat(v, ',') AS history FROM (SELECT t.match_key, {_packed(False)} AS v "
        "FROM match_transitions t ORDER BY t.match_key, t.seq) GROUP BY match_key) h "
        "ON h.match_key = m.key LEFT JOIN (SELECT match_key, group_concat(v, char(31)) "
        f"AS reasons FROM (SELECT t.match_key, {_reason(False)} AS v FROM match_transitions t "
        f"WHERE {_declines()} ORDER BY t.match_key, t.seq) GROUP BY match_key) r "
        "ON r.match_key = m.key"))


def drop(conn: Connection) -> None:
    from sqlalchemy import text

    postgres = conn.dialect.name == "postgresql"
    for statement in _pg_drop() if postgres else triggers.sqlite_drop(_SQLITE_TRIGGERS):
        conn.execute(text(statement))
    conn.execute(text(f"DROP TABLE IF EXISTS {TABLE}"))
    conn.execute(text("DELETE FROM monitor_codebook WHERE kind = :k"), {"k": KIND})


def usable(db: Any) -> bool:
    """Whether the copy exists and numbers the steps as this program does."""
    if not sql.has_table(db, TABLE):
        return False
    return sql.scalar(db, "SELECT codes FROM monitor_codebook WHERE kind = :k",
                      {"k": KIND}) == codes()
