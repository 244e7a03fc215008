"""The comparison page: self-contained HTML with a chart per figure, Dutch numbers."""

import math

from woonregie.simulate.report import charts, comparison_page, number, rows
from woonregie.simulate.summary import Band, from_json, to_json


def _summary(scale: float) -> dict:
    b = Band(100 * scale, 90 * scale, 120 * scale)
    return {"gehuisvest": [b, b], "wachttijd_mediaan": b, "wachttijd_p90": b,
            "stagnatie": [b, b], "beddagen_bw_mo": [b, b],
            "huurbehoud": Band(float("nan"), float("nan"), float("nan"))}


def test_a_summary_survives_json():
    s = _summary(1.0)
    back = from_json(to_json(s))
    assert back["gehuisvest"] == s["gehuisvest"]
    assert math.isnan(back["huurbehoud"].median)


def test_the_page_has_the_table_and_a_chart_per_figure():
    named = [("Basis", _summary(1.0)), ("Meer <contingent>", _summary(1.5))]
    page = comparison_page(named, 2, 10, 1)
    assert page.count("<svg") == len(charts(named)) == 6
    assert "Meer &lt;contingent&gt;" in page and "<script" not in page
    assert ("Gehuisvest per jaar, jaar 2", ["100 [90–120]", "150 [135–180]"]) in rows(named, 2)


def test_numbers_are_dutch():
    assert number(1234567.891, 1) == "1.234.567,9"
    assert number(float("nan")) == "–"
