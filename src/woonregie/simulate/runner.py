"""Replications: one `SeedSequence` child per replication, run by whatever maps.

`replicate(model, seed, runs, mapper)` spawns `SeedSequence(seed).spawn(runs)` and hands
(model, child) pairs to `mapper` — the built-in `map` in-process, a Dask client's `map` on a
cluster (services/simulation.py) — so the model never knows who runs it, and the same seed gives
the same replications everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np

from woonregie.simulate.model import run
from woonregie.simulate.params import Model
from woonregie.simulate.record import Replication

Mapper = Callable[[Callable, Iterable[Model], Iterable[np.random.SeedSequence]],
                  Iterator[Replication]]


def seeds(seed: int, runs: int) -> list[np.random.SeedSequence]:
    return np.random.SeedSequence(seed).spawn(runs)


def run_many(model: Model, children: list[np.random.SeedSequence]) -> list[Replication]:
    """`run` for each seed in turn: one task of a chunked sweep (services/simulation.py)."""
    return [run(model, child) for child in children]


def replicate(model: Model, seed: int, runs: int, mapper: Mapper = map) -> list[Replication]:
    children = seeds(seed, runs)
    return list(mapper(run, [model] * runs, children))
