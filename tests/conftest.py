"""Database fixtures: every test that touches the database runs on SQLite and, when
WOONREGIE_TEST_DATABASE_URL is set, on PostgreSQL too (in a private database per test run, so
parallel runs never share state)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from woonregie.store.db import make_engine
from woonregie.store.guards import append_only_guard_lifted
from woonregie.store.schema import upgrade
from woonregie.store.tables import Base

PG_URL = os.environ.get("WOONREGIE_TEST_DATABASE_URL")
TEST_AUDIT_KEY = "test-sleutel-voor-het-auditlog"


@pytest.fixture(autouse=True)
def _audit_anchor(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test signs the audit chain with a known key (never a key file in the working
    directory) and writes checkpoints to its own directory: each test's database starts empty,
    so a checkpoint of another test's log would rightly read as a truncation."""
    monkeypatch.setenv("WOONREGIE_AUDIT_KEY", TEST_AUDIT_KEY)
    monkeypatch.setenv("WOONREGIE_AUDIT_CHECKPOINTS",
                       str(tmp_path_factory.mktemp("checkpoints")))


@pytest.fixture(scope="session")
def _postgresql_engine() -> Iterator[Engine]:
    if not PG_URL:
        pytest.skip("WOONREGIE_TEST_DATABASE_URL is niet gezet")
    admin_url = make_url(PG_URL)
    name = f"woonregie_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(admin_url.set(database=name).render_as_string(hide_password=False))
    upgrade(engine)
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def _sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("db") / "woonregie-test.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    yield engine
    engine.dispose()


def _truncate(engine: Engine) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            # The audit log refuses DELETE (append-only triggers): lift them for cleanup only.
            with append_only_guard_lifted(conn):
                for name in tables:
                    conn.execute(text(f"DELETE FROM {name}"))


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def engine(request: pytest.FixtureRequest) -> Engine:
    """An empty, migrated database of each kind."""
    eng = request.getfixturevalue(f"_{request.param}_engine")
    _truncate(eng)
    return eng


@pytest.fixture
def db_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)
