"""The dashboard page (regisseur and auditor): charts with their tables, filters that htmx
swaps, Dutch dates, refusals beside the field, downloads as CSV and Excel for people."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook

from tests.web_support import login


def _spec(page: str, name: str) -> dict:
    found = re.search(rf'<script type="application/json" id="spec-{name}">(.*?)</script>',
                      page, re.S)
    assert found, name
    return json.loads(found[1])


@pytest.mark.parametrize("user", ["regisseur-own", "auditor-other"])
def test_the_dashboard_shows_charts_with_their_tables(client, seeded, user):
    login(client, user)
    page = client.get("/dashboard?van=01-01-2025&tot=31-12-2026")
    assert page.status_code == 200, page.text
    text = page.text
    assert "Periode 01-01-2025 tot en met 31-12-2026" in text
    for name in ("stroom", "stand", "wachttijd"):
        assert f'id="tabel-{name}"' in text
        spec = _spec(text, name)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
        assert f'aria-describedby="cap-{name}"' in text
    # P-1 registered 2025-03-01, P-2 2025-06-01 (tests/factories.py): the row of the table and
    # the bar of the chart say the same.
    assert re.search(r'<th scope="row">Totaal</th><td class="num">2</td>', text)
    bars = _spec(text, "stroom")["data"]["values"]
    assert sum(r["waarde"] for r in bars if r["maat"] == "Instroom") == 2
    assert '<script src="/static/vega/vega-embed.min.js" defer></script>' in text
    assert 'href="/dashboard"' in text  # in the menu


@pytest.mark.parametrize("user", ["trajectbegeleider-own", "verhuurmakelaar-own", "admin-own"])
def test_other_roles_may_not(client, seeded, user):
    login(client, user)
    assert client.get("/dashboard").status_code == 403
    assert client.get("/dashboard/download?tabel=stand&formaat=csv").status_code == 403
    assert 'href="/dashboard"' not in client.get("/").text


def test_htmx_gets_the_figures_only(client, seeded):
    login(client, "regisseur-own")
    fragment = client.get("/dashboard?van=2025-01-01&tot=2025-12-31&doelgroep=bw_uitstroom",
                          headers={"HX-Request": "true", "HX-Target": "figuren"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and 'id="tabel-stroom"' in fragment.text
    assert "doelgroep Uitstroom beschermd wonen" in fragment.text  # a label, not the code


@pytest.mark.parametrize(("query", "field", "message"), [
    ("van=31-02-2025", "van", "31-02-2025"),  # the date reader's own words may change
    ("van=01-06-2025&tot=01-01-2025", "tot", "de einddatum (tot) ligt voor de begindatum"),
    ("gemeente=GM0000", "gemeente", "onbekende gemeente &#39;GM0000&#39;"),
    ("zorgaanbieder=WC-A", "zorgaanbieder", "onbekende zorgaanbieder &#39;WC-A&#39;"),
])
def test_refusals_stand_beside_the_field(client, seeded, query, field, message):
    login(client, "regisseur-own")
    page = client.get(f"/dashboard?{query}")
    assert page.status_code == 422
    assert f'id="e-{field}"' in page.text and message in page.text
    fragment = client.get(f"/dashboard?{query}", headers={"HX-Target": "figuren"})
    assert fragment.status_code == 200 and 'role="alert"' in fragment.text


def test_downloads_for_people(client, seeded):
    login(client, "auditor-own")
    csv = client.get("/dashboard/download?tabel=stroom&formaat=csv&van=01-01-2025"
                     "&tot=31-12-2026")
    assert csv.status_code == 200
    assert 'filename="woonregie-stroom-01-01-2025-tot-31-12-2026.csv"' in \
        csv.headers["content-disposition"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Doelgroep;Eerste instroom;Instroom;Gehuisvest;Teruggevallen;Uitgeschreven"
    assert lines[-1].startswith("Totaal;2;2;")
    book = client.get("/dashboard/download?tabel=alle&formaat=xlsx&van=01-01-2025"
                      "&tot=31-12-2026")
    assert book.status_code == 200
    wb = load_workbook(io.BytesIO(book.content))
    assert wb.sheetnames[:3] == ["toelichting", "stroom", "stand"]
    about = wb["toelichting"]
    assert about["B1"].number_format == "DD-MM-YYYY" and about["B1"].value.year == 2025
    flow = wb["stroom"]
    assert flow["A1"].value == "Instroom en uitstroom per doelgroep"
    assert [c.value for c in flow[2]][:2] == ["Doelgroep", "Eerste instroom"]
    totals = [c for c in flow[9]]
    assert totals[0].value == "Totaal" and totals[1].value == 2
    assert totals[1].number_format == "#,##0"
    assert client.get("/dashboard/download?tabel=geen&formaat=csv").status_code == 404
    assert client.get("/dashboard/download?tabel=alle&formaat=csv").status_code == 404
