"""The JSON contract (monitor-definitions.md): keys and shapes of every figure."""

from datetime import date

from tests.monitor.region import data
from woonregie.monitor import FIGURES, MonitorData, Period, compute

GROUPS = {"bw_uitstroom", "mo_uitstroom", "dakloos", "urgent", "statushouder", "overig"}
STATUSES = {"aangemeld", "in_voorbereiding", "uitstroomklaar", "voorgedragen", "gehuisvest",
            "nazorg", "afgesloten", "teruggevallen", "uitgeschreven"}
CONTRACT = ["periode", "eerste_instroom", "instroom", "uitstroom", "stand", "wachttijd",
            "wachtend", "stagnatie", "huurbehoud", "terugval", "contingent", "concentratie"]


def is_count(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def is_days(v):
    return v is None or (isinstance(v, float) and round(v, 1) == v)


def is_share(v):
    return v is None or (isinstance(v, float) and 0 <= v <= 1 and round(v, 4) == v)


def check_per_group(fig):
    assert set(fig) >= GROUPS | {"totaal"}
    assert all(is_count(fig[g]) for g in GROUPS | {"totaal"})
    assert fig["totaal"] == sum(fig[g] for g in GROUPS)


def check_days(fig, with_mean=True):
    keys = {"aantal", "mediaan", "p90"} | ({"gemiddeld"} if with_mean else set())
    assert set(fig) >= keys and is_count(fig["aantal"])
    assert all(is_days(fig[k]) for k in keys - {"aantal"})


def check_contract(out):
    assert list(out)[:len(CONTRACT)] == CONTRACT
    assert set(out["periode"]) == {"van", "tot"}
    date.fromisoformat(out["periode"]["van"]), date.fromisoformat(out["periode"]["tot"])
    check_per_group(out["eerste_instroom"])
    check_per_group(out["instroom"])
    assert set(out["uitstroom"]) >= {"gehuisvest", "teruggevallen", "uitgeschreven"}
    for exit_ in ("gehuisvest", "teruggevallen", "uitgeschreven"):
        check_per_group(out["uitstroom"][exit_])
    assert set(out["stand"]) >= STATUSES and all(is_count(out["stand"][s]) for s in STATUSES)
    check_days(out["wachttijd"])
    assert set(out["wachttijd"]["per_doelgroep"]) >= GROUPS
    for g in GROUPS:
        check_days(out["wachttijd"]["per_doelgroep"][g])
    check_days(out["wachtend"], with_mean=False)
    stag = out["stagnatie"]
    assert stag["drempel_dagen"] == 90 and is_count(stag["aantal"])
    assert is_count(stag["geblokkeerde_dagen"])
    assert set(out["huurbehoud"]) >= {"6", "12", "24"}
    for n in ("6", "12", "24"):
        kept = out["huurbehoud"][n]
        assert is_count(kept["aantal"]) and is_share(kept["aandeel"])
    ret = out["terugval"]
    assert is_count(ret["aantal"])
    assert all(is_share(ret[k]) for k in ("0_180", "181_365", "366_730", "totaal"))
    for r in out["contingent"]:
        assert set(r) >= {"gemeente", "corporatie", "doelgroep", "jaar", "afspraak",
                          "gerealiseerd", "prognose"}
        assert is_count(r["jaar"]) and is_count(r["afspraak"]) and is_count(r["gerealiseerd"])
        assert is_days(r["prognose"])  # a number rounded to 1 decimal
    for r in out["concentratie"]:
        assert set(r) >= {"buurt", "plaatsingen", "aandeel_plaatsingen", "aandeel_voorraad",
                          "leefbaarheid"}
        assert is_count(r["plaatsingen"]) and r["plaatsingen"] > 0
        assert is_share(r["aandeel_plaatsingen"]) and is_share(r["aandeel_voorraad"])
        assert r["leefbaarheid"] is None or isinstance(r["leefbaarheid"], int)


def test_every_figure_has_the_contract_shape():
    out = compute(data(), Period(date(2024, 1, 1), date(2024, 12, 31)))
    check_contract(out)
    assert out["contingent"] and out["concentratie"]


def test_an_empty_period_keeps_the_shape_with_zeros_and_nulls():
    out = compute(data(), Period(date(2021, 1, 1), date(2021, 1, 31)))
    check_contract(out)
    assert out["instroom"]["totaal"] == 0 and out["wachttijd"]["mediaan"] is None
    assert out["terugval"]["totaal"] is None and out["huurbehoud"]["6"]["aandeel"] is None
    assert out["contingent"] == [] and out["concentratie"] == []


def test_no_records_at_all():
    empty = MonitorData.from_records([], [])
    out = compute(empty, Period(date(2024, 1, 1), date(2024, 12, 31)))
    check_contract(out)
    assert out["stand"] == dict.fromkeys(STATUSES, 0)
    assert out["stagnatie"] == {"drempel_dagen": 90, "aantal": 0, "geblokkeerde_dagen": 0}


def test_a_subset_of_figures():
    out = compute(data(), Period(date(2024, 1, 1), date(2024, 12, 31)), only=["stand"])
    assert list(out) == ["periode", "stand"]
    assert set(FIGURES) == set(CONTRACT) - {"periode"} | {"bemiddeling"}
