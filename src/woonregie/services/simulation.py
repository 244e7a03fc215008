"""Scenario runs (simulatie): the region in, replications out, on this process or on Dask.

The region comes from the sample generator (`bron = "voorbeeld"`, no database) or from the
register (`bron = "database"`: a regisseur's or the operator's read of the whole register, one
audit entry). Replications go through an executor: `InProcess` (plain `map`) or `Dask`
(`client.map` over the replications' seeds on a `distributed.LocalCluster` of worker processes,
or on an existing cluster named by its scheduler address). The model (woonregie.simulate) is
the same in both; a test checks that they give the same replications for the same seeds.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from woonregie.domain.model import Region
from woonregie.sample import generate_region
from woonregie.sample.calibration import REFERENCE_DATE
from woonregie.services import audit
from woonregie.services.access import Action, Principal, require
from woonregie.services.region import read_region
from woonregie.simulate import build
from woonregie.simulate.model import run
from woonregie.simulate.params import Model, Parameters, Start, Structure
from woonregie.simulate.record import Replication
from woonregie.simulate.runner import run_many, seeds
from woonregie.simulate.scenario import ScenarioFile, Source
from woonregie.simulate.summary import figures, summarise
from woonregie.store.unit_of_work import UnitOfWork

SHIPPED = Path(os.environ.get("WOONREGIE_SCENARIOS",
                              Path(__file__).resolve().parents[3] / "scenarios"))
"""The shipped scenarios (`scenarios/` of the checkout; WOONREGIE_SCENARIOS names another
folder, e.g. for an installed package)."""


def shipped() -> list[Path]:
    return sorted(SHIPPED.glob("*.toml")) if SHIPPED.is_dir() else []


Progress = Callable[[int, int], None]  # (done, total)
Base = tuple[Start, Parameters, Structure]


def load_region(source: Source, uow: Callable[[], UnitOfWork] | None = None,
                actor: Principal | None = None, today: date | None = None
                ) -> tuple[Region, date]:
    """The region of `source` and the date its register stands on."""
    if source.kind == "voorbeeld":
        return generate_region(source.seed, source.scale, REFERENCE_DATE), REFERENCE_DATE
    if uow is None or actor is None:
        raise ValueError("bron = 'database' heeft een database en een gebruiker nodig")
    require(actor, Action.MATCH_RUN)
    with uow() as work:
        region = read_region(work)
        on = today or work.clock.today()
        audit.record(work, actor, "simulate", "region", None,
                     {"persons": len(region.persons), "dwellings": len(region.dwellings)})
        work.commit()
    return region, on


class InProcess(AbstractContextManager):
    """Replications one after the other in this process."""

    def map(self, models: list[Model], children: list, progress: Progress | None = None
            ) -> list[Replication]:
        out = []
        for i, (m, s) in enumerate(zip(models, children, strict=True)):
            out.append(run(m, s))
            if progress:
                progress(i + 1, len(models))
        return out

    def __exit__(self, *exc) -> None:
        return None


class Dask(AbstractContextManager):
    """Replications as Dask tasks: `scheduler` "tcp://HOST:PORT" of a running cluster, or
    None for a `LocalCluster` of `workers` single-threaded worker processes.

    Each distinct model is scattered to every worker once (broadcast), so a task carries only
    its seeds, and a task runs a chunk of consecutive seeds (`runner.run_many`): one replication
    while there are at most TASKS_PER_WORKER per worker, more beyond. A task costs the scheduler
    a few milliseconds against the seconds of a replication, and small tasks keep the workers
    busy to the end: a worker that is slowed down (a shared machine) or done early takes the
    next task, so the last one to finish waits for at most one replication, not a chunk
    (bench/simulate.py shows the busy time per worker and that tail)."""

    TASKS_PER_WORKER = 200

    def __init__(self, scheduler: str | None = None, workers: int = 2):
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler is None:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            self.client = Client(scheduler)

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, models: list[Model], children: list, progress: Progress | None = None
            ) -> list[Replication]:
        from distributed import as_completed

        shared: dict[int, object] = {}
        for m in models:  # ship each distinct model once to every worker
            if id(m) not in shared:
                shared[id(m)] = self.client.scatter(m, broadcast=True)
        size = max(1, math.ceil(len(models) / (self.TASKS_PER_WORKER * self.workers())))
        futures, sizes = [], {}
        for model, seqs in chunks(models, children, size):
            future = self.client.submit(run_many, shared[id(model)], seqs, pure=False)
            futures.append(future)
            sizes[future.key] = len(seqs)
        done = 0
        for future in as_completed(futures):
            done += sizes[future.key]
            if progress:
                progress(done, len(models))
        return [rep for part in self.client.gather(futures) for rep in part]

    def __exit__(self, *exc) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def chunks(models: list[Model], children: list, size: int) -> list[tuple[Model, list]]:
    """Consecutive replications of the same model, at most `size` per chunk, in order."""
    out: list[tuple[Model, list]] = []
    for m, s in zip(models, children, strict=True):
        if out and out[-1][0] is m and len(out[-1][1]) < size:
            out[-1][1].append(s)
        else:
            out.append((m, [s]))
    return out


@dataclass
class ScenarioRun:
    file: ScenarioFile
    replications: list[Replication]
    per_replication: list[dict]
    summary: dict

    def to_json(self, with_replications: bool = True) -> dict:
        from woonregie.simulate.summary import to_json

        out = {"scenario": self.file.scenario.name, "naam": self.file.scenario.title,
               "samenvatting": to_json(self.summary)}
        if with_replications:
            out["replicaties"] = self.per_replication
        return out


def run_scenarios(files: list[ScenarioFile], base: Base, months: int, runs: int, seed: int,
                  executor, progress: Progress | None = None) -> list[ScenarioRun]:
    """Every scenario with the same `runs` seeds (common random numbers), in one sweep."""
    models = [build.model(base, f.scenario, months, f.path) for f in files]
    children = seeds(seed, runs)
    reps = executor.map([m for m in models for _ in range(runs)], children * len(models),
                        progress)
    out = []
    for k, f in enumerate(files):
        mine = reps[k * runs: (k + 1) * runs]
        per = [figures(r) for r in mine]
        out.append(ScenarioRun(f, mine, per, summarise(per)))
    return out




def backtest(region: Region, on: date, months: int, runs: int, seed: int, executor,
             progress: Progress | None = None):
    """The basis model from the state `months` ago (calibrated on the year before that),
    compared month by month with what the register says happened since."""
    from woonregie.simulate.backtest import compare
    from woonregie.simulate.model import add_months
    from woonregie.simulate.params import Scenario

    start = add_months(on, -months)
    model = build.model(build.calibrated(region, start, on), Scenario("basis"), months)
    reps = executor.map([model] * runs, seeds(seed, runs), progress)
    return start, compare(region, start, reps)
