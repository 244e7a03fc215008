"""The API and the pages take "today" from the app's injected clock, never the machine's:
waiting days and the client page follow a FakeClock (README "An injected clock")."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from tests.web_support import bearer
from woonregie.app import create_app
from woonregie.domain.clock import FakeClock


def _person(engine, seeded, clock: FakeClock) -> dict:
    with TestClient(create_app(engine, clock)) as client:
        response = client.get("/api/v1/persons/P-1",
                              headers=bearer(seeded, "trajectbegeleider-own"))
    assert response.status_code == 200, response.text
    return response.json()


def test_waiting_days_follow_the_apps_clock(sqlite_engine, seeded):
    first = _person(sqlite_engine, seeded, FakeClock.on(date(2027, 3, 1)))
    assert first["ready_since"] is not None
    expected = (date(2027, 3, 1) - date.fromisoformat(first["ready_since"])).days
    assert first["waiting_days"] == expected > 0
    later = _person(sqlite_engine, seeded, FakeClock.on(date(2027, 3, 11)))
    assert later["waiting_days"] == expected + 10
