"""What a replication records each month, and the plain result it hands back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from woonregie.simulate.params import GROUPS, Stage


@dataclass(frozen=True)
class Replication:
    """Monthly figures of one replication; arrays are [month, group] (params.GROUPS order)
    unless they are per month only. `stock_start` is the list (voorbereiding + uitstroomklaar)
    per group at the start. Waits: one entry per uitstroomklaar spell that ended (housed, left,
    back to care) or still ran at the horizon (censored)."""

    stock_start: np.ndarray
    tenancies_start: np.ndarray
    arrivals: np.ndarray
    returns: np.ndarray
    housed: np.ndarray
    left: np.ndarray
    prep: np.ndarray
    ready: np.ndarray
    tenancies: np.ndarray
    stagnating: np.ndarray
    bed_days: np.ndarray  # BW/MO people uitstroomklaar × days, per month
    offered: np.ndarray
    expired: np.ndarray
    declined: np.ndarray
    wait_days: np.ndarray
    wait_group: np.ndarray
    wait_month: np.ndarray  # month the spell ended (months: still running at the horizon)
    wait_housed: np.ndarray  # bool: the spell ended in a tenancy
    kept_12: int  # tenancies that started ≥ 12 months before the horizon and lasted 12 months
    started_12: int  # tenancies that started ≥ 12 months before the horizon

    @property
    def months(self) -> int:
        return int(self.housed.shape[0])

    def same_as(self, other: Replication) -> bool:
        return all(
            np.array_equal(getattr(self, f), getattr(other, f))
            for f in self.__dataclass_fields__
        )


class Recorder:
    def __init__(self, months: int):
        shape = (months, len(GROUPS))
        self.months = months
        for name in ("arrivals", "returns", "housed", "left", "prep", "ready", "tenancies",
                     "stagnating"):
            setattr(self, name, np.zeros(shape, np.int64))
        self.bed_days = np.zeros(months, np.int64)
        self.offered = np.zeros(months, np.int64)
        self.expired = np.zeros(months, np.int64)
        self.declined = np.zeros(months, np.int64)
        self.waits: list[tuple[np.ndarray, ...]] = []
        self.fail_pairs: list[tuple[np.ndarray, int]] = []
        self.stock_start = self.tenancies_start = np.zeros(len(GROUPS), np.int64)

    def end_waits(self, people, idx: np.ndarray, day: int, housed: bool,
                  month: int | None = None) -> None:
        m = self.months if month is None else month
        self.waits.append((np.maximum(0, day - people.since[idx]), people.group[idx].copy(),
                           np.full(idx.size, m), np.full(idx.size, housed)))

    def failures(self, people, idx: np.ndarray, m: int) -> None:
        self.fail_pairs.append((people.housed_m[idx].copy(), m))

    def begin(self, people) -> None:
        """The list (voorbereiding + uitstroomklaar) per group before the first month."""
        n = people.n
        listed = (people.stage[:n] == Stage.PREP) | (people.stage[:n] == Stage.READY)
        self.stock_start = np.bincount(people.group[:n][listed], minlength=len(GROUPS))
        housed = people.stage[:n] == Stage.HOUSED
        self.tenancies_start = np.bincount(people.group[:n][housed], minlength=len(GROUPS))

    def close_month(self, people, m: int, start: date, end: date, care: np.ndarray,
                    stagnation: int) -> None:
        n = people.n
        stage, group = people.stage[:n], people.group[:n]
        g = len(GROUPS)
        for target, stg in ((self.prep, Stage.PREP), (self.ready, Stage.READY),
                            (self.tenancies, Stage.HOUSED)):
            target[m] = np.bincount(group[stage == stg], minlength=g)
        ready = stage == Stage.READY
        long = ready & (end.toordinal() - people.since[:n] > stagnation)
        self.stagnating[m] = np.bincount(group[long], minlength=g)
        self.bed_days[m] = int(self.ready[m][care].sum()) * (end - start).days

    def close(self, people, end: date) -> None:
        n = people.n
        idx = np.flatnonzero(people.stage[:n] == Stage.READY)
        self.end_waits(people, idx, end.toordinal(), housed=False)

    def replication(self) -> Replication:
        parts = list(zip(*self.waits, strict=True)) if self.waits else [[], [], [], []]
        cat = [np.concatenate(p) if len(p) else np.zeros(0, np.int64) for p in parts]
        horizon = self.months - 12
        started = int(self.housed[: max(0, horizon)].sum())
        failed = sum(int(((h >= 0) & (h < horizon) & (m - h <= 12)).sum())
                     for h, m in self.fail_pairs)
        return Replication(
            stock_start=self.stock_start, tenancies_start=self.tenancies_start,
            arrivals=self.arrivals, returns=self.returns,
            housed=self.housed, left=self.left, prep=self.prep, ready=self.ready,
            tenancies=self.tenancies, stagnating=self.stagnating, bed_days=self.bed_days,
            offered=self.offered, expired=self.expired, declined=self.declined,
            wait_days=cat[0].astype(np.int64), wait_group=cat[1].astype(np.int64),
            wait_month=cat[2].astype(np.int64), wait_housed=cat[3].astype(bool),
            kept_12=started - failed, started_12=started,
        )
