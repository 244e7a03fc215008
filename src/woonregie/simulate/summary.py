"""The figures of a run: per replication, and across replications with an uncertainty band.

The band is the 5th–95th percentile over the replications (a 90% interval of what the model
thinks can happen); the middle value is their median. Definitions in docs/simulate.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from woonregie.simulate.record import Replication

FIGURES: dict[str, str] = {
    "gehuisvest": "Gehuisvest per jaar",
    "wachttijd_mediaan": "Wachttijd mediaan (dagen)",
    "wachttijd_p90": "Wachttijd p90 (dagen)",
    "stagnatie": "Stagnatie: > 90 dagen uitstroomklaar (eind jaar)",
    "beddagen_bw_mo": "Geblokkeerde BW/MO-beddagen per jaar",
    "huurbehoud": "Huurbehoud na 12 maanden (%)",
}
YEARLY = ("gehuisvest", "stagnatie", "beddagen_bw_mo")


def figures(rep: Replication) -> dict[str, float | list[float]]:
    """One replication's figures; yearly ones as a list per simulated year."""
    years = rep.months // 12
    waits = rep.wait_days
    yearly = {
        "gehuisvest": rep.housed.sum(axis=1),
        "stagnatie": None,
        "beddagen_bw_mo": rep.bed_days,
    }
    out: dict[str, float | list[float]] = {}
    for key, monthly in yearly.items():
        if key == "stagnatie":
            out[key] = [float(rep.stagnating[12 * y + 11].sum()) for y in range(years)]
        else:
            out[key] = [float(monthly[12 * y: 12 * y + 12].sum()) for y in range(years)]
    out["wachttijd_mediaan"] = float(np.median(waits)) if waits.size else 0.0
    out["wachttijd_p90"] = float(np.percentile(waits, 90)) if waits.size else 0.0
    out["huurbehoud"] = 100.0 * rep.kept_12 / rep.started_12 if rep.started_12 else None
    return out


@dataclass(frozen=True)
class Band:
    median: float
    low: float  # 5th percentile
    high: float  # 95th percentile

    def to_json(self) -> dict[str, float | None]:
        return {"mediaan": _finite(self.median), "p5": _finite(self.low),
                "p95": _finite(self.high)}


def _finite(x: float) -> float | None:
    """JSON has no NaN: a figure without data (huurbehoud of a run under a year) is null."""
    return None if np.isnan(x) else x


def band(values) -> Band:
    v = np.asarray([np.nan if x is None else x for x in values], dtype=float)
    v = v[~np.isnan(v)]
    if v.size == 0:
        return Band(float("nan"), float("nan"), float("nan"))
    return Band(*(float(x) for x in np.percentile(v, [50, 5, 95])))


def summarise(per_rep: list[dict]) -> dict[str, Band | list[Band]]:
    """Bands over replications; yearly figures get a band per year."""
    out: dict[str, Band | list[Band]] = {}
    for key in FIGURES:
        if key in YEARLY:
            years = len(per_rep[0][key])
            out[key] = [band([r[key][y] for r in per_rep]) for y in range(years)]
        else:
            out[key] = band([r[key] for r in per_rep])
    return out


def to_json(summary: dict) -> dict:
    return {k: [b.to_json() for b in v] if isinstance(v, list) else v.to_json()
            for k, v in summary.items()}


def from_json(data: dict) -> dict[str, Band | list[Band]]:
    """`to_json`'s inverse (a stored run's summary back to bands)."""
    def one(d: dict) -> Band:
        return Band(*(float("nan") if d[k] is None else d[k] for k in ("mediaan", "p5", "p95")))
    return {k: [one(d) for d in v] if isinstance(v, list) else one(v) for k, v in data.items()}
