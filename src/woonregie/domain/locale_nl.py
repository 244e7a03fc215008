"""Dutch numbers, amounts and dates, in and out: the one place that reads what a Dutch person
types (`18.500`, `18.500,50`, `€ 1.050`, `1050,00`, `31-12-2026`) and writes what a Dutch person
reads (`€ 1.050,00`, `31-12-2026`). Pages, API forms and the import all parse through here, so one
input gets one verdict wherever it is typed; the CLDR rules for `nl_NL` come from Babel.

Reading follows one principle: a value means what a Dutch person means by it, and a value that a
Dutch and an English reader would read differently (`1,050`, `1,050.50`) or that cannot be a
number at all is refused with a Dutch message, never guessed or silently scaled. A dot followed
by exactly three digits is a thousands separator (`1.050` is a thousand and fifty); a dot
followed by one or two digits cannot be one, so it is the decimal point machines write (`1050.5`).

Machine formats (JSON, the exchange files written by `woonregie export`) keep ISO dates and dot
decimals; these functions are for what people type and read (docs/import-layout.md says which
file is which).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import NumberFormatError, format_currency, format_decimal, parse_decimal

LOCALE = "nl_NL"
_NBSP = "\u00a0"


class NotDutch(ValueError):  # noqa: N818 - a refusal, read as "not a Dutch value"
    """A value a Dutch person would not mean, or could mean two ways: the message says why in
    Dutch (the caller adds the field's name)."""


# --- reading ------------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"\d+")
_DUTCH_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?")
_DUTCH_DECIMAL = re.compile(r"\d+,\d+")
_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}")
_ENGLISH_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")


def _clean(raw: str) -> str:
    """Drop the euro sign, spaces and a trailing ',-' (`€ 1.050,-` is `1050`)."""
    text = _SPACES.sub("", str(raw))
    for prefix in ("€", "EUR", "eur", "Eur"):
        text = text.removeprefix(prefix)
    text = text.removesuffix("€")
    if text.endswith((",-", ",--")):
        text = text.rstrip("-").rstrip(",")
    return text


def parse_number(raw: str | int | float | Decimal) -> Decimal:
    """A number as a Dutch person types it (or as a machine sends it, already a number)."""
    if isinstance(raw, bool):
        raise NotDutch("is geen getal")
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise NotDutch("is geen eindig getal")
        return Decimal(str(raw))
    shown = str(raw).strip()
    text = _clean(shown)
    sign = -1 if text.startswith("-") else 1
    digits = text.removeprefix("-").removeprefix("+")
    if _PLAIN.fullmatch(digits):
        value = Decimal(digits)
    elif _DUTCH_GROUPED.fullmatch(digits) or _DUTCH_DECIMAL.fullmatch(digits):
        if _DUTCH_DECIMAL.fullmatch(digits) and len(digits.split(",")[1]) == 3:
            raise NotDutch(f"'{shown}' is dubbelzinnig: bedoelt u "
                           f"{digits.replace(',', '.')} (duizendtallen) of een getal met drie "
                           "decimalen? Schrijf bijvoorbeeld 1.050 of 1,05")
        value = _babel(digits, shown)
    elif _DOT_DECIMAL.fullmatch(digits):
        value = Decimal(digits)
    elif _ENGLISH_GROUPED.fullmatch(digits):
        raise NotDutch(f"'{shown}' is Engelse notatie; schrijf het Nederlands, bijvoorbeeld "
                       "1.050,50 (punt voor duizendtallen, komma voor decimalen)")
    else:
        raise NotDutch(f"'{shown}' is geen getal (schrijf bijvoorbeeld 1.050 of 1.050,50)")
    return sign * value


def _babel(digits: str, shown: str) -> Decimal:
    try:
        return parse_decimal(digits, locale=LOCALE, strict=True)
    except (NumberFormatError, InvalidOperation):
        raise NotDutch(f"'{shown}' is geen getal (schrijf bijvoorbeeld 1.050 of 1.050,50)") \
            from None


@dataclass(frozen=True)
class Bounds:
    """What a value of one kind can plausibly be, and how to say so in Dutch."""

    minimum: Decimal
    maximum: Decimal
    what: str  # "huur per maand"
    zero_allowed: bool = False  # 0 is a real answer (no income) even below the minimum

    def check(self, value: Decimal, shown: str) -> None:
        if value == 0 and self.zero_allowed:
            return
        if not self.minimum <= value <= self.maximum:
            raise NotDutch(f"{shown} is geen aannemelijke {self.what}: verwacht tussen "
                           f"{euro(self.minimum, cents=False)} en "
                           f"{euro(self.maximum, cents=False)}")


