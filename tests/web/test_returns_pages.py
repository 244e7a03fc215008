"""The client page's return action (terugkeer melden): shown for housed clients, ends it."""

from __future__ import annotations

from tests.signal_fixtures import fresh_housed_person
from tests.web_support import login

CARE = "trajectbegeleider-own"


def test_the_client_page_offers_the_return(client, seeded, sqlite_engine):
    key = fresh_housed_person(sqlite_engine)
    csrf = login(client, CARE)
    assert "Terugkeer melden" in client.get(f"/clienten/{key}").text
    done = client.post(f"/clienten/{key}/terugkeer", follow_redirects=False,
                       data={"target": "teruggevallen", "reason": "opname",
                             "end_reason": "terug_in_zorg", "csrf_token": csrf})
    assert done.status_code == 303
    page = client.get(f"/clienten/{key}").text
    assert "Teruggevallen" in page and "Terugkeer melden" not in page
