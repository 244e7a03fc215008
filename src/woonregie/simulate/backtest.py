"""Backtest: run the model from the register's state some months ago and compare with what
happened since, month by month: outflow (tenancies signed), waiting time of those housed, and
the list (voorbereiding + uitstroomklaar).

The model is calibrated only on the 12 months before the backtest's start, so nothing it is
compared with went into it. The error per figure is the mean absolute percentage error of the
replications' median against the observed month; docs/simulate.md states the bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from woonregie.domain.model import Region
from woonregie.domain.status import PersonStatus
from woonregie.simulate.model import add_months
from woonregie.simulate.params import Stage
from woonregie.simulate.record import Replication
from woonregie.simulate.snapshot import stage_on

LABELS = {
    "uitstroom": "Uitstroom: huurcontracten per maand",
    "wachttijd": "Wachttijd van wie gehuisvest werd (mediaan, dagen)",
    "voorraad": "Op de lijst (voorbereiding + uitstroomklaar), eind maand",
}
BOUNDS = {"uitstroom": 30.0, "wachttijd": 50.0, "voorraad": 25.0}
"""Largest acceptable error (MAPE, %) per figure on the sample region: docs/simulate.md."""


@dataclass(frozen=True)
class Figure:
    key: str
    observed: list[float]
    simulated: list[float]  # median over replications
    low: list[float]  # 5th percentile
    high: list[float]  # 95th percentile

    @property
    def error(self) -> float:
        """Mean absolute percentage error over the months with an observed value."""
        obs, sim = np.array(self.observed), np.array(self.simulated)
        ok = ~np.isnan(obs) & ~np.isnan(sim) & (obs != 0)
        return float(np.mean(np.abs(sim[ok] - obs[ok]) / obs[ok]) * 100) if ok.any() else 0.0

    @property
    def covered(self) -> float:
        """Share of months (%) in which what happened lies within the 5–95 % band."""
        obs = np.array(self.observed)
        ok = ~np.isnan(obs)
        inside = (obs >= np.array(self.low)) & (obs <= np.array(self.high))
        return float(inside[ok].mean() * 100) if ok.any() else 0.0

    @property
    def bound(self) -> float:
        return BOUNDS[self.key]

    def to_json(self) -> dict:
        def clean(xs):
            return [None if np.isnan(x) else round(float(x), 2) for x in xs]
        return {"fout_procent": round(self.error, 2), "grens_procent": self.bound,
                "binnen_band_procent": round(self.covered, 1),
                "waargenomen": clean(self.observed), "gesimuleerd": clean(self.simulated),
                "p5": clean(self.low), "p95": clean(self.high)}


def observed(region: Region, start: date, months: int) -> dict[str, list[float]]:
    """What the register says happened in each month from `start`."""
    housed = np.zeros(months)
    waits: list[list[int]] = [[] for _ in range(months)]
    ends = [add_months(start, m + 1) for m in range(months)]
    for p in region.persons:
        ready = None
        for t in p.history:
            if t.target == PersonStatus.UITSTROOMKLAAR:
                ready = ready or t.on
            elif t.target not in (PersonStatus.VOORGEDRAGEN,):
                if t.target == PersonStatus.GEHUISVEST and start <= t.on < ends[-1]:
                    m = _month(start, t.on)
                    housed[m] += 1
                    if ready is not None:
                        waits[m].append((t.on - ready).days)
                ready = None
    stock = [sum(1 for p in region.persons if _listed(p, end)) for end in ends]
    return {"uitstroom": housed.tolist(),
            "wachttijd": [float(np.median(w)) if w else float("nan") for w in waits],
            "voorraad": [float(s) for s in stock]}


def _listed(person, on: date) -> bool:
    state = stage_on(person, on - _DAY)
    return state is not None and state[0] in (Stage.PREP, Stage.READY)


def _month(start: date, on: date) -> int:
    return (on.year - start.year) * 12 + on.month - start.month - (on.day < start.day)


def simulated(reps: list[Replication]) -> dict[str, np.ndarray]:
    """Per replication and month: tenancies, median wait of those housed, the list."""
    months = reps[0].months
    wait = np.full((len(reps), months), np.nan)
    for r, rep in enumerate(reps):
        for m in range(months):
            days = rep.wait_days[rep.wait_housed & (rep.wait_month == m)]
            if days.size:
                wait[r, m] = np.median(days)
    return {"uitstroom": np.array([rep.housed.sum(axis=1) for rep in reps], float),
            "wachttijd": wait,
            "voorraad": np.array([(rep.prep + rep.ready).sum(axis=1) for rep in reps], float)}


def compare(region: Region, start: date, reps: list[Replication]) -> list[Figure]:
    obs = observed(region, start, reps[0].months)
    sim = simulated(reps)
    out = []
    for key in LABELS:
        with np.errstate(all="ignore"):
            med, lo, hi = (np.nanpercentile(sim[key], q, axis=0) for q in (50, 5, 95))
        out.append(Figure(key, obs[key], med.tolist(), lo.tolist(), hi.tolist()))
    return out


_DAY = date(2000, 1, 2) - date(2000, 1, 1)
