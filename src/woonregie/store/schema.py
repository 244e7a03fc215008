"""Run Alembic migrations from code, so `woonregie init` and tests need no alembic.ini."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    # Alembic (and Mako, Pygments under it) load only when a migration runs: a command on an
    # up-to-date database starts without them.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision` on the given engine's database."""
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with migration_transaction(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """The transaction migrations run in. On PostgreSQL the deferred triggers (the data
    version of store/data_version.py) fire at the end of each statement instead of at commit:
    PostgreSQL refuses ALTER TABLE and CREATE INDEX on a table with pending trigger events, so
    a migration that updates rows and then indexes their table would fail on a filled
    database."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET CONSTRAINTS ALL IMMEDIATE"))
        yield conn


def is_initialised(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")