RENT = Bounds(Decimal(100), Decimal(2500), "kale huur per maand")
"""Social and mid-rent dwellings: a rent of € 1,05 or € 10.500 is a typo."""
INCOME = Bounds(Decimal(1000), Decimal(250_000), "bruto jaarinkomen", zero_allowed=True)
"""An annual household income; € 18 is `18.500` misread or a monthly amount, so refused
(0 stays possible: no income)."""
ANY_AMOUNT = Bounds(Decimal(0), Decimal("99999999.99"), "bedrag")


def parse_amount(raw: str | int | float | Decimal, bounds: Bounds = ANY_AMOUNT) -> Decimal:
    """An amount in euro (cents at most), within `bounds`."""
    shown = str(raw).strip()
    value = parse_number(raw)
    if value < 0:
        raise NotDutch(f"{shown} is negatief; een bedrag is 0 of meer")
    exponent = value.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        raise NotDutch(f"'{shown}' is geen getal")
    if exponent < -2:
        raise NotDutch(f"'{shown}' heeft meer dan 2 decimalen (centen)")
    if value > bounds.maximum:  # before rounding to cents: 1E+26 cannot be quantized
        bounds.check(value, euro(value) if value < Decimal("1e15") else shown)
    bounds.check(value, euro(value))
    return value.quantize(Decimal("0.01"))


def parse_integer(raw: str | int, minimum: int, maximum: int) -> int:
    """A whole number; `1.000` is a thousand (Dutch grouping)."""
    shown = str(raw).strip()
    try:
        value = parse_number(raw)
    except NotDutch:
        raise NotDutch(f"'{shown}' is geen geheel getal") from None
    if value != value.to_integral_value():
        raise NotDutch(f"'{shown}' is geen geheel getal")
    if not minimum <= value <= maximum:
        raise NotDutch(f"{number(value)} ligt buiten {number(minimum)}–{number(maximum)}")
    return int(value)


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_SHORT_YEAR = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2}")


def parse_date(raw: str | date) -> date:
    """`31-12-2026` (also with / or .) as a Dutch person writes it, or ISO `2026-12-31`."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip()
    iso, dutch = _ISO.fullmatch(text), _DUTCH_DATE.fullmatch(text)
    if _SHORT_YEAR.fullmatch(text):
        raise NotDutch(f"'{text}' is geen geldige datum: schrijf het jaar met vier cijfers, "
                       "bijvoorbeeld 31-12-2026")
    if not (iso or dutch):
        raise NotDutch(f"'{text}' is geen geldige datum (schrijf DD-MM-JJJJ, bijvoorbeeld "
                       "31-12-2026)")
    year, month, day = (iso[1], iso[2], iso[3]) if iso else (dutch[3], dutch[2], dutch[1])
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise NotDutch(f"'{text}' is geen geldige datum: die dag bestaat niet") from None


# --- writing ------------------------------------------------------------------------------------


def euro(value: float | Decimal | int | None, cents: bool = True) -> str:
    """`€ 1.050,00` (or `€ 1.050` without cents); '–' for no value."""
    if value is None:
        return "–"
    shown = format_currency(Decimal(str(value)), "EUR", locale=LOCALE,
                            format="¤ #,##0.00" if cents else "¤ #,##0",
                            currency_digits=cents)
    return shown.replace(_NBSP, " ")


def amount(value: float | Decimal | int | None) -> str:
    """`1.050,00`: an amount without the sign (form fields, CSV cells for people)."""
    if value is None:
        return ""
    return format_decimal(Decimal(str(value)), format="#,##0.00", locale=LOCALE)


def amount_field(value: float | Decimal | int | None) -> str:
    """An amount as a form field shows it again: `18.500` or `612,50` (read back as the same)."""
    if value is None:
        return ""
    exact = Decimal(str(value))
    return number(exact) if exact == exact.to_integral_value() else amount(exact)


def number(value: float | Decimal | int | None, decimals: int = 0) -> str:
    """`1.050`, `88,1`: a count or figure with Dutch separators."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(Decimal(str(value)), format=pattern, locale=LOCALE)


def datum(value: date | datetime | None) -> str:
    """`31-12-2026`; '–' for no date."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = value.date()
    return _babel_date(value, format="dd-MM-yyyy", locale=LOCALE)


def datum_tijd(value: datetime | None, seconds: bool = False) -> str:
    """`31-12-2026 14:05` (or `14:05:09` with seconds, as the audit log needs)."""
    if value is None:
        return "–"
    pattern = "dd-MM-yyyy HH:mm:ss" if seconds else "dd-MM-yyyy HH:mm"
    return _babel_datetime(value, format=pattern, locale=LOCALE)
