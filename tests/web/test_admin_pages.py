"""Admin and audit in the web (issue 12 part 8): API tokens made (the secret shown once) and
revoked on the page; the audit log filtered by date range, action, user and person, with Dutch
labels, and exported for people as CSV and Excel."""

from __future__ import annotations

import io
import re
from datetime import datetime

from openpyxl import load_workbook

from tests.web_support import csrf_of, login
from woonregie.domain.clock import FakeClock
from woonregie.services import accounts, audit
from woonregie.store.unit_of_work import UnitOfWork


def test_admin_makes_a_token_sees_it_once_and_revokes_it(client, seeded):
    csrf = login(client, "admin-own")
    page = client.get("/beheer/tokens")
    assert page.status_code == 200 and 'href="/beheer/tokens" aria-current="page"' in page.text
    assert "regisseur-own" in page.text  # a user of the own organisation, to choose
    assert "trajectbegeleider-own" not in page.text  # another organisation's user
    refused = client.post("/beheer/tokens", data={"csrf_token": csrf, "username": "",
                                                  "name": "koppeling"})
    assert refused.status_code == 422 and "Gebruiker: kies voor wie het token is" in refused.text
    made = client.post("/beheer/tokens", data={"csrf_token": csrf, "username": "regisseur-own",
                                               "name": "koppeling woningaanbod"})
    assert made.status_code == 200
    secret = re.search(r'<code id="token-geheim">([^<]+)</code>', made.text).group(1)
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json()["username"] == "regisseur-own"
    listed = client.get("/beheer/tokens").text
    assert "koppeling woningaanbod" in listed and secret not in listed  # shown once
    token_id = re.findall(r'name="token_id" value="(\d+)"', listed)[0]
    revoked = client.post("/beheer/tokens/intrekken", data={
        "csrf_token": csrf_of(client), "token_id": token_id}, follow_redirects=False)
    assert revoked.status_code == 303
    assert "Ingetrokken op" in client.get("/beheer/tokens").text
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
                      ).status_code == 401
    client.cookies.clear()
    login(client, "auditor-own")
    log = client.get("/audit?handeling=revoke").text
    assert "Ingetrokken" in log and "API-token" in log and "admin-own" in log


def test_another_organisations_token_cannot_be_revoked(client, seeded):
    csrf = login(client, "admin-other")
    answer = client.post("/beheer/tokens/intrekken", data={"csrf_token": csrf, "token_id": "1"})
    assert answer.status_code == 404
    assert client.get("/api/v1/me", headers={
        "Authorization": f"Bearer {seeded.tokens['trajectbegeleider-own']}"}).status_code == 200


def _entry_at(engine, actor: str, when: datetime, action: str, key: str) -> None:
    """An entry of `actor` written on another day (the log is append-only: the clock moves)."""
    with UnitOfWork(engine, clock=FakeClock(when)) as uow:
        row = accounts.UserRepository(uow.session).by_username(actor)
        audit.record(uow, accounts.principal_of(uow, row), action, "person", key)
        uow.commit()


def test_audit_log_filters_by_date_action_user_and_person(client, seeded, sqlite_engine):
    login(client, "trajectbegeleider-own")
    client.get("/clienten/P-1")  # read person P-1
    client.get("/clienten")  # list, naming P-1 in its detail
    client.cookies.clear()
    _entry_at(sqlite_engine, "regisseur-own", datetime(2025, 6, 15, 10, 30, 5), "read", "P-2")
    login(client, "auditor-own")

    everything = client.get("/audit").text
    assert "Ingezien" in everything and "Lijst bekeken" in everything and "Persoon" in everything
    assert ">read<" not in everything and ">person<" not in everything
    assert "15-06-2025 10:30:05" in everything  # Dutch date and time

    june = client.get("/audit", params={"van": "1-6-2025", "tot": "15-06-2025"}).text
    assert "regisseur-own" in june and "trajectbegeleider-own" not in june
    later = client.get("/audit", params={"van": "2025-07-01"}).text.split("<tbody>")[1]
    assert "regisseur-own" not in later and "trajectbegeleider-own" in later

    reads = client.get("/audit", params={"handeling": "read"}).text
    assert "Ingezien" in reads and "Lijst bekeken" not in reads.split("<tbody>")[1]
    mine = client.get("/audit", params={"gebruiker": "regisseur-own"}).text
    assert "trajectbegeleider-own" not in mine.split("<tbody>")[1]

    person = client.get("/audit", params={"persoon": "P-1"}).text.split("<tbody>")[1]
    assert "Ingezien" in person and "Lijst bekeken" in person  # the list that showed P-1
    assert "P-2" not in person

    bad = client.get("/audit", params={"van": "31-02-2025", "tot": "gisteren"})
    assert bad.status_code == 422
    assert "Van: &#39;31-02-2025&#39; is geen geldige datum" in bad.text
    assert 'id="fouten"' in bad.text


def test_audit_export_for_people_in_csv_and_excel(client, seeded, sqlite_engine):
    _entry_at(sqlite_engine, "trajectbegeleider-own", datetime(2026, 1, 5, 9, 0, 0), "read",
              "P-1")
    login(client, "auditor-own")
    csv = client.get("/audit/export.csv", params={"persoon": "P-1", "handeling": "read"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    header, *rows = text.strip().splitlines()
    assert header.split(";")[:6] == ["Volgnummer", "Tijd (UTC)", "Gebruiker", "Rol",
                                     "Organisatie", "Handeling"]
    assert rows and all(";Ingezien;" in r for r in rows)
    assert "05-01-2026 09:00:00" in rows[0] and "Trajectbegeleider" in rows[0]

    book = client.get("/audit/export.xlsx", params={"gebruiker": "trajectbegeleider-own"})
    assert book.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(book.content), read_only=True)["auditlog"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Volgnummer" and len(values) > 1
    assert {r[2] for r in values[1:] if r[2]} == {"trajectbegeleider-own"}

    # the exports are audited themselves, with their filters
    exported = client.get("/audit", params={"handeling": "export"}).text
    assert "Geëxporteerd" in exported and "Auditlog" in exported
    assert client.get("/audit/export.csv", params={"van": "morgen"}).status_code == 422
