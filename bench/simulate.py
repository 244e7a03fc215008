"""Benchmark of the scenario model: `python bench/simulate.py [--runs 200] [--years 5]`.

Times (1) one replication of the sample region (scale 1, `--years` years, in this process, after
calibration), wall and CPU, the best of three seeds; (2) `--runs` replications of it on one and
on two local workers: Dask `LocalCluster` (what `woonregie simulate run --workers N` uses: the
model broadcast once, small tasks of seeds), each row timing the whole harness — a fresh cluster
started (with the workers' imports), the replications, the cluster closed — and with `--pool`
the plain alternative, a `multiprocessing` pool of the same size.
The speed-up is one-worker time over two-worker time; a second table splits each Dask row into
start-up, the map and close, with the seconds each worker computed and the tail (how long the
first worker to run out of tasks waits for the last), and gives the speed-up of the map alone.
The load average before and after each row is printed too: the machine is shared, and wall time
on a busy machine says as much about the neighbours as about the code; CPU time (this process
+ children) says less about them.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from woonregie.sample import generate_region  # noqa: E402
from woonregie.sample.calibration import REFERENCE_DATE  # noqa: E402
from woonregie.services.simulation import Dask, InProcess  # noqa: E402
from woonregie.simulate import build  # noqa: E402
from woonregie.simulate.model import run  # noqa: E402
from woonregie.simulate.params import Scenario  # noqa: E402
from woonregie.simulate.runner import seeds  # noqa: E402


def cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def timed(label: str, fn) -> tuple[str, float, float, str]:
    before, c0, t0 = load(), cpu(), time.perf_counter()
    fn()
    return label, time.perf_counter() - t0, cpu() - c0, f"{before} → {load()}"


def _pool_run(args):
    model, child = args
    return run(model, child)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--pool", action="store_true",
                    help="also time a plain multiprocessing.Pool of 1 and 2 processes")
    a = ap.parse_args()
    region = generate_region(1, a.scale, REFERENCE_DATE)
    base = build.calibrated(region, REFERENCE_DATE, REFERENCE_DATE)
    model = build.model(base, Scenario("basis"), 12 * a.years)
    children = seeds(1, a.runs)
    singles = [timed(f"1 replicatie, {a.years} jaar, in dit proces", lambda c=c: run(model, c))
               for c in children[:3]]
    best = min(singles, key=lambda r: r[1])
    rows = [(best[0] + f" (beste van {len(singles)})", *best[1:])]
    results, parts = {}, {}

    def dask(n):
        results[n], parts[n] = dask_run(n, model, children)

    def pool(n):
        with multiprocessing.get_context("spawn").Pool(n) as p:
            p.map(_pool_run, [(model, c) for c in children])

    for n in (1, 2):
        rows.append(timed(f"{a.runs} replicaties, Dask LocalCluster, {n} worker(s)",
                          lambda n=n: dask(n)))
    if a.pool:
        for n in (1, 2):
            rows.append(timed(f"{a.runs} replicaties, multiprocessing.Pool({n})",
                              lambda n=n: pool(n)))
    same = all(x.same_as(y) for x, y in zip(results[1], results[2], strict=True))
    with InProcess() as ex:
        check = ex.map([model], children[:1])
    same = same and check[0].same_as(results[1][0])
    print(f"Simulatie, voorbeeldregio schaal {a.scale:g}, {os.cpu_count()} kernen; "
          f"replicaties gelijk in proces / 1 / 2 workers: {'ja' if same else 'NEE'}")
    print(f"{'meting':<48} {'wall (s)':>9} {'cpu (s)':>9}  load 1 min")
    for label, wall, used, ld in rows:
        print(f"{label:<48} {wall:>9.2f} {used:>9.2f}  {ld}")
    d1, d2 = rows[1][1], rows[2][1]
    pool_text = f", multiprocessing {rows[3][1] / rows[4][1]:.2f}×" if a.pool else ""
    print(f"speed-up 2 workers: Dask {d1 / d2:.2f}×{pool_text} (doel ≥ 1,7×); "
          f"1 replicatie: {rows[0][1]:.2f} s wall, {rows[0][2]:.2f} s CPU (doel < 2 s)")
    print()
    print("Dask uitgesplitst (wall, s): opstart = LocalCluster + Client + import in de workers;"
          " rekenen = scatter + taken + gather; bezig = rekentijd van de taken per worker;"
          " staart = eerste worker klaar → laatste klaar")
    print(f"{'workers':<8} {'opstart':>8} {'rekenen':>8} {'afsluiten':>9} {'taken':>6} "
          f"{'bezig per worker':>20} {'staart':>7}")
    for n, b in parts.items():
        busy = " / ".join(f"{x:.1f}" for x in b["busy"])
        print(f"{n:<8} {b['start']:>8.2f} {b['map']:>8.2f} {b['close']:>9.2f} {b['tasks']:>6} "
              f"{busy:>20} {b['tail']:>7.2f}")
    print(f"speed-up van het rekenen alleen (zonder opstart en afsluiten): "
          f"{parts[1]['map'] / parts[2]['map']:.2f}×")


def dask_run(n: int, model, children) -> tuple[list, dict]:
    """`--runs` replications on a fresh LocalCluster of `n` workers, with where the time goes:
    start-up, the map (scatter, tasks, gather), close; per worker the seconds its tasks
    computed, and the tail: how long the others wait for the last worker."""
    from distributed import get_task_stream

    t0 = time.perf_counter()
    ex = Dask(workers=n)
    ex.client.run(importlib.import_module, "woonregie.simulate.runner")  # warm-up imports
    t1 = time.perf_counter()
    with get_task_stream(ex.client) as stream:
        reps = ex.map([model] * len(children), children)
    t2 = time.perf_counter()
    ex.__exit__(None, None, None)
    t3 = time.perf_counter()
    busy: dict[str, float] = {}
    last: dict[str, float] = {}
    tasks = 0
    for task in stream.data:
        for ss in task["startstops"]:
            if ss["action"] == "compute":
                w = task["worker"]
                busy[w] = busy.get(w, 0.0) + ss["stop"] - ss["start"]
                last[w] = max(last.get(w, 0.0), ss["stop"])
                tasks += 1
    ends = sorted(last.values())
    return reps, {"start": t1 - t0, "map": t2 - t1, "close": t3 - t2, "tasks": tasks,
                  "busy": [busy[w] for w in sorted(busy)],
                  "tail": ends[-1] - ends[0] if ends else 0.0}


if __name__ == "__main__":
    main()
