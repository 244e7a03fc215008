"""One dwelling's page: the corporation sees and edits its dwelling (Dutch amounts, only the
changed fields written, audited) and its history; the regisseur reads it without person keys;
another corporation gets 404."""

from __future__ import annotations

import html

from sqlalchemy import select

from tests.web_support import login
from woonregie.store.tables import AuditRow, DwellingRow
from woonregie.store.unit_of_work import UnitOfWork


def _row(engine, code: str) -> DwellingRow:
    with UnitOfWork(engine) as uow:
        row = uow.session.scalars(select(DwellingRow).where(DwellingRow.code == code)).one()
        uow.session.expunge(row)
        return row


def test_corporation_edits_its_dwelling_and_reads_its_history(client, seeded, sqlite_engine):
    csrf = login(client, "verhuurmakelaar-own")
    assert 'href="/woningen/W-1"' in client.get("/woningen").text
    page = client.get("/woningen/W-1")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Voorgesteld" in text and 'href="/clienten/P-1"' in page.text  # the live match
    assert "€ 610,00" in text and "(BU90010101)" in text
    status_before = _row(sqlite_engine, "W-1").status

    bad = client.post("/woningen/W-1", data={"csrf_token": csrf, "rent": "1,050", "rooms": "2"})
    assert bad.status_code == 422 and "dubbelzinnig" in html.unescape(bad.text)
    assert _row(sqlite_engine, "W-1").rent == 610.0

    saved = client.post("/woningen/W-1", data={
        "csrf_token": csrf, "rent": "1.050,50", "rooms": "3", "features": ["lift", "rolstoel"],
        "available_from": "31-12-2026", "min_household": "1", "max_household": "4"},
        follow_redirects=False)
    assert saved.status_code == 303, saved.text
    row = _row(sqlite_engine, "W-1")
    assert (row.rent, row.rooms, sorted(row.features)) == (1050.5, 3, ["lift", "rolstoel"])
    assert row.available_from.isoformat() == "2026-12-31"
    assert row.status == status_before  # the status is never written by the page
    shown = html.unescape(client.get(saved.headers["location"]).text)
    assert "€ 1.050,50" in shown and "31-12-2026" in shown and "opgeslagen" in shown
    with UnitOfWork(sqlite_engine) as uow:
        details = list(uow.session.scalars(select(AuditRow.detail).where(
            AuditRow.action == "update", AuditRow.entity_key == "W-1")))
    assert details == [{"fields": ["available_from", "features", "max_household", "rent",
                                   "rooms"]}]


def test_regisseur_reads_other_corporation_gets_404(client, seeded):
    csrf = login(client, "regisseur-own")
    page = client.get("/woningen/W-1")
    assert page.status_code == 200 and "Wijzigen" not in page.text
    assert 'href="/clienten/P-1"' not in page.text  # no person keys in the regie view
    assert client.post("/woningen/W-1", data={"csrf_token": csrf, "rent": "700",
                                              "rooms": "2"}).status_code == 403
    client.cookies.clear()
    login(client, "verhuurmakelaar-other")
    assert client.get("/woningen/W-1").status_code == 404
    assert client.get("/woningen/BESTAAT-NIET").status_code == 404
