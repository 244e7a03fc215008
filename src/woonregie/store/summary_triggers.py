"""Trigger SQL shared by the monitor's summary copies (`monitor_persons`, `monitor_matches`).

Each copy is kept by one row trigger per source table and, on PostgreSQL, a statement trigger
that resets the copy when its history table is truncated. The two copies differ only in names
and bodies, so the statements that create and drop the triggers are built here once.
"""

from __future__ import annotations

Triggers = dict[str, tuple[str, str]]  # name -> (when, body)


def pg_function(name: str, body: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN NULL; END $$")


def pg_install(refresh: str, functions: Triggers, history: str, truncated: str,
               reset: str) -> list[str]:
    """The refresh function, a function and row trigger per entry, and the truncate reset."""
    out = [refresh]
    for name, (when, body) in functions.items():
        out.append(pg_function(name, body))
        out.append(f"CREATE TRIGGER {name} {when} FOR EACH ROW EXECUTE FUNCTION {name}()")
    out.append(f"CREATE OR REPLACE FUNCTION {truncated}() RETURNS trigger "
               f"LANGUAGE plpgsql AS $$ BEGIN {reset}; RETURN NULL; END $$")
    out.append(f"CREATE TRIGGER {truncated} AFTER TRUNCATE ON {history} FOR EACH STATEMENT "
               f"EXECUTE FUNCTION {truncated}()")
    return out


def pg_drop(tables: dict[str, str], history: str, truncated: str, refresh: str) -> list[str]:
    """Drop what `pg_install` made; `tables` maps each row trigger to its table."""
    out = []
    for name, table in tables.items():
        out += [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    return out + [f"DROP TRIGGER IF EXISTS {truncated} ON {history}",
                  f"DROP FUNCTION IF EXISTS {truncated}()",
                  f"DROP FUNCTION IF EXISTS {refresh}(VARCHAR[])"]


def sqlite_install(triggers: Triggers) -> list[str]:
    return [f"CREATE TRIGGER {name} {when} BEGIN {body} END"
            for name, (when, body) in triggers.items()]


def sqlite_drop(triggers: Triggers) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name}" for name in triggers]
