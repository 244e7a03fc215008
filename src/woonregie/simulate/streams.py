"""Common random numbers: every random draw comes from a stream named by what it is for.

A replication's `SeedSequence` (one child of `SeedSequence(seed).spawn(runs)`) is split into
sub-streams by key: person *n* of a group always gets row *n* of its group's stream, the
vacancies of (corporation, housing form) in month *m* always come from stream (cell, *m*). So two
scenarios run with the same seed see the same people with the same luck and the same vacancy
draws, and differ only where the scenario differs: that is what makes the monotonicity of
docs/simulate.md hold replication by replication, and keeps a scenario comparison sharp.
"""

from __future__ import annotations

import zlib

import numpy as np
from scipy.stats import poisson

ARRIVALS, INITIAL, NEWCOMERS, VACANCIES, PROJECTS = 1, 2, 3, 4, 5

SPELLS = 3  # pre-drawn spells per person (a fourth return reuses the first)
ATTEMPTS = 8  # pre-drawn proposal outcomes per person
TEMPLATE, READY, PREP_LEAVE, READY_LEAVE, READY_BACK, FAIL = 0, 1, 4, 7, 10, 13
DECLINE = 16
READY_DAY = DECLINE + ATTEMPTS
WIDTH = READY_DAY + 1
"""Columns of a person's row of uniforms: template, then SPELLS columns per risk, then the
outcome of each proposal, then the day of the month they become uitstroomklaar."""


def stream(seq: np.random.SeedSequence, *key: int) -> np.random.Generator:
    """The generator of sub-stream `key` of replication `seq` (independent of draw order)."""
    child = np.random.SeedSequence(seq.entropy, spawn_key=(*seq.spawn_key, *key))
    return np.random.Generator(np.random.PCG64(child))


def name_key(*names: str) -> int:
    """A stable stream key for a name (corporation, housing form): not Python's salted hash."""
    return zlib.crc32("|".join(names).encode("utf-8"))


def poisson_count(u: float, mean: float) -> int:
    """Poisson draw by inversion: for a fixed `u`, never fewer when `mean` grows."""
    if mean <= 0.0:
        return 0
    return int(poisson.ppf(u, mean))


def poisson_counts(us: np.ndarray, means: np.ndarray) -> np.ndarray:
    """`poisson_count` elementwise, in one call (scipy's per-call overhead dominates)."""
    us, means = np.asarray(us, dtype=float), np.asarray(means, dtype=float)
    out = np.zeros(us.shape, dtype=np.int64)
    pos = means > 0.0
    if pos.any():
        out[pos] = poisson.ppf(us[pos], means[pos]).astype(np.int64)
    return out


def months_until(u: np.ndarray, hazard: np.ndarray | float) -> np.ndarray:
    """Geometric waiting time in whole months (≥ 1) by inversion; a higher hazard is never
    later for the same `u`. Hazard 0: never (a large number)."""
    h = np.clip(np.asarray(hazard, dtype=float), 0.0, 0.999999)
    with np.errstate(divide="ignore"):
        steps = np.floor(np.log1p(-u) / np.log1p(-h))
    return np.where(h > 0, 1 + np.minimum(steps, 10_000), 10_000).astype(np.int64)
