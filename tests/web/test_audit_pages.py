"""The audit log on the pages: the auditor browses it (newest first, a page at a time by
cursor) and exports it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import unescape

from tests.web_support import OPERATOR, login
from woonregie.domain.clock import FakeClock
from woonregie.services import audit
from woonregie.store.unit_of_work import UnitOfWork


def test_auditor_browses_and_exports_the_log(client, seeded):
    login(client, "trajectbegeleider-own")
    client.get("/clienten/P-1")
    client.cookies.clear()
    login(client, "auditor-own")
    page = client.get("/audit?sleutel=P-1")
    assert "trajectbegeleider-own" in page.text
    # the chain is recomputed on request only (it reads every entry)
    assert "Auditlog in orde" not in page.text and "Keten controleren" in page.text
    assert "Auditlog in orde" in client.get("/audit?controleren=ja").text
    export = client.get("/audit/export")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("application/x-ndjson")
    assert '"entity_key": "P-1"' in export.text


def test_the_log_pages_by_cursor_and_refuses_a_foreign_one(client, seeded, sqlite_engine):
    for n in range(60):
        with UnitOfWork(sqlite_engine, clock=FakeClock(datetime(2026, 2, 1, 8) +
                                                      timedelta(minutes=n))) as uow:
            audit.record(uow, OPERATOR, "read", "person", f"P-X{n}")
            uow.commit()
    login(client, "auditor-own")
    first = client.get("/audit", params={"van": "01-02-2026", "tot": "01-02-2026"}).text
    assert "60 regel(s), nieuwste eerst" in first and "1–50 van 60" in first
    assert "P-X59" in first and "P-X10" in first and "P-X9<" not in first
    following = re.search(r'<a rel="next" href="([^"]+)">Volgende</a>', first).group(1)
    assert "na=" in following and "van=01-02-2026" in following
    second = client.get(unescape(following)).text
    assert "51–60 van 60" in second and 'rel="next"' not in second
    shown = re.findall(r"<td>(P-X\d+)</td>", second)
    assert shown == [f"P-X{n}" for n in range(9, -1, -1)]
    refused = client.get("/audit", params={"na": "bm9nIGVlbg", "pagina": "2"})
    assert refused.status_code == 422 and "onbekende pagina van het auditlog" in refused.text
