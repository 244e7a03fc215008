"""Engine and session factory. SQLite file by default; PostgreSQL in production."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///woonregie.db"


def database_url(explicit: str | None = None) -> str:
    """`--db` wins, then WOONREGIE_DATABASE_URL, then the SQLite file in the working directory."""
    url = explicit or os.environ.get("WOONREGIE_DATABASE_URL") or DEFAULT_URL
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{Path(url)}"
    return url


def make_engine(url: str | None = None) -> Engine:
    """`hide_parameters`: a database error (or log line) never quotes the values of a statement,
    which are names, incomes and care data; the statement itself holds no data."""
    url = database_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; emit it ourselves so that
        # SAVEPOINTs and rollbacks behave as on PostgreSQL.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # let the "begin" listener own transactions
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
