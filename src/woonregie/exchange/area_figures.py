"""Figures per buurt from outside sources: CBS *Kerncijfers wijken en buurten* and Leefbaarometer
scores, as CSV files downloaded from their sites.

Columns are found by title, not by position or CBS's numbered keys (`AantalInwoners_5` changes
every year): a title matches a figure when, lower-cased and with punctuation as spaces, it
contains one of the figure's phrases ("Bevolking/Aantal inwoners (aantal)" → inhabitants). Real
files are messy, and this reads them as they come: quotes, a title line above the header,
trailing spaces in codes, '.' (unknown) or 'x' (secret) for a missing figure, Dutch decimals
(12,5) and thousands separators (12.345). Every problem names file, row and column; the import
stores nothing when there is one (services/imports.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from woonregie.exchange.problems import Problem

KERNCIJFERS = "kerncijfers"
LEEFBAAROMETER = "leefbaarometer"
KINDS = (KERNCIJFERS, LEEFBAAROMETER)

MISSING = frozenset({"", ".", "x", "-", "?", "nvt", "n.v.t."})
"""CBS writes '.' for unknown and 'x' for secret figures; both are simply not known."""


@dataclass(frozen=True)
class Figure:
    field: str  # column of area_figures (or 'code', 'kind' for the row's identity)
    title: str  # how the report names it (Dutch)
    phrases: tuple[str, ...]  # a normalised title containing one of these matches
    kind: str = "int"  # int | pct | score | class | text


CBS_FIGURES = (
    Figure("code", "Codering", ("codering", "gwb code", "wijkenenbuurten"), "text"),
    Figure("level", "Soort regio", ("soort regio", "soortregio"), "text"),
    Figure("inhabitants", "Aantal inwoners", ("aantal inwoners", "aantalinwoners"), "int"),
    Figure("households", "Huishoudens totaal", ("huishoudens totaal", "huishoudenstotaal"),
           "int"),
    Figure("dwellings", "Woningvoorraad", ("woningvoorraad",), "int"),
    Figure("owner_pct", "Koopwoningen", ("koopwoningen",), "pct"),
    Figure("corporation_pct", "Huurwoningen in bezit woningcorporaties",
           ("woningcorporatie", "woningcorporaties"), "pct"),
)
LBM_FIGURES = (
    Figure("code", "Buurtcode", ("bu code", "buurtcode", "buurt code", "code"), "text"),
    Figure("liveability_score", "Score", ("score", "lbm"), "score"),
    Figure("liveability_class", "Klasse", ("klasse", "kl"), "class"),
)
FIGURES = {KERNCIJFERS: CBS_FIGURES, LEEFBAAROMETER: LBM_FIGURES}


def normalise(title: str) -> str:
    """'Wonen/Koopwoningen (%)' → 'wonen koopwoningen'."""
    text = re.sub(r"\(.*?\)", " ", title.lower())
    return " ".join(re.sub(r"[^0-9a-zà-ÿ]+", " ", text).split())


def _matches(title: str, phrases: Sequence[str]) -> bool:
    words = normalise(title)
    return any(words == p or f" {p} " in f" {words} " for p in phrases)


def kind_of(headers: Sequence[str]) -> str | None:
    """Which source a header row is: CBS Kerncijfers (a 'Codering' and 'Wijken en buurten' or
    a figure), Leefbaarometer (a buurt code and a score or class), or neither."""
    titles = [normalise(h) for h in headers]
    if any("codering" in t or t == "wijkenenbuurten" for t in titles) and (
            any("wijken en buurten" in t for t in titles)
            or any(_matches(h, f.phrases) for h in headers for f in CBS_FIGURES[2:])):
        return KERNCIJFERS
    code = any(_matches(h, LBM_FIGURES[0].phrases) for h in headers)
    if code and any(_matches(h, f.phrases) for h in headers for f in LBM_FIGURES[1:]):
        return LEEFBAAROMETER
    return None


def columns(kind: str, headers: Sequence[str]) -> dict[str, int]:
    """Figure field → index of the first column whose title matches it."""
    found: dict[str, int] = {}
    for figure in FIGURES[kind]:
        for i, header in enumerate(headers):
            if _matches(header, figure.phrases) and i not in found.values():
                found[figure.field] = i
                break
    return found


class ValueProblem(ValueError):
    pass


def parse_value(text: str, kind: str) -> object:
    """One cell → its value (None when missing); raises ValueProblem with a Dutch message."""
    text = text.strip().strip('"').strip()
    if text.lower() in MISSING:
        return None
    if kind == "text":
        return text
    if kind == "class":  # '6', '6,0' or '6 - ruim voldoende'
        found = re.match(r"(\d+)(?:[.,]0+)?(?:\s*[-–:]\s*\D.*)?$", text)
        if not found or not 1 <= int(found.group(1)) <= 9:
            raise ValueProblem(f"klasse moet een geheel getal 1–9 zijn: {text!r}")
        return int(found.group(1))
    number = _number(text, thousands=kind == "int")
    if kind == "int":
        if number != int(number) or number < 0:
            raise ValueProblem(f"geen aantal: {text!r}")
        return int(number)
    if kind == "pct":
        if not 0 <= number <= 100:
            raise ValueProblem(f"percentage buiten 0–100: {text!r}")
        return number
    return number


def _number(text: str, thousands: bool) -> float:
    """'12,5' → 12.5; '1.234,5' → 1234.5; '0.25' → 0.25; for counts '12.345' → 12345 (a
    Dutch thousands separator; a score like 4.123 keeps its decimals)."""
    t = text.replace(" ", "").replace("\u00a0", "")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif thousands and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", t):
        t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:
        raise ValueProblem(f"geen getal: {text!r}") from None


def parse_rows(kind: str, source: str, headers: Sequence[str],
               rows: Sequence[tuple[int, Sequence[str]]]) -> tuple[list[dict], list[Problem]]:
    """The buurt rows of a figures file as {'area': code, field: value}; rows of other levels
    (gemeente, wijk, Nederland) are left out. A code twice is a problem."""
    cols = columns(kind, headers)
    if "code" not in cols:
        title = "Codering" if kind == KERNCIJFERS else "buurtcode (bu_code)"
        return [], [Problem(source, 1, None, f"kolom {title} ontbreekt")]
    figures = [f for f in FIGURES[kind] if f.field in cols and f.field not in ("code", "level")]
    if not figures:
        return [], [Problem(source, 1, None, "geen bekende kolommen met cijfers gevonden")]
    out, problems, seen = [], [], {}
    for number, cells in rows:
        code = _cell(cells, cols["code"]).strip().upper()
        if not code.startswith("BU"):
            continue  # Nederland, gemeente and wijk rows
        if code in seen:
            problems.append(Problem(source, number, headers[cols["code"]],
                                    f"buurt {code} staat er twee keer in (ook rij {seen[code]})"))
            continue
        seen[code] = number
        row: dict = {"area": code}
        for f in figures:
            try:
                row[f.field] = parse_value(_cell(cells, cols[f.field]), f.kind)
            except ValueProblem as exc:
                problems.append(Problem(source, number, headers[cols[f.field]], str(exc)))
        out.append(row)
    return out, problems


def _cell(cells: Sequence[str], i: int) -> str:
    return cells[i] if i < len(cells) else ""
