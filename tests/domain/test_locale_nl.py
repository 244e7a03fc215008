"""Dutch numbers, amounts and dates in and out (domain/locale_nl.py): a table of what people
type and what it must mean, the refusals included. The same table is run through the pages,
the API and the import (tests/web/test_dutch_input.py, tests/services/test_imports.py), since
those all read through this one module."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from woonregie.domain import locale_nl
from woonregie.domain.locale_nl import INCOME, RENT, NotDutch

AMOUNTS = [
    ("18.500", Decimal("18500")),
    ("18.500,50", Decimal("18500.50")),
    ("€ 1.050", Decimal("1050")),
    ("€1.050,00", Decimal("1050")),
    ("1050", Decimal("1050")),
    ("1050,00", Decimal("1050")),
    ("1050,5", Decimal("1050.50")),
    ("1.050,-", Decimal("1050")),
    ("1050.50", Decimal("1050.50")),  # a dot before two digits cannot group thousands
    (" 612,50 ", Decimal("612.50")),
    ("1.234.567,89", Decimal("1234567.89")),
    ("0", Decimal("0")),
]

REFUSED_AMOUNTS = [
    ("1,050", "dubbelzinnig"),  # English thousands or Dutch 1,050 (three decimals)?
    ("1,050.50", "Engelse notatie"),
    ("1.05.0", "geen getal"),
    ("18.50.00", "geen getal"),
    ("1050.500", "geen getal"),
    ("12,3456", "meer dan 2 decimalen"),
    ("-5", "negatief"),
    ("abc", "geen getal"),
    ("", "geen getal"),
    ("1e5", "geen getal"),
    ("nan", "geen getal"),
]


@pytest.mark.parametrize(("typed", "meant"), AMOUNTS)
def test_amounts_read_as_a_dutch_person_means(typed, meant):
    assert locale_nl.parse_amount(typed) == meant


@pytest.mark.parametrize(("typed", "why"), REFUSED_AMOUNTS)
def test_ambiguous_or_impossible_amounts_are_refused(typed, why):
    with pytest.raises(NotDutch, match=why):
        locale_nl.parse_amount(typed)


def test_numbers_from_machines_are_taken_as_numbers():
    assert locale_nl.parse_amount(1050.5) == Decimal("1050.50")
    assert locale_nl.parse_amount(18500) == Decimal("18500")
    with pytest.raises(NotDutch, match="meer dan 2 decimalen"):
        locale_nl.parse_amount(1.125)  # not read as 1125, not rounded
    with pytest.raises(NotDutch):
        locale_nl.parse_amount(True)
    for huge in (1e26, float("inf"), float("nan"), Decimal("1E+26")):
        with pytest.raises(NotDutch):
            locale_nl.parse_amount(huge, RENT)


@pytest.mark.parametrize(("typed", "why"), [
    ("1.050", None), ("100", None), ("2.500", None),
    ("1,05", "geen aannemelijke kale huur per maand"),  # the old bug: 1.050 stored as 1,05
    ("99,99", "tussen € 100 en € 2.500"),
    ("10.500", "geen aannemelijke"),
])
def test_rent_has_plausible_bounds(typed, why):
    if why is None:
        assert RENT.minimum <= locale_nl.parse_amount(typed, RENT) <= RENT.maximum
    else:
        with pytest.raises(NotDutch, match=why):
            locale_nl.parse_amount(typed, RENT)


def test_income_has_plausible_bounds_but_no_income_is_an_answer():
    assert locale_nl.parse_amount("18.500", INCOME) == Decimal(18500)
    assert locale_nl.parse_amount("0", INCOME) == 0
    with pytest.raises(NotDutch, match="€ 18,00 is geen aannemelijke bruto jaarinkomen"):
        locale_nl.parse_amount("18", INCOME)
    with pytest.raises(NotDutch, match="tussen € 1.000 en € 250.000"):
        locale_nl.parse_amount("1.850.000", INCOME)


@pytest.mark.parametrize(("typed", "meant"), [
    ("1.000", 1000), ("7", 7), ("-3", -3), ("12.345.678", 12345678),
])
def test_integers(typed, meant):
    assert locale_nl.parse_integer(typed, -10, 100_000_000) == meant


@pytest.mark.parametrize("typed", ["1,5", "1.5", "1,000", "x", "2.50"])
def test_integers_refused(typed):
    with pytest.raises(NotDutch, match="geen geheel getal"):
        locale_nl.parse_integer(typed, 0, 100_000)


@pytest.mark.parametrize(("typed", "meant"), [
    ("31-12-2026", date(2026, 12, 31)),
    ("1-2-2026", date(2026, 2, 1)),
    ("01/02/2026", date(2026, 2, 1)),
    ("1.2.2026", date(2026, 2, 1)),
    ("2026-12-31", date(2026, 12, 31)),
])
def test_dates_dutch_and_iso(typed, meant):
    assert locale_nl.parse_date(typed) == meant


@pytest.mark.parametrize(("typed", "why"), [
    ("31-02-2026", "bestaat niet"),
    ("12-31-2026", "bestaat niet"),  # month first is not Dutch: refused, not swapped
    ("31-12-26", "vier cijfers"),
    ("morgen", "geen geldige datum"),
    ("2026/12/31", "geen geldige datum"),
])
def test_dates_refused(typed, why):
    with pytest.raises(NotDutch, match=why):
        locale_nl.parse_date(typed)


def test_shown_as_a_dutch_person_reads_it():
    assert locale_nl.euro(1050) == "€ 1.050,00"
    assert locale_nl.euro(Decimal("932.93")) == "€ 932,93"
    assert locale_nl.euro(1_234_567.5) == "€ 1.234.567,50"
    assert locale_nl.euro(2500, cents=False) == "€ 2.500"
    assert locale_nl.euro(None) == "–"
    assert locale_nl.amount(18500.5) == "18.500,50"
    assert locale_nl.amount_field(18500) == "18.500"
    assert locale_nl.amount_field(612.5) == "612,50"
    assert locale_nl.number(135000) == "135.000"
    assert locale_nl.number(88.14, 1) == "88,1"
    assert locale_nl.datum(date(2026, 12, 31)) == "31-12-2026"
    assert locale_nl.datum(datetime(2026, 1, 2, 3, 4)) == "02-01-2026"
    assert locale_nl.datum_tijd(datetime(2026, 1, 2, 13, 4)) == "02-01-2026 13:04"


@pytest.mark.parametrize("value", [Decimal("0.01"), Decimal("18500.5"), Decimal("1050"),
                                   Decimal("1234567.89")])
def test_what_is_shown_reads_back_as_the_same_value(value):
    assert locale_nl.parse_amount(locale_nl.euro(value)) == value
    assert locale_nl.parse_amount(locale_nl.amount_field(value)) == value
