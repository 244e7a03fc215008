"""The dashboard's downloads for people (services/table_files.people_csv, people_workbook):
Dutch notation in the CSV, real numbers and dates with Dutch display formats in the workbook,
and text that a spreadsheet would run as a formula kept as text in both."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

from openpyxl import load_workbook

from woonregie.monitor import Period
from woonregie.monitor.figure_tables import FigureTable
from woonregie.services.monitoring import MonitorFilters
from woonregie.services.table_files import people_csv, people_text, people_workbook

TABLE = FigureTable("proef", "Proeftabel", ["Naam", "Aantal", "Aandeel (%)", "Huur", "Datum",
                                            "Jaar"],
                    rows=[["=HYPERLINK(\"http://x\")", 1234, 66.67, Decimal("1050.00"),
                           date(2026, 12, 31), 2026],
                          ["Buurt", None, None, None, None, None]],
                    decimals={2: 2}, plain=frozenset({5}))


def test_people_text():
    assert people_text(1234) == "1.234" and people_text(1234.5) == "1.234,5"
    assert people_text(Decimal("1050")) == "€ 1.050,00"
    assert people_text(date(2026, 12, 31)) == "31-12-2026"
    assert people_text("@SUM(A1)") == "'@SUM(A1)" and people_text(None) == ""


def test_csv_is_dutch_and_safe():
    lines = people_csv(TABLE).decode("utf-8-sig").splitlines()
    assert lines[1] == ('"\'=HYPERLINK(""http://x"")";1.234;66,67;€ 1.050,00;31-12-2026;'
                        "2026")
    assert lines[2] == "Buurt;;;;;"


def test_workbook_keeps_numbers_and_dates_with_dutch_formats():
    figures = SimpleNamespace(period=Period(date(2026, 1, 1), date(2026, 12, 31)),
                              filters=MonitorFilters(gemeente="GM0363"))
    book = load_workbook(io.BytesIO(people_workbook([TABLE], figures,
                                                    datetime(2026, 12, 1, 7, 30))))
    about = book["toelichting"]
    assert [c.value for c in about["A"]] == ["Periode van", "Periode tot en met",
                                             "Filter gemeente", "Berekend op"]
    assert about["B1"].number_format == "DD-MM-YYYY"
    sheet = book["proef"]
    name, count, share, rent, day, year = sheet[3]
    assert name.value == "=HYPERLINK(\"http://x\")" and name.data_type == "s"
    assert name.quotePrefix  # stays text when edited
    assert (count.value, count.number_format) == (1234, "#,##0")
    assert (share.value, share.number_format) == (66.67, "#,##0.00")
    assert (rent.value, rent.number_format) == (1050.0, '"€ "#,##0.00')
    assert day.number_format == "DD-MM-YYYY" and day.value.date() == date(2026, 12, 31)
    assert (year.value, year.number_format) == (2026, "0")
