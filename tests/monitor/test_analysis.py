"""The woonzorganalyse on a hand-built region whose answer is worked out here
(docs/woonzorganalyse.md has the same example)."""

from __future__ import annotations

from datetime import date

import pytest

from woonregie.monitor.analysis import (
    AgreementRecord,
    AnalysisInput,
    AreaRecord,
    BuurtFigures,
    DwellingRecord,
    PersonRecord,
    PlacementRecord,
    analyse,
    status_on,
)
from woonregie.monitor.tables import analysis_tables, dutch

ON = date(2026, 6, 30)
AREAS = [
    AreaRecord("GM1", "Stad", "gemeente", None),
    AreaRecord("WK1", "Centrum", "wijk", "GM1"),
    AreaRecord("WK2", "Noord", "wijk", "GM1"),
    AreaRecord("B11", "Kern", "buurt", "WK1", 4),
    AreaRecord("B12", "Haven", "buurt", "WK1", 6),
    AreaRecord("B21", "Akkers", "buurt", "WK2", 7),
]
DWELLINGS = [
    DwellingRecord("WC-A", "B11", "zelfstandig", "vrij"),
    DwellingRecord("WC-A", "B11", "zelfstandig", "verhuurd"),
    DwellingRecord("WC-A", "B12", "kamer", "verhuurd"),
    DwellingRecord("WC-A", "B12", "kamer", "niet_beschikbaar"),  # not in the stock
    DwellingRecord("WC-B", "B21", "zelfstandig", "verhuurd"),
    DwellingRecord("WC-B", "B21", "zelfstandig", "vrij"),
]
PLACEMENTS = [
    PlacementRecord("B11", "zelfstandig", date(2025, 1, 1)),  # before the year's window
    PlacementRecord("B21", "zelfstandig", date(2025, 10, 1)),
    PlacementRecord("B11", "zelfstandig", date(2026, 2, 1)),
    PlacementRecord("B12", "kamer", date(2026, 5, 1)),
    PlacementRecord("B11", "zelfstandig", date(2026, 7, 15)),  # after the peildatum
]
U, V, G, A = "uitstroomklaar", "voorgedragen", "gehuisvest", "aangemeld"
PERSONS = [
    # waiting, ready within the window (inflow 1), wants Kern → WK1, zelfstandig
    PersonRecord("P1", "bw_uitstroom", "licht", ("zelfstandig",), ("B11",),
                 ((date(2025, 12, 1), A), (date(2026, 3, 1), U))),
    # waiting (proposed), ready before the window; two forms, no area: spread by stock 3:2
    PersonRecord("P2", "mo_uitstroom", "middel", ("zelfstandig", "kamer"), (),
                 ((date(2024, 12, 1), A), (date(2025, 1, 1), U), (date(2025, 2, 1), V))),
    # housed in the window: inflow 1, not waiting; the gemeente as area → wijken by stock
    PersonRecord("P3", "dakloos", "geen", (), ("GM1",),
                 ((date(2025, 8, 1), A), (date(2025, 9, 1), U), (date(2025, 10, 1), G))),
    # ready only after the peildatum: no demand yet
    PersonRecord("P4", "bw_uitstroom", "licht", (), ("B21",),
                 ((date(2026, 1, 1), A), (date(2026, 7, 1), U))),
]
AGREEMENTS = [
    AgreementRecord("GM1", "WC-A", "bw_uitstroom", 2026, 2),
    AgreementRecord("GM1", "WC-B", "mo_uitstroom", 2026, 3),
    AgreementRecord("GM1", "WC-B", "mo_uitstroom", 2025, 50),  # another year
]


def data(**changes) -> AnalysisInput:
    base = dict(year=2026, on=ON, areas=AREAS, persons=PERSONS, dwellings=DWELLINGS,
                placements=PLACEMENTS, agreements=AGREEMENTS,
                organisations={"WC-A": "Woonstede", "WC-B": "Thuis"})
    return AnalysisInput(**(base | changes))


def gaps(result):
    return {(g.wijk, g.form): g for g in result.gaps}


def test_turnover_is_placements_in_the_year_before_over_the_stock_per_form():
    result = analyse(data())
    # zelfstandig: 2 placements in [30-6-2025, 30-6-2026) over 4 dwellings; kamer: 1 over 1
    assert result.turnover == {"kamer": 1.0, "zelfstandig": 0.5}


def test_demand_per_wijk_and_form_is_waiting_plus_inflow_split_by_forms_and_stock():
    g = gaps(analyse(data()))
    # WK1 zelfstandig: P1 (1 waiting, 1 inflow) + P2 ½ form × 3/5 stock + P3 inflow 3/5
    assert g[("WK1", "zelfstandig")].waiting == pytest.approx(1.3)
    assert g[("WK1", "zelfstandig")].inflow == pytest.approx(1.6)
    assert g[("WK1", "kamer")].waiting == pytest.approx(0.3)
    assert g[("WK2", "zelfstandig")].waiting == pytest.approx(0.2)
    assert g[("WK2", "zelfstandig")].inflow == pytest.approx(0.4)
    # WK2 has no rooms, but P2 may live in one there: a shortage without stock
    assert g[("WK2", "kamer")].demand == pytest.approx(0.2)
    assert g[("WK2", "kamer")].stock == 0 and g[("WK2", "kamer")].supply == 0


