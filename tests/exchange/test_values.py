from datetime import date

import pytest

from woonregie.exchange.values import (
    Amount,
    CellError,
    Choice,
    CodeList,
    Day,
    Integer,
    Scores,
    Text,
    YesNo,
)


def rejects(cell_type, raw: str, message: str) -> None:
    with pytest.raises(CellError) as err:
        cell_type.parse(raw)
    assert message in str(err.value)


def test_integer():
    assert Integer(0, 10).parse("7") == 7
    assert Integer(-5, 5).parse("-3") == -3
    assert Integer(0, 10_000).parse("1.000") == 1000  # Dutch thousands
    rejects(Integer(), "abc", "'abc' is geen geheel getal")
    rejects(Integer(), "1,5", "geen geheel getal")
    rejects(Integer(), "1_000", "geen geheel getal")
    rejects(Integer(1, 9), "10", "buiten 1–9")


def test_amount_reads_dutch_and_keeps_cents():
    assert Amount().parse("612.50") == 612.5  # a dot before two digits is a decimal point
    assert Amount().parse("612,5") == 612.5
    assert Amount().parse("0") == 0.0
    assert Amount().parse("12.345") == 12345.0  # a dot before three digits groups thousands
    assert Amount().parse("€ 12") == 12.0
    assert Amount().parse("1.234,50") == 1234.5
    rejects(Amount(), "-5", "negatief")
    rejects(Amount(), "12,345", "dubbelzinnig")
    rejects(Amount(), "1,234.50", "Engelse notatie")
    rejects(Amount(), "nan", "geen getal")
    rejects(Amount(), "12,3456", "meer dan 2 decimalen")


def test_yes_no():
    assert YesNo().parse("Ja") is True and YesNo().parse("nee") is False
    assert YesNo().parse("1") is True
    rejects(YesNo(), "misschien", "geen ja of nee")


def test_dates_iso_and_dutch():
    assert Day().parse("2026-02-01") == date(2026, 2, 1)
    assert Day().parse("1-2-2026") == date(2026, 2, 1)
    assert Day().parse("02/01/2026") == date(2026, 1, 2)  # day first, as the Dutch write it
    rejects(Day(), "2026-02-30", "'2026-02-30' is geen geldige datum")
    rejects(Day(), "gisteren", "geen geldige datum (schrijf DD-MM-JJJJ")
    rejects(Day(), "1-2-26", "vier cijfers")


def test_choice_lists_the_allowed_values():
    levels = Choice(("gemeente", "wijk", "buurt"), "niveau")
    assert levels.parse("Buurt") == "buurt"
    rejects(levels, "stad", "'stad' is geen geldige niveau; toegestaan: gemeente, wijk, buurt")


def test_text_length():
    assert Text(3).parse("abc") == "abc"
    rejects(Text(3), "abcd", "maximaal 3")


def test_code_list_splits_on_semicolons_keeping_order():
    assert CodeList(Text(16)).parse("WK2; WK1;;WK2") == ("WK2", "WK1")
    features = CodeList(Choice(("lift", "rolstoel"), "kenmerk"))
    rejects(features, "lift;zwembad", "'zwembad' is geen geldige kenmerk")
    assert features.format(("lift", "rolstoel")) == "lift;rolstoel"


def test_zrm_scores():
    assert Scores().parse("financien=3; Huisvesting = 2") == {"financien": 3, "huisvesting": 2}
    rejects(Scores(), "financien=7", "moet 1–5 zijn")
    rejects(Scores(), "financien=0", "moet 1–5 zijn")
    rejects(Scores(), "financien", "geen domein=score")
    rejects(Scores(), "financien=1;financien=2", "twee keer")
    assert Scores().format({"a": 1, "b": 5}) == "a=1;b=5"


def test_a_vocabulary_choice_explains_codes_with_labels_and_reads_a_label():
    from woonregie.domain.enums import HousingForm

    forms = Choice.of(HousingForm, "woonvorm")
    assert "zelfstandig (Zelfstandige woning)" in forms.label
    assert forms.parse("Zelfstandige woning") == "zelfstandig"
    assert forms.parse("housing first") == "housing_first"
    rejects(forms, "villa", "'villa' is geen geldige woonvorm")
