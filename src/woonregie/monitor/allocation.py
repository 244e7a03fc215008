"""Where placements go: contingent realisation (contingent) and concentration per buurt
(concentratie)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np

from woonregie.monitor.calendar import Period, year_bounds
from woonregie.monitor.records import AgreementRecord, BuurtRecord, Placements
from woonregie.monitor.stats import share


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


def _years(ordinals: np.ndarray) -> list[int]:
    """The calendar year of each date ordinal, in C (1 January 1970 is ordinal 719,163)."""
    days = np.asarray(ordinals, dtype=np.int64) - date(1970, 1, 1).toordinal()
    return (days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
            + 1970).tolist()


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
    counted: Counter[tuple[str, str, str, int]] = Counter(zip(
        p.gemeente[placed].tolist(), p.corporation[placed].tolist(),
        p.target_group[placed].tolist(), _years(p.start[placed]), strict=True))
    rows.sort(key=lambda a: (a.year, a.gemeente, a.corporation, a.target_group))
    return [_contingent_row(a, counted[(a.gemeente, a.corporation, a.target_group, a.year)],
                            period) for a in rows]


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
    placed = Counter(p.buurt[_starting(p, period.first, period.last, scope)].tolist())
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
