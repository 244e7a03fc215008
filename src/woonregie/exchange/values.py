"""Cell types of the exchange files: parse a cell's text into a value, format a value back.

Every parser takes the cell as text (readers turn Excel's numbers and dates into text first) and
raises `CellError` with a Dutch message the user can act on. Empty cells never reach a parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from woonregie.domain import locale_nl
from woonregie.domain.locale_nl import NotDutch
from woonregie.domain.vocabulary import Vocabulary, label_of

LIST_SEPARATOR = ";"


class CellError(ValueError):
    """A cell that does not hold a value of its column's type."""


@dataclass(frozen=True)
class Text:
    max_length: int

    @property
    def label(self) -> str:
        return f"tekst (max. {self.max_length} tekens)"

    def parse(self, raw: str) -> str:
        if len(raw) > self.max_length:
            raise CellError(f"tekst is {len(raw)} tekens lang; maximaal {self.max_length}")
        return raw

    def format(self, value: Any) -> Any:
        return value


_INT = re.compile(r"[+-]?\d+")


@dataclass(frozen=True)
class Integer:
    minimum: int = 0
    maximum: int = 2_000_000_000  # stays inside a 32-bit database integer

    @property
    def label(self) -> str:
        return f"geheel getal {self.minimum}–{self.maximum}"

    def parse(self, raw: str) -> int:
        """Through the Dutch reader (domain/locale_nl.py): `1.000` is a thousand."""
        try:
            return locale_nl.parse_integer(raw, self.minimum, self.maximum)
        except NotDutch as exc:
            raise CellError(str(exc)) from None

    def format(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Amount:
    """Euro amount with at most two decimals (the database keeps cents), read as a Dutch person
    means it (`1.050`, `1.050,50`, `€ 1050`; domain/locale_nl.py, the one reader pages, API
    forms and import share) and within `bounds` (rent and income have plausible ranges)."""

    bounds: locale_nl.Bounds = locale_nl.ANY_AMOUNT

    @property
    def label(self) -> str:
        return (f"bedrag in euro, {locale_nl.euro(self.bounds.minimum, cents=False)}–"
                f"{locale_nl.euro(self.bounds.maximum, cents=False)} "
                "(bijv. 1.050 of 1.050,50; max. 2 decimalen)")

    def parse(self, raw: str) -> float:
        try:
            return float(locale_nl.parse_amount(raw, self.bounds))
        except NotDutch as exc:
            raise CellError(str(exc)) from None

    def format(self, value: Any) -> Any:
        return float(value)


_YES = {"ja", "j", "true", "waar", "1"}
_NO = {"nee", "n", "false", "onwaar", "0"}


@dataclass(frozen=True)
class YesNo:
    @property
    def label(self) -> str:
        return "ja/nee"

    def parse(self, raw: str) -> bool:
        word = raw.lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
        raise CellError(f"'{raw}' is geen ja of nee")

    def format(self, value: Any) -> Any:
        return "ja" if value else "nee"


@dataclass(frozen=True)
class Day:
    """A date: JJJJ-MM-DD (ISO, what export writes) or DD-MM-JJJJ (as Dutch users type it)."""

    @property
    def label(self) -> str:
        return "datum JJJJ-MM-DD of DD-MM-JJJJ"

    def parse(self, raw: str) -> date:
        try:
            return locale_nl.parse_date(raw)
        except NotDutch as exc:
            raise CellError(str(exc)) from None

    def format(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of codes (a vocabulary's values); `noun` names the kind in messages.
    The explanation for people lists each code with its Dutch label, and a cell may hold the
    label instead of the code (spreadsheets kept by hand often do): it is read as the code."""

    values: tuple[str, ...]
    noun: str
    names: tuple[str, ...] = ()  # the Dutch label of each value, when the vocabulary has them

    @classmethod
    def of(cls, values: Iterable[Any], noun: str) -> Choice:
        members = list(values)
        return cls(tuple(str(v) for v in members), noun,
                   tuple(label_of(v) for v in members) if all(
                       isinstance(v, Vocabulary) for v in members) else ())

    @property
    def label(self) -> str:
        if not self.names:
            return "één van: " + ", ".join(self.values)
        return "één van: " + ", ".join(
            f"{v} ({n})" for v, n in zip(self.values, self.names, strict=True))

    def parse(self, raw: str) -> str:
        word = raw.lower()
        if word in self.values:
            return word
        by_name = {n.lower(): v for v, n in zip(self.values, self.names, strict=False)}
        if word.strip() in by_name:
            return by_name[word.strip()]
        allowed = ", ".join(self.values)
        raise CellError(f"'{raw}' is geen geldige {self.noun}; toegestaan: {allowed}")

    def format(self, value: Any) -> Any:
        return str(value)


@dataclass(frozen=True)
class CodeList:
    """Codes separated by ';'. With `choice`, each must be one of its values. Order is kept,
    repeats are dropped."""

    item: Text | Choice

    @property
    def label(self) -> str:
        inner = self.item.label if isinstance(self.item, Choice) else "codes"
        return f"lijst gescheiden door ';' ({inner})"

    def parse(self, raw: str) -> tuple[str, ...]:
        items = [part.strip() for part in raw.split(LIST_SEPARATOR)]
        parsed = [self.item.parse(part) for part in items if part]
        return tuple(dict.fromkeys(parsed))

    def format(self, value: Any) -> Any:
        return LIST_SEPARATOR.join(str(v) for v in value)


_SCORE = re.compile(r"([a-z_]+)\s*=\s*(\S+)")


@dataclass(frozen=True)
class Scores:
    """ZRM scores (Zelfredzaamheid-Matrix) as `domein=score;…`, each score 1–5."""

    @property
    def label(self) -> str:
        return "domein=score gescheiden door ';', score 1–5"

    def parse(self, raw: str) -> dict[str, int]:
        scores: dict[str, int] = {}
        for part in (p.strip() for p in raw.split(LIST_SEPARATOR)):
            if not part:
                continue
            match = _SCORE.fullmatch(part.lower())
            if not match:
                raise CellError(f"'{part}' is geen domein=score")
            domain, score = match[1], match[2]
            if domain in scores:
                raise CellError(f"ZRM-domein '{domain}' staat er twee keer in")
            if not _INT.fullmatch(score) or not 1 <= int(score) <= 5:
                raise CellError(f"ZRM-score van '{domain}' is '{score}'; moet 1–5 zijn")
            scores[domain] = int(score)
        return scores

    def format(self, value: Any) -> Any:
        return LIST_SEPARATOR.join(f"{k}={v}" for k, v in value.items())


CellType = Text | Integer | Amount | YesNo | Day | Choice | CodeList | Scores