def test_supply_is_stock_times_turnover_plus_contingent_top_up():
    result = analyse(data())
    g = gaps(result)
    assert g[("WK1", "zelfstandig")].vacancies == pytest.approx(1.0)  # 2 × 0.5
    assert g[("WK1", "kamer")].vacancies == pytest.approx(1.0)  # 1 × 1.0
    # WC-A promises 2 and will free 2: nothing extra; WC-B promises 3, frees 1: 2 extra in WK2
    assert [(c.corporation, c.agreed, c.vacancies, c.extra) for c in result.contingents] == [
        ("WC-A", 2, 2.0, 0.0), ("WC-B", 3, 1.0, 2.0)]
    assert g[("WK2", "zelfstandig")].supply == pytest.approx(3.0)
    assert g[("WK1", "zelfstandig")].gap == pytest.approx(1.0 - 2.9)
    assert g[("WK1", "kamer")].gap == pytest.approx(0.7)
    assert g[("WK2", "zelfstandig")].gap == pytest.approx(3.0 - 0.6)


def test_demand_per_profile_counts_each_person_once():
    rows = {(r.group, r.intensity, r.form): (r.waiting, r.inflow) for r in analyse(data()).demand}
    assert rows == {("bw_uitstroom", "licht", "zelfstandig"): (1.0, 1.0),
                    ("mo_uitstroom", "middel", "zelfstandig"): (0.5, 0.0),
                    ("mo_uitstroom", "middel", "kamer"): (0.5, 0.0),
                    ("dakloos", "geen", "zelfstandig"): (0.0, 1.0)}
    assert sum(r.demand for r in analyse(data()).demand) == pytest.approx(
        sum(g.demand for g in analyse(data()).gaps))


def test_spread_against_the_register_stock_without_cbs_figures():
    spread = {r.wijk: r for r in analyse(data()).spread}
    # placements in 2026 up to the peildatum: both in WK1; stock 3 of 5 in WK1
    assert (spread["WK1"].placements, spread["WK1"].placement_share) == (2, 1.0)
    assert spread["WK1"].stock_share == pytest.approx(0.6)
    assert spread["WK1"].ratio == pytest.approx(1 / 0.6)
    assert spread["WK2"].ratio == 0.0
    assert spread["WK1"].liveability == pytest.approx(5.0)  # classes 4 and 6
    assert spread["WK1"].inhabitants is None


def test_spread_uses_cbs_social_stock_and_leefbaarometer_where_imported():
    figures = [BuurtFigures("B11", 2000, 900, 1000, corporation_pct=40.0, owner_pct=55.0,
                            liveability_score=3.9, liveability_class=3),
               BuurtFigures("B12", 1000, 500, None, corporation_pct=20.0),
               BuurtFigures("B21", 2500, 1100, 1000, corporation_pct=50.0, owner_pct=45.0)]
    spread = {r.wijk: r for r in analyse(data(figures=figures)).spread}
    # social stock: 1000 × 40 % + 500 households × 20 % = 500 in WK1; 1000 × 50 % in WK2
    assert spread["WK1"].social_stock == pytest.approx(500)
    assert spread["WK1"].stock_share == pytest.approx(0.5)
    assert spread["WK1"].corporation_pct == pytest.approx((1000 * 40 + 500 * 20) / 1500)
    assert (spread["WK1"].inhabitants, spread["WK1"].households) == (3000, 1400)
    assert spread["WK1"].liveability == pytest.approx(4.5)  # imported class 3, area class 6


def test_an_empty_register_gives_empty_tables_and_no_shares():
    result = analyse(data(persons=[], dwellings=[], placements=[], agreements=[]))
    assert result.gaps == [] and result.demand == [] and result.contingents == []
    assert all(r.stock_share is None and r.placement_share is None and r.ratio is None
               for r in result.spread)


def test_status_on_takes_the_last_change_on_or_before_the_day():
    changes = ((date(2024, 2, 29), A), (date(2025, 2, 28), U))  # a leap day
    assert status_on(changes, date(2025, 2, 27)) == A
    assert status_on(changes, date(2025, 2, 28)) == U
    assert status_on(changes, date(2024, 2, 28)) is None


def test_tables_carry_dutch_labels_and_names_not_codes():
    tables = {t.name: t for t in analysis_tables(analyse(data()))}
    assert list(tables) == ["vraag", "tekort", "contingenten", "spreiding", "buurten"]
    assert tables["vraag"].rows[0][:3] == ["Uitstroom beschermd wonen", "Licht",
                                           "Zelfstandige woning"]
    assert tables["contingenten"].rows[0][:2] == ["Stad", "Woonstede"]
    assert tables["tekort"].rows[0][:3] == ["Stad", "Centrum", "Kamer met gedeelde voorzieningen"]
    assert dutch(1234.5) == "1.234,5" and dutch(1234) == "1.234" and dutch(None) == "–"
