"""The audit log on the pages: the auditor browses and exports it."""

from __future__ import annotations

from tests.web_support import login


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
