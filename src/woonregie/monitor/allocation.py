"""Where placements go: contingent realisation (contingent) and concentration per buurt
(concentratie)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np

from woonregie.monitor.calendar import FIRST_DAY, LAST_DAY, Period, year_bounds
from woonregie.monitor.columns import memoised
from woonregie.monitor.records import AgreementRecord, BuurtRecord, Placements
from woonregie.monitor.stats import share

FIRST_YEAR, YEARS = FIRST_DAY.year, LAST_DAY.year - FIRST_DAY.year + 1
"""The years a period may span (contingent counts lettings by the year they start)."""


@dataclass(frozen=True, slots=True)
class DwellingScope:
    """Restrictions on the dwelling side: placements in dwellings in `gemeente` and of
    `corporation`, agreements of that gemeente, corporation and `target_group`."""

    gemeente: str | None = None
    corporation: str | None = None
    target_group: str | None = None

    def keeps(self, gemeente: str, corporation: str) -> bool:
        return ((self.gemeente is None or gemeente == self.gemeente)
                and (self.corporation is None or corporation == self.corporation))

    def keeps_agreement(self, a: AgreementRecord) -> bool:
        return self.keeps(a.gemeente, a.corporation) and (
            self.target_group is None or a.target_group == self.target_group)


    @property
    def everything(self) -> bool:
        return self.gemeente is None and self.corporation is None


def _starting(p: Placements, first: int, last: int, scope: DwellingScope) -> np.ndarray:
    rows = np.flatnonzero((p.start >= first) & (p.start <= last))
    if scope.gemeente is not None:
        rows = rows[p.gemeente[rows] == scope.gemeente]
    if scope.corporation is not None:
        rows = rows[p.corporation[rows] == scope.corporation]
    return rows


def _years(ordinals: np.ndarray) -> np.ndarray:
    """The calendar year of each date ordinal, in C (1 January 1970 is ordinal 719,163)."""
    days = np.asarray(ordinals, dtype=np.int64) - date(1970, 1, 1).toordinal()
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def _coded(p: Placements, column: str) -> tuple[np.ndarray, dict[str, int]]:
    """The placements' codes of one column (gemeente, corporation, buurt, target_group) as
    small integers, and the integer of each code: counted with numpy, derived once per set of
    placements (kept with it: columns.memoised)."""
    def make() -> tuple[np.ndarray, dict[str, int]]:
        values = getattr(p, column).tolist()
        number = {code: i for i, code in enumerate(dict.fromkeys(values))}
        return np.fromiter(map(number.__getitem__, values), dtype=np.int64,
                           count=len(values)), number
    return memoised(p.memo, ("coded", column), make)


def contingent(p: Placements, agreements: list[AgreementRecord], period: Period,
               scope: DwellingScope = DwellingScope()) -> list[dict]:
    """One row per agreement whose year overlaps the period: placements in that year up to
    `tot` (dwelling's gemeente and corporation, placement's target group) against the agreed
    number, with a year-end forecast (gerealiseerd × days in the year ÷ days elapsed)."""
    rows = [a for a in agreements
            if period.van.year <= a.year <= period.tot.year and scope.keeps_agreement(a)]
    if not rows:
        return []
    placed = _starting(p, date(period.van.year, 1, 1).toordinal(), period.last, scope)
    counted = _lettings_per_key(p, placed)
    rows.sort(key=lambda a: (a.year, a.gemeente, a.corporation, a.target_group))
    return [_contingent_row(a, counted(a), period) for a in rows]


def _lettings_per_key(p: Placements, rows: np.ndarray) -> Callable[[AgreementRecord], int]:
    """How many of the placements at `rows` count for an agreement: same gemeente (the
    dwelling's), corporation, target group (the placement's) and year of their start."""
    (gemeente, gemeenten), (corporation, corporations), (group, groups) = (
        _coded(p, c) for c in ("gemeente", "corporation", "target_group"))
    key = ((gemeente[rows] * (len(corporations) + 1) + corporation[rows])
           * (len(groups) + 1) + group[rows]) * YEARS + (_years(p.start[rows]) - FIRST_YEAR)
    found, counts = np.unique(key, return_counts=True)
    per_key = dict(zip(found.tolist(), counts.tolist(), strict=True))

    def counted(a: AgreementRecord) -> int:
        g, c, t = gemeenten.get(a.gemeente), corporations.get(a.corporation), groups.get(
            a.target_group)
        if g is None or c is None or t is None or not FIRST_YEAR <= a.year < FIRST_YEAR + YEARS:
            return 0
        return per_key.get(((g * (len(corporations) + 1) + c) * (len(groups) + 1) + t)
                           * YEARS + a.year - FIRST_YEAR, 0)
    return counted


def _contingent_row(a: AgreementRecord, realised: int, period: Period) -> dict:
    first, last = year_bounds(a.year)
    elapsed = min(period.last, last) - first + 1
    forecast = float(realised) if period.last >= last else round(
        realised * (last - first + 1) / elapsed, 1)
    return {"gemeente": a.gemeente, "corporatie": a.corporation, "doelgroep": a.target_group,
            "jaar": a.year, "afspraak": a.dwellings, "gerealiseerd": realised,
            "prognose": forecast}


def concentration(p: Placements, buurten: list[BuurtRecord], period: Period,
                  scope: DwellingScope = DwellingScope()) -> list[dict]:
    """One row per buurt with placements starting in the period: their number and share,
    beside the buurt's share of the corporation stock of `buurten` (the region, or what the
    scope leaves of it) and its liveability (leefbaarheid)."""
    codes, number = _coded(p, "buurt")
    counts = np.bincount(codes[_starting(p, period.first, period.last, scope)],
                         minlength=len(number))
    placed = {code: int(counts[i]) for code, i in number.items() if counts[i]}
    total = sum(placed.values())
    known = {b.code: b for b in buurten}
    stock = sum(b.stock for b in buurten)
    out = []
    for code in sorted(placed):
        b = known.get(code)
        out.append({
            "buurt": code, "naam": b.name if b else "", "plaatsingen": placed[code],
            "aandeel_plaatsingen": share(placed[code], total),
            "aandeel_voorraad": share(b.stock if b else 0, stock),
            "leefbaarheid": b.liveability if b else None,
        })
    return out
