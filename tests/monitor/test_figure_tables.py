"""The monitor's tables and charts (figure_tables.py, charts.py) on the worked example of
docs/monitor.md (tests/monitor/region.py, period 2024): cells hold the figures, shares as
percentages; text in Dutch; every chart is a valid Vega-Lite spec drawn from its table."""

from __future__ import annotations

from datetime import date

import pytest

from tests.monitor.region import data
from woonregie.monitor import Period, compute
from woonregie.monitor.charts import chart_spec, to_svg
from woonregie.monitor.figure_tables import monitor_tables, percent

PERIOD = Period(date(2024, 1, 1), date(2024, 12, 31))


@pytest.fixture(scope="module")
def tables():
    figures = compute(data(), PERIOD)
    return {t.name: t for t in monitor_tables(figures, {"GM01": "Centrum", "WC1": "Woonstede"})}


def test_cells_hold_the_worked_figures(tables):
    flow = {row[0]: row[1:] for row in tables["stroom"].rows}
    assert flow["Totaal"] == [1, 4, 2, 2, 0]  # docs/monitor.md: C; 4 inflow; A and B housed
    stock = dict(tables["stand"].rows)
    assert stock["Gehuisvest"] == 3 and stock["Voorgedragen"] == 1
    waiting = {row[0]: row[1:] for row in tables["wachttijd"].rows}
    assert waiting["Gehuisvest in de periode"] == [2, 141.0, 244.0, 141.0]
    assert waiting["Wachtend op 31-12-2024"] == [2, 350.0, 426.0, None]
    assert dict((r[0], r[1]) for r in tables["stagnatie"].rows)[
        "Geblokkeerde BW/MO-plaatsdagen in de periode"] == 520
    tenancy = {row[0]: row[1:] for row in tables["huurbehoud"].rows}
    assert tenancy["Huurbehoud na 6 maanden"] == [3, 66.67]
    assert tenancy["Terugval 181–365 dagen"] == [2, 50.0]
    buurten = tables["concentratie"].rows
    assert buurten[0][:3] == ["BU01", buurten[0][1], 1] and buurten[0][4] == 54.55


def test_text_is_dutch(tables):
    tenancy = tables["huurbehoud"]
    assert tenancy.text_rows()[0] == ["Huurbehoud na 6 maanden", "3", "66,67"]
    waiting = tables["wachttijd"].text_rows()
    assert waiting[-1] == ["Wachtend op 31-12-2024", "2", "350,0", "426,0", "–"]
    assert percent(None) is None and percent(0.6667) == 66.67


def test_contingent_names_and_years():
    figures = compute(data(), Period(date(2024, 1, 1), date(2024, 3, 31)))
    table = next(t for t in monitor_tables(figures, {"GM01": "Centrum", "WC1": "Woonstede"})
                 if t.name == "contingent")
    row = next(r for r in table.text_rows() if r[2] == "Uitstroom maatschappelijke opvang")
    assert row == ["Centrum", "Woonstede", "Uitstroom maatschappelijke opvang", "2024", "2",
                   "1", "4,0"]  # the year without a thousands separator


def test_every_chart_is_valid_vega_lite_from_its_table(tables):
    drawn = {}
    for name, table in tables.items():
        spec = chart_spec(table, validate=True)  # Altair checks the Vega-Lite schema
        if spec is not None:
            assert spec["description"] and spec["title"]
            assert spec["config"]["locale"]["number"]["decimal"] == ","
            drawn[name] = spec
    assert set(drawn) >= {"stroom", "stand", "wachttijd", "huurbehoud", "contingent",
                          "concentratie"}
    bars = {(r["categorie"], r["maat"]): r["waarde"] for r in drawn["stroom"]["data"]["values"]}
    assert bars[("Uitstroom beschermd wonen", "Instroom")] == 1
    assert "stagnatie" not in drawn  # three numbers: the table only


def test_svg_without_a_browser(tables):
    svg = to_svg(chart_spec(tables["huurbehoud"]))
    assert svg.startswith("<svg") and "Huurbehoud na 6 maanden" in svg
