"""One table of Dutch input and what it must mean, run through every way in: the client and
dwelling forms, the API, and the import (tests/web/test_dutch_input.py,
tests/services/test_dutch_import.py). A value is either read as a number, or refused with a
message naming the field and saying why; never scaled."""

from __future__ import annotations

from datetime import date

RENTS: list[tuple[str, float | str]] = [
    ("1.050", 1050.0),
    ("€ 1.050", 1050.0),
    ("1050", 1050.0),
    ("1050,00", 1050.0),
    ("612,50", 612.5),
    ("612.50", 612.5),
    ("1.050,-", 1050.0),
    ("1,05", "geen aannemelijke kale huur per maand"),  # once stored as € 1,05
    ("10.500", "geen aannemelijke kale huur per maand"),
    ("1,050", "dubbelzinnig"),
    ("1,050.50", "Engelse notatie"),
    ("1.05.0", "geen getal"),
    ("veel", "geen getal"),
]

INCOMES: list[tuple[str, float | str]] = [
    ("18.500", 18500.0),  # once stored as € 18
    ("18.500,50", 18500.5),  # once refused
    ("€ 18.500", 18500.0),
    ("18500", 18500.0),
    ("18500,00", 18500.0),
    ("0", 0.0),
    ("18", "geen aannemelijke bruto jaarinkomen"),
    ("18,500", "dubbelzinnig"),
    ("18,500.50", "Engelse notatie"),
    ("-100", "negatief"),
]

DATES: list[tuple[str, date | str]] = [
    ("31-12-2026", date(2026, 12, 31)),
    ("1-2-2027", date(2027, 2, 1)),
    ("2026-12-31", date(2026, 12, 31)),
    ("31-02-2026", "die dag bestaat niet"),
    ("12-31-2026", "die dag bestaat niet"),
    ("31-12-26", "vier cijfers"),
    ("morgen", "geen geldige datum"),
]
