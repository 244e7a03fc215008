"""Plain read connections for the command line (store/plain_sql.py): opened only on an
existing, migrated database; the same rows as a session; read-only on SQLite."""

import sqlite3

import pytest

from woonregie.store import plain_sql


def test_no_plain_connection_where_the_store_must_create_or_migrate(tmp_path):
    assert plain_sql.connect(f"sqlite:///{tmp_path / 'nieuw.db'}") is None  # does not exist
    sqlite3.connect(tmp_path / "leeg.db").execute("CREATE TABLE x (a INTEGER)")
    assert plain_sql.connect(f"sqlite:///{tmp_path / 'leeg.db'}") is None  # no schema
    assert plain_sql.connect("sqlite://") is None  # in memory
    assert plain_sql.connect("mysql://localhost/db") is None


def test_the_same_rows_as_a_session(engine):
    url = engine.url.render_as_string(hide_password=False)
    plain = plain_sql.connect(url)
    assert plain is not None
    try:
        cast = "" if plain.dialect == "sqlite" else "::text"  # a PostgreSQL cast is no parameter
        sql = f"SELECT CAST(:a AS INTEGER) + 1, 'x:y'{cast}, CAST(:b AS VARCHAR(8))"
        params = {"a": 41, "b": "c"}
        with engine.connect() as conn:
            assert plain_sql.rows(plain, sql, params) == plain_sql.rows(conn, sql, params)
        assert plain_sql.one(plain, sql, params) == (42, "x:y", "c")
        assert plain_sql.has_table(plain, "persons") and not plain_sql.has_table(plain, "nope")
        assert plain_sql.identity(plain) == plain_sql.identity(engine)
        if plain.dialect == "sqlite":
            with pytest.raises(sqlite3.OperationalError):  # query_only
                plain.rows("DELETE FROM persons")
    finally:
        plain.close()
