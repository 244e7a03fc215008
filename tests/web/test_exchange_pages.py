"""Import and export on the pages (issue 12 part 7): an organisation uploads its own records,
reads every problem (file, row, column, Dutch message) before anything is written, confirms,
and downloads the template and its own data (pseudonymised for the regisseur)."""

from __future__ import annotations

import html
import io
import re
import zipfile

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests.web_support import csrf_of, login
from woonregie.store.tables import AuditRow, DwellingRow
from woonregie.store.unit_of_work import UnitOfWork

GOOD = ("code;corporatie;buurt;huur;kamers;beschikbaar_vanaf\n"
        "W-UP-1;WC-A;BU90010201;1.050;2;31-12-2026\n"
        "W-UP-2;WC-A;BU90010201;612,50;1;\n")


def _count(engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(DwellingRow))


def _check(client, csrf: str, *files: tuple[str, bytes]):
    return client.post("/uitwisseling/controleren", data={"csrf_token": csrf},
                       files=[("bestand", (name, body)) for name, body in files])


def _problems(page: str) -> list[tuple[str, str, str, str]]:
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [tuple(html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in
                  re.findall(r"<td[^>]*>(.*?)</td>", row))
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_corporation_sees_every_problem_before_anything_is_written(client, seeded,
                                                                    sqlite_engine):
    csrf = login(client, "verhuurmakelaar-own")
    before = _count(sqlite_engine)
    bad = ("code;corporatie;buurt;huur;kamers;beschikbaar_vanaf\n"
           "W-UP-1;WC-A;BU90010201;1,050;2;31-02-2026\n"
           "W-UP-2;WC-B;BU90010201;600;1;\n"
           "W-UP-3;WC-A;BU99;600;x;\n")
    report = _check(client, csrf, ("woningen.csv", bad.encode()))
    assert report.status_code == 422
    problems = _problems(report.text)
    by_place = {p[:3]: p[3] for p in problems}
    assert "dubbelzinnig" in by_place[("woningen.csv", "2", "huur")]
    where = {p[:3] for p in problems}
    assert {("woningen.csv", "2", "beschikbaar_vanaf"), ("woningen.csv", "3", "corporatie"),
            ("woningen.csv", "4", "buurt"), ("woningen.csv", "4", "kamers")} <= where
    assert any("is niet uw organisatie (WC-A)" in p[3] for p in problems)
    assert 'id="fouten"' in report.text and "er is niets opgeslagen" in report.text
    assert 'name="token"' not in report.text  # nothing to confirm
    assert _count(sqlite_engine) == before


def test_check_then_confirm_writes_once(client, seeded, sqlite_engine):
    csrf = login(client, "verhuurmakelaar-own")
    before = _count(sqlite_engine)
    checked = _check(client, csrf, ("woningen.csv", GOOD.encode("utf-8")))
    assert checked.status_code == 200, checked.text
    assert "Controle: geen problemen" in checked.text and "2 woningen" in checked.text
    assert _count(sqlite_engine) == before  # checked, not written
    token = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)

    client.cookies.clear()  # another corporation user cannot confirm this upload
    other = login(client, "verhuurmakelaar-other")
    stolen = client.post("/uitwisseling/bevestigen", data={"csrf_token": other, "token": token},
                         follow_redirects=False)
    assert stolen.status_code == 303 and stolen.headers["location"].endswith("fout=verlopen")
    assert _count(sqlite_engine) == before

    client.cookies.clear()
    csrf = login(client, "verhuurmakelaar-own")
    done = client.post("/uitwisseling/bevestigen", data={"csrf_token": csrf, "token": token})
    assert done.status_code == 200 and "Opgeslagen" in done.text
    assert _count(sqlite_engine) == before + 2
    listed = client.get("/woningen").text
    assert "W-UP-1" in listed and "€ 1.050,00" in listed
    again = client.post("/uitwisseling/bevestigen", data={"csrf_token": csrf_of(client),
                                                          "token": token})
    assert "verlopen" in again.text and _count(sqlite_engine) == before + 2
    with UnitOfWork(sqlite_engine) as uow:
        actions = list(uow.session.scalars(select(AuditRow.action).where(
            AuditRow.actor == "verhuurmakelaar-own")))
    assert "import" in actions


def test_excel_upload_and_the_care_provider_scope(client, seeded, sqlite_engine):
    book = Workbook()
    sheet = book.active
    sheet.title = "woningen"
    sheet.append(["code", "corporatie", "buurt", "huur", "kamers"])
    sheet.append(["W-XL-1", "WC-A", "BU90010201", 1050.5, 2])
    data = io.BytesIO()
    book.save(data)
    csrf = login(client, "trajectbegeleider-own")
    refused = _check(client, csrf, ("regio.xlsx", data.getvalue()))
    assert refused.status_code == 422
    assert "Een zorgaanbieder kan &#39;woningen&#39; niet inlezen" in refused.text
    client.cookies.clear()
    csrf = login(client, "verhuurmakelaar-own")
    accepted = _check(client, csrf, ("regio.xlsx", data.getvalue()))
    assert accepted.status_code == 200 and "1 woningen" in accepted.text
    wrong = _check(client, csrf, ("notities.txt", b"x"))
    assert wrong.status_code == 422 and "geen CSV- of Excel-bestand" in html.unescape(wrong.text)
    empty = client.post("/uitwisseling/controleren", data={"csrf_token": csrf},
                        follow_redirects=True)
    assert "kies een of meer CSV- of Excel-bestanden" in empty.text


def test_downloads_hold_only_what_the_role_may_have(client, seeded):
    login(client, "verhuurmakelaar-other")  # WC-B
    template = client.get("/uitwisseling/sjabloon.xlsx")
    assert "toelichting" in load_workbook(io.BytesIO(template.content)).sheetnames
    own = load_workbook(io.BytesIO(client.get("/uitwisseling/eigen-gegevens.xlsx").content))
    rows = list(own["woningen"].iter_rows(values_only=True))
    assert rows[0][:2] == ("code", "corporatie")
    assert {r[1] for r in rows[1:]} <= {"WC-B"}
    assert list(own["personen"].iter_rows(values_only=True))[1:] == []

    client.cookies.clear()
    login(client, "trajectbegeleider-own")  # ZA-A: its clients, with names
    zipped = zipfile.ZipFile(io.BytesIO(client.get("/uitwisseling/eigen-gegevens.zip").content))
    persons = zipped.read("personen.csv").decode("utf-8-sig")
    assert "P-1" in persons and "ZA-B" not in persons
    assert "woningen.csv" not in zipped.namelist()

    client.cookies.clear()
    login(client, "regisseur-own")  # the region, pseudonymised
    region = load_workbook(io.BytesIO(client.get("/uitwisseling/eigen-gegevens.xlsx").content))
    people = list(region["personen"].iter_rows(values_only=True))
    assert "naam" not in people[0]
    keys = [r[0] for r in people[1:]]
    assert keys and all(k.startswith("PS-") for k in keys)
    assert list(region["woningen"].iter_rows(min_row=2, values_only=True))  # every corporation
