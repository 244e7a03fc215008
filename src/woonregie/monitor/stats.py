"""The statistics of the monitor definitions: median, nearest-rank p90, mean, shares.

Day figures are rounded to 1 decimal, shares to 4; an empty universe gives `None` (JSON null),
never 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def median(values: np.ndarray) -> float | None:
    """The usual median: the middle value, or the mean of the two middle values."""
    n = len(values)
    if n == 0:
        return None
    ordered = np.sort(values)
    middle = n // 2
    found = ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return round(float(found), 1)


def p90(values: np.ndarray) -> float | None:
    """Nearest-rank 90th percentile: `sorted(x)[ceil(0.9 * n) - 1]`, the rank computed in
    integers (ceil(9n/10)) so that float error never moves it (0.9 * 110 is 99.000…01)."""
    n = len(values)
    if n == 0:
        return None
    rank = -(-9 * n // 10)
    return round(float(np.partition(values, rank - 1)[rank - 1]), 1)


def mean(values: np.ndarray) -> float | None:
    return round(float(np.mean(values)), 1) if len(values) else None


def share(part: int, whole: int) -> float | None:
    """A fraction in [0, 1] rounded to 4 decimals; `None` for an empty universe."""
    return round(part / whole, 4) if whole else None


def days_summary(values: np.ndarray | Sequence[int], with_mean: bool = True) -> dict:
    """`{"aantal", "mediaan", "p90"[, "gemiddeld"]}` of a list of day counts."""
    arr = np.asarray(values, dtype=np.int64)
    out: dict = {"aantal": int(len(arr)), "mediaan": median(arr), "p90": p90(arr)}
    if with_mean:
        out["gemiddeld"] = mean(arr)
    return out
