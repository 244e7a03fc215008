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


@pytest.mark.postgres
def test_migrations_may_write_rows_and_then_index_their_table(engine):
    """The data version's deferred trigger leaves no pending events in a migration."""
    from sqlalchemy import exc, text

    from woonregie.store.schema import migration_transaction

    if engine.dialect.name != "postgresql":
        pytest.skip("pending trigger events are PostgreSQL's")
    write = "INSERT INTO areas (code, name, level) VALUES ('GM77', 'Zeventig', 'gemeente')"
    refused = pytest.raises(exc.DBAPIError, match="pending trigger events")
    with refused, engine.begin() as conn:  # an ordinary transaction
        conn.execute(text(write))
        conn.execute(text("CREATE INDEX ix_test_areas_name ON areas (name)"))
    with migration_transaction(engine) as conn:
        conn.execute(text(write))
        conn.execute(text("CREATE INDEX ix_test_areas_name ON areas (name)"))
        conn.execute(text("DROP INDEX ix_test_areas_name"))
