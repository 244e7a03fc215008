"""One sample region, one period (the year 2025), four ways to its figures: the monitor engine
fed straight from the generator's domain objects, the API (`GET /api/v1/monitor`), the
dashboard page's tables (and its CSV downloads, which hold every row) and the report
(`woonregie report --year 2025`: its HTML tables, its workbook, the PDF's text). They must
agree on every figure, on SQLite and PostgreSQL.

The expected cells are written here from the engine's JSON with this test's own mapping and
Dutch notation (not with figure_tables.py), so a slip in the tables shows as a difference.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.web_support import PASSWORD, login
from woonregie.app import create_app
from woonregie.cli.main import app as cli
from woonregie.domain.enums import OrgKind, TargetGroup
from woonregie.domain.match import MatchStep
from woonregie.domain.status import PersonStatus
from woonregie.monitor import Period, compute
from woonregie.monitor.records import from_region
from woonregie.sample import generate_region
from woonregie.services import accounts
from woonregie.services.access import Principal, Role
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

REGION = generate_region(1, 0.2, date(2026, 6, 30))
PERIOD = Period(date(2025, 1, 1), date(2025, 12, 31))
SHOWN = 50  # rows of a long table on the page and in the report
OPERATOR = Principal(0, "cli:test", Role.ADMIN, "-", OrgKind.GEMEENTE)
NAMES = {x.code: x.name for x in [*REGION.areas, *REGION.organisations]}


def n(value: int | float | None, decimals: int = 1) -> str:
    """Dutch notation, written out independently of the code under test."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    whole, frac = f"{value:.{decimals}f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def pct(share: float | None) -> str:
    return n(None if share is None else round(share * 100, 2), 2)


def expected_tables(f: dict) -> dict[str, list[list[str]]]:
    groups = [(str(g), g.label) for g in TargetGroup] + [("totaal", "Totaal")]
    out = f["uitstroom"]
    w = f["wachttijd"]
    tables = {
        "stroom": [[label, n(f["eerste_instroom"][g]), n(f["instroom"][g]),
                    n(out["gehuisvest"][g]), n(out["teruggevallen"][g]),
                    n(out["uitgeschreven"][g])] for g, label in groups],
        "stand": [[s.label, n(f["stand"][str(s)])] for s in PersonStatus],
        "wachttijd": [["Gehuisvest in de periode", n(w["aantal"]), n(w["mediaan"]),
                       n(w["p90"]), n(w["gemiddeld"])]]
        + [[f"Gehuisvest: {g.label}", *(n(w["per_doelgroep"][str(g)][k]) for k in
                                        ("aantal", "mediaan", "p90", "gemiddeld"))]
           for g in TargetGroup]
        + [["Wachtend op 31-12-2025", n(f["wachtend"]["aantal"]), n(f["wachtend"]["mediaan"]),
            n(f["wachtend"]["p90"]), "–"]],
        "stagnatie": [["Drempel (dagen)", "90"],
                      ["Wachtenden langer dan 90 dagen", n(f["stagnatie"]["aantal"])],
                      ["Geblokkeerde BW/MO-plaatsdagen in de periode",
                       n(f["stagnatie"]["geblokkeerde_dagen"])]],
        "huurbehoud": [[f"Huurbehoud na {m} maanden", n(s["aantal"]), pct(s["aandeel"])]
                       for m, s in f["huurbehoud"].items()]
        + [[f"Terugval {label}", n(f["terugval"]["aantal"]), pct(f["terugval"][key])]
           for key, label in (("0_180", "0–180 dagen"), ("181_365", "181–365 dagen"),
                              ("366_730", "366–730 dagen"), ("totaal", "binnen 730 dagen"))],
        "contingent": [[NAMES[r["gemeente"]], NAMES[r["corporatie"]],
                        TargetGroup(r["doelgroep"]).label, str(r["jaar"]), n(r["afspraak"]),
                        n(r["gerealiseerd"]), n(r["prognose"])] for r in f["contingent"]],
        "concentratie": [[r["buurt"], r["naam"], n(r["plaatsingen"]),
                          pct(r["aandeel_plaatsingen"]), pct(r["aandeel_voorraad"]),
                          n(r["leefbaarheid"])]
                         for r in sorted(f["concentratie"],
                                         key=lambda r: (-r["plaatsingen"], r["buurt"]))],
    }
    if f.get("bemiddeling"):
        b = f["bemiddeling"]
        tables["bemiddeling"] = [
            [MatchStep(code).label, n(s["aantal"]), n(s["mediaan"]), n(s["p90"]),
             n(s["gemiddeld"]), n(b["vastgelopen"]["per_stap"].get(code, 0))]
            for code, s in b["dagen_per_stap"].items()]
    return tables


class Tables(HTMLParser):
    """The body rows of every <table id="tabel-…">, as cell texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._body = False
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag == "table" and (found.get("id") or "").startswith("tabel-"):
            self._table = found["id"].removeprefix("tabel-")
            self.tables[self._table] = []
        elif self._table and tag == "tbody":
            self._body = True
        elif self._table and self._body and tag == "tr":
            self.tables[self._table].append([])
        elif self._table and self._body and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tbody":
            self._body = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def shown(rows: list[list[str]]) -> list[list[str]]:
    return rows[:SHOWN] if rows else [["Geen rijen in deze periode."]]


@pytest.fixture
def region(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, REGION)
        gemeente = next(o.code for o in REGION.organisations if o.kind == OrgKind.GEMEENTE)
        accounts.add_user(uow, "auditor-agree", None, "auditor", gemeente)
        accounts.add_user(uow, "regisseur-agree", PASSWORD, "regisseur", gemeente)
        token = accounts.create_token(uow, OPERATOR, "auditor-agree").secret
        uow.commit()
    return token


def test_engine_api_pages_and_report_agree(engine, region, tmp_path):
    figures = compute(from_region(REGION), PERIOD)
    assert figures["uitstroom"]["gehuisvest"]["totaal"] > 0 and figures["contingent"]
    assert len(figures["concentratie"]) > SHOWN  # the limit of long tables is exercised
    expected = expected_tables(figures)

    with TestClient(create_app(engine)) as client:
        api = client.get("/api/v1/monitor?van=2025-01-01&tot=2025-12-31",
                         headers={"Authorization": f"Bearer {region}"})
        assert api.status_code == 200 and api.json() == figures
        login(client, "regisseur-agree")
        page = client.get("/dashboard?van=01-01-2025&tot=31-12-2025")
        assert page.status_code == 200
        downloads = {name: client.get(f"/dashboard/download?van=01-01-2025&tot=31-12-2025"
                                      f"&tabel={name}&formaat=csv") for name in expected}

    on_page = Tables(page.text).tables
    assert set(on_page) == set(expected)
    for name, rows in expected.items():
        assert on_page[name] == shown(rows), f"pagina, tabel {name}"
        text = downloads[name].content.decode("utf-8-sig")
        body = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
        assert body == [["" if c == "–" else c for c in row] for row in rows], f"CSV {name}"

    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["--db", url, "report", "--year", "2025",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "woonregie-rapport-2025.html").read_text(encoding="utf-8")
    in_report = Tables(html).tables
    assert set(in_report) == set(expected)
    for name, rows in expected.items():
        assert in_report[name] == shown(rows), f"rapport, tabel {name}"
    assert html.count("<svg") >= 6  # charts inline; nothing to run or fetch:
    assert "<script" not in html and 'src="http' not in html and 'href="http' not in html
    assert 'src="data:image/png;base64,' in html  # the map

    book = load_workbook(tmp_path / "woonregie-rapport-2025.xlsx")
    flow = [[c.value for c in row] for row in book["stroom"].iter_rows(min_row=3, max_row=9)]
    assert flow[-1] == ["Totaal", figures["eerste_instroom"]["totaal"],
                        figures["instroom"]["totaal"],
                        figures["uitstroom"]["gehuisvest"]["totaal"],
                        figures["uitstroom"]["teruggevallen"]["totaal"],
                        figures["uitstroom"]["uitgeschreven"]["totaal"]]
    buurten = book["concentratie"]
    assert buurten.max_row >= 2 + len(figures["concentratie"])  # every row

    if shutil.which("pdftotext"):
        pdf = subprocess.run(["pdftotext", "-layout", str(tmp_path / "woonregie-rapport-2025.pdf"),
                              "-"], check=True, capture_output=True, text=True).stdout
        total = " ".join(expected["stroom"][-1])
        assert " ".join(pdf.split()).count(total) >= 1, total
        assert "Stagnatie" in pdf and "pagina 1 van" in pdf
