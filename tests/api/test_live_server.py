"""The concurrency findings of issue 13 against a REAL uvicorn server (in a thread, on a free
loopback port), on SQLite and PostgreSQL: under 50 readers and 20 writers it keeps answering,
only with 2xx or 409, within a bounded time; on SQLite reads do not wait for a writer."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine, text

from tests.web_support import Seeded, seed
from woonregie.app import create_app
from woonregie.store.db import SERVER, make_engine

BOUND_S = 60.0
"""Everything a test sends must be answered within this time, or the server stalled."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, base: str, seeded: Seeded) -> None:
        self.base, self.seeded = base, seeded

    def auth(self, user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.seeded.tokens[user]}"}


@pytest.fixture
def live(engine: Engine) -> Iterator[LiveServer]:
    seeded = seed(engine)
    server_engine = make_engine(engine.url.render_as_string(hide_password=False), SERVER)
    config = uvicorn.Config(create_app(server_engine), host="127.0.0.1", port=_free_port(),
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield LiveServer(f"http://127.0.0.1:{config.port}", seeded)
    finally:
        server.should_exit = True
        thread.join(15)
        server_engine.dispose()


async def _requests(live: LiveServer, jobs: list[tuple[str, str, dict, dict | None]]
                    ) -> Counter:
    """Send every job at once (one connection each); statuses counted, all within BOUND_S."""
    limits = httpx.Limits(max_connections=len(jobs))
    async with httpx.AsyncClient(base_url=live.base, timeout=BOUND_S, limits=limits) as c:
        async def one(method: str, path: str, headers: dict, body: dict | None) -> int:
            r = await c.request(method, path, headers=headers, json=body)
            return r.status_code
        statuses = await asyncio.wait_for(
            asyncio.gather(*(one(*job) for job in jobs)), BOUND_S)
    return Counter(statuses)


def test_fifty_readers_and_twenty_writers_all_answered(live: LiveServer):
    caseworker = live.auth("trajectbegeleider-own")
    regisseur = live.auth("regisseur-own")
    reads = [("GET", "/api/v1/persons?limit=5", caseworker, None),
             ("GET", "/api/v1/persons/P-1", caseworker, None),
             ("GET", "/api/v1/dwellings?limit=5", regisseur, None)]
    jobs = [reads[i % 3] for i in range(50)]
    # Twenty writers on ONE person, the worst case: all but the first of each race get 409.
    jobs += [("PATCH", "/api/v1/persons/P-1", caseworker, {"household_size": 1 + i % 3})
             for i in range(20)]
    started = time.monotonic()
    statuses = asyncio.run(_requests(live, jobs))
    assert sum(statuses.values()) == 70
    assert set(statuses) <= {200, 409}, statuses
    assert statuses[200] >= 51  # every read and at least one write
    assert time.monotonic() - started < BOUND_S


def test_two_sqlite_reads_do_not_wait_for_a_writer(live: LiveServer, engine: Engine):
    """While another connection holds SQLite's write lock, unaudited reads still answer at
    once: reads take no lock (WAL, deferred transactions). PostgreSQL never blocks reads."""
    regisseur = live.auth("regisseur-own")
    jobs = [("GET", "/api/v1/dwellings?limit=5", regisseur, None)] * 2
    with engine.connect() as conn:
        conn.execute(text("UPDATE dwellings SET rooms = rooms WHERE code = 'W-1'"))  # holds it
        started = time.monotonic()
        statuses = asyncio.run(_requests(live, jobs))
        waited = time.monotonic() - started
        conn.rollback()
    assert statuses == Counter({200: 2})
    assert waited < 2.0  # the busy timeout is 5 s: nobody waited for the lock


def test_two_concurrent_audited_reads_both_answer(live: LiveServer):
    caseworker = live.auth("trajectbegeleider-own")
    jobs = [("GET", "/api/v1/persons/P-1", caseworker, None)] * 2
    assert asyncio.run(_requests(live, jobs)) == Counter({200: 2})


def test_a_lock_held_too_long_is_a_dutch_503_not_a_hang(live: LiveServer, engine: Engine):
    """A write that cannot get its lock within the bound answers 503 with Retry-After."""
    caseworker = live.auth("trajectbegeleider-own")
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(4711001)"))  # the audit chain
        else:
            conn.execute(text("UPDATE dwellings SET rooms = rooms WHERE code = 'W-1'"))
        started = time.monotonic()
        r = httpx.get(f"{live.base}/api/v1/persons/P-1", headers=caseworker, timeout=BOUND_S)
        waited = time.monotonic() - started
        conn.rollback()
    assert r.status_code == 503, r.text
    assert r.headers["Retry-After"] == "2"
    assert "te druk" in r.json()["detail"]
    assert waited < SERVER.lock_timeout + 3
