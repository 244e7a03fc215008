"""Resolved credentials are cached for moments (services/credential_cache.py), and a change to
who may log in is still honoured: at once in this process, within the cache's lifetime in the
server's other processes; the request's unit of work gives its connection back either way."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, text

from tests.web_support import OPERATOR, bearer, login
from woonregie.app import create_app
from woonregie.domain.clock import FakeClock
from woonregie.services import accounts, credential_cache
from woonregie.store.unit_of_work import UnitOfWork

USER = "trajectbegeleider-own"


@pytest.fixture
def statements(sqlite_engine):
    """The SQL statements the app sends, as a list a test can clear and read."""
    seen: list[str] = []

    def log(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(sqlite_engine, "before_cursor_execute", log)
    yield seen
    event.remove(sqlite_engine, "before_cursor_execute", log)


def test_a_token_resolved_moments_ago_costs_no_query(client, seeded, statements):
    assert client.get("/api/v1/me", headers=bearer(seeded, USER)).status_code == 200
    assert any("api_tokens" in s for s in statements)
    statements.clear()
    again = client.get("/api/v1/me", headers=bearer(seeded, USER))
    assert again.status_code == 200 and again.json()["username"] == USER
    assert statements == []  # neither the token nor even a connection


def test_revoking_a_token_or_blocking_its_user_is_honoured_at_once(client, seeded,
                                                                   sqlite_engine):
    headers = bearer(seeded, USER)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with UnitOfWork(sqlite_engine) as uow:
        accounts.set_active(uow, OPERATOR, USER, False)
        uow.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    with UnitOfWork(sqlite_engine) as uow:
        accounts.set_active(uow, OPERATOR, USER, True)
        uow.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with UnitOfWork(sqlite_engine) as uow:
        made = accounts.create_token(uow, OPERATOR, USER, "kort")
        uow.commit()
    fresh = {"Authorization": f"Bearer {made.secret}"}
    assert client.get("/api/v1/me", headers=fresh).status_code == 200
    with UnitOfWork(sqlite_engine) as uow:
        accounts.revoke_token(uow, OPERATOR, made.id)
        uow.commit()
    assert client.get("/api/v1/me", headers=fresh).status_code == 401


def test_a_change_made_by_another_process_is_honoured_within_the_lifetime(
        client, seeded, sqlite_engine, monkeypatch):
    """Another worker's revocation reaches this process only through the database: the cached
    entry serves until its lifetime ends, never longer."""
    headers = bearer(seeded, USER)
    now = [1000.0]
    monkeypatch.setattr(credential_cache.time, "monotonic", lambda: now[0])
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with sqlite_engine.begin() as conn:  # as another process would: not through this one
        conn.execute(text("UPDATE api_tokens SET revoked_at = CURRENT_TIMESTAMP"))
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    now[0] += credential_cache.TTL_S
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_logging_out_and_an_expired_session_end_the_cookie_at_once(sqlite_engine, seeded):
    clock = FakeClock.on(date(2026, 6, 1))
    with TestClient(create_app(sqlite_engine, clock=clock)) as client:
        login(client, USER)
        assert client.get("/api/v1/me").status_code == 200
        clock.advance(seconds=accounts.SESSION_LIFETIME.total_seconds() + 60)
        assert client.get("/api/v1/me").status_code == 401
        csrf = login(client, USER)
        assert client.get("/api/v1/me").status_code == 200
        client.post("/logout", data={"csrf_token": csrf})
        assert client.get("/api/v1/me").status_code == 401


def test_the_cache_is_bounded_and_forgets_unknown_tokens(client, seeded):
    cache = client.app.state.credentials
    for n in range(5):
        client.get("/api/v1/me", headers={"Authorization": f"Bearer wr_onbekend{n}"})
    assert cache._entries == {}
    small = credential_cache.CredentialCache(max_entries=2)
    with UnitOfWork(client.app.state.engine) as uow:
        for user in ("trajectbegeleider-own", "regisseur-own", "auditor-own"):
            assert small.token(uow, seeded.tokens[user]) is not None
    assert len(small._entries) <= 2


def test_every_request_gives_its_connection_back(client, seeded, sqlite_engine):
    """The unit of work is closed on the event loop when the route committed, in the thread
    pool when a transaction is still open (a route that only read, or failed)."""
    for path in ("/api/v1/dwellings", "/api/v1/persons", "/api/v1/persons/NIEMAND",
                 "/api/v1/areas"):
        client.get(path, headers=bearer(seeded, "regisseur-own"))
    assert sqlite_engine.pool.checkedout() == 0
