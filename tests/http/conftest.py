"""The seeded app fixtures (tests/app_fixtures.py)."""

from tests.app_fixtures import app, client, seeded, sqlite_engine

__all__ = ["app", "client", "seeded", "sqlite_engine"]
