"""POST /api/v1/persons/{key}/return: the placement ends; only housed clients; Dutch errors."""

from __future__ import annotations

from tests.signal_fixtures import HOUSED_ON, fresh_housed_person
from tests.web_support import bearer

CARE = "trajectbegeleider-own"


def test_return_ends_the_running_placement(client, seeded, sqlite_engine):
    key = fresh_housed_person(sqlite_engine)
    done = client.post(f"/api/v1/persons/{key}/return", headers=bearer(seeded, CARE),
                       json={"target": "teruggevallen", "reason": "opname",
                             "end_reason": "uitzetting", "on": "2026-02-02"})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["status"] == "teruggevallen"
    assert body["placement_ended"] == {"dwelling": "W-4", "start": HOUSED_ON.isoformat(),
                                       "end": "2026-02-02", "end_reason": "uitzetting"}
    again = client.post(f"/api/v1/persons/{key}/return", headers=bearer(seeded, CARE),
                        json={"target": "teruggevallen", "reason": "x"})
    assert again.status_code == 422 and "terugkeer" in str(again.json())
    missing = client.post(f"/api/v1/persons/{fresh_housed_person(sqlite_engine)}/return",
                          headers=bearer(seeded, CARE), json={"target": "teruggevallen"})
    assert missing.status_code == 422 and "reden" in str(missing.json())
