"""A seeded app for API and page tests, shared by tests/api and tests/web (each conftest
imports these fixtures). The authorisation matrix and Schemathesis run on SQLite only (they
exercise the policy and the schema, not the dialect); the service tests cover both databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import _truncate
from tests.web_support import Seeded, seed
from woonregie.app import create_app


@pytest.fixture
def sqlite_engine(_sqlite_engine: Engine) -> Engine:
    _truncate(_sqlite_engine)
    return _sqlite_engine


@pytest.fixture
def seeded(sqlite_engine: Engine) -> Seeded:
    return seed(sqlite_engine)


@pytest.fixture
def app(sqlite_engine: Engine, seeded: Seeded):
    return create_app(sqlite_engine)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c
