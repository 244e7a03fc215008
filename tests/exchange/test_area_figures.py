"""CBS Kerncijfers and Leefbaarometer files: columns by title, messy values."""

from __future__ import annotations

import pytest

from woonregie.exchange.area_figures import (
    KERNCIJFERS,
    LEEFBAAROMETER,
    ValueProblem,
    columns,
    kind_of,
    parse_rows,
    parse_value,
)

CBS_TITLES = ["Wijken en buurten", "Regioaanduiding/Gemeentenaam (naam)",
              "Regioaanduiding/Soort regio (omschrijving)", "Regioaanduiding/Codering (code)",
              "Bevolking/Aantal inwoners (aantal)", "Huishoudens/Huishoudens totaal (aantal)",
              "Wonen/Woningvoorraad (aantal)", "Wonen/Koopwoningen (%)",
              "Wonen/Huurwoningen totaal/In bezit woningcorporatie (%)"]


def test_columns_are_found_by_title_in_any_order_and_wording():
    assert kind_of(CBS_TITLES) == KERNCIJFERS
    shuffled = list(reversed(CBS_TITLES))
    cols = columns(KERNCIJFERS, shuffled)
    assert shuffled[cols["code"]].startswith("Regioaanduiding/Codering")
    assert shuffled[cols["corporation_pct"]].endswith("woningcorporatie (%)")
    assert shuffled[cols["owner_pct"]] == "Wonen/Koopwoningen (%)"
    short = ["Codering", "Aantal inwoners", "Huishoudens totaal", "Koopwoningen",
             "Huurwoningen in bezit woningcorporaties"]
    assert set(columns(KERNCIJFERS, short)) == {"code", "inhabitants", "households",
                                                 "owner_pct", "corporation_pct"}
    assert kind_of(["bu_code", "bu_naam", "lbm", "klasse"]) == LEEFBAAROMETER
    assert kind_of(["naam", "adres"]) is None


@pytest.mark.parametrize(("text", "kind", "value"), [
    (" 2.345 ", "int", 2345), ("12345", "int", 12345), (".", "int", None), ("x", "pct", None),
    ("", "int", None), ("42,5", "pct", 42.5), ("42.5", "pct", 42.5), ('"38"', "pct", 38.0),
    ("4.123", "score", 4.123), ("4,1627", "score", 4.1627), ("6", "class", 6),
    ("6 - ruim voldoende", "class", 6), ("7,0", "class", 7),
])
def test_messy_values(text, kind, value):
    assert parse_value(text, kind) == value


@pytest.mark.parametrize(("text", "kind"), [("abc", "int"), ("1,5", "int"), ("120", "pct"),
                                             ("0", "class"), ("10", "class"), ("-3", "int")])
def test_bad_values_are_refused_in_dutch(text, kind):
    with pytest.raises(ValueProblem):
        parse_value(text, kind)


def test_only_buurten_are_kept_and_problems_name_row_and_column():
    rows = [(2, ["Nederland", "", "Land", "NL00  ", "17811291", "8121000", ".", "57", "29"]),
            (3, ["Centrum", "Stad", "Wijk", "WK900101", "5000", "2400", "2300", "40", "45"]),
            (4, ["Oude Kern", "Stad", "Buurt", "BU90010101  ", "2.345", "1.100", "1050",
                 "42,5", "38,1"]),
            (5, ["Haven", "Stad", "Buurt", "bu90010102", "12a", "600", ".", "x", "55"]),
            (6, ["Oude Kern", "Stad", "Buurt", "BU90010101", "1", "1", "1", "1", "1"])]
    found, problems = parse_rows(KERNCIJFERS, "kwb.csv", CBS_TITLES, rows)
    assert found[0] == {"area": "BU90010101", "inhabitants": 2345, "households": 1100,
                        "dwellings": 1050, "owner_pct": 42.5, "corporation_pct": 38.1}
    assert [str(p) for p in problems] == [
        "kwb.csv, rij 5, kolom Bevolking/Aantal inwoners (aantal): geen getal: '12a'",
        "kwb.csv, rij 6, kolom Regioaanduiding/Codering (code): buurt BU90010101 staat er twee "
        "keer in (ook rij 4)"]


def test_a_file_without_a_code_column_is_one_problem():
    found, problems = parse_rows(LEEFBAAROMETER, "lbm.csv", ["naam", "score"], [(2, ["a", "1"])])
    assert found == [] and "buurtcode" in str(problems[0])
