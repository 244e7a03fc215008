"""Time `woonregie report` (HTML, PDF and workbook of the monitor over a year) at national
scale: the whole command in its own process, and each step in a warm process.

    python bench/report.py [--scale 50] [--year 2026] [--runs 1] [--db URL]

The scale-50 sample (135,000 persons, 700,000 status changes) is built once and shared with
bench/monitor.py (`bench/.cache/monitor-s50.db`). Target: the whole report under 30 s.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from monitor import BIN, SQLITE, ensure, run_processes, say
from woonregie.domain.enums import OrgKind
from woonregie.services.access import Principal, Role
from woonregie.services.report import write_report
from woonregie.store.db import make_engine
from woonregie.store.unit_of_work import UnitOfWork

TARGET_S = 30.0
OPERATOR = Principal(0, "bench", Role.OPERATOR, "-", OrgKind.GEMEENTE)


def steps_in_process(url: str, year: int, out: Path) -> list[tuple[str, float, float]]:
    """(step, wall s, cpu s) of each step of one report in this (warm) process."""
    marks: list[tuple[str, float, float]] = []

    def step(description: str) -> None:
        marks.append((description, time.perf_counter(), time.process_time()))

    engine = make_engine(url)
    with UnitOfWork(engine) as uow:
        write_report(uow, OPERATOR, year, out, step=step)
    marks.append(("einde", time.perf_counter(), time.process_time()))
    engine.dispose()
    grouped: dict[str, list[float]] = {}
    for (name, wall, cpu), (_, wall2, cpu2) in zip(marks, marks[1:], strict=False):
        key = "Grafieken tekenen (vl-convert)" if name.startswith("Grafiek") else name
        got = grouped.setdefault(key, [0.0, 0.0])
        got[0] += wall2 - wall
        got[1] += cpu2 - cpu
    return [(name, w, c) for name, (w, c) in grouped.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=None, help="database URL (default: the scale-50 "
                                                    "SQLite sample in bench/.cache)")
    parser.add_argument("--scale", type=float, default=50)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    url = args.db or f"sqlite:///{SQLITE}"
    SQLITE.parent.mkdir(exist_ok=True)
    ensure(url, args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        wall_ms, cpu_ms, _ = run_processes(
            [str(BIN / "woonregie"), "--db", url, "report", "--year", str(args.year),
             "--out", tmp], args.runs)
        say("stappen in één warm proces …")
        warm = [steps_in_process(url, args.year, Path(tmp) / f"warm{i}")
                for i in range(args.runs)]
        sizes = {p.suffix: p.stat().st_size for p in (Path(tmp) / "warm0").iterdir()}
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() \
        else ["?"]
    print(f"\nwoonregie report --year {args.year}, {url.split('/')[-1]}, "
          f"median of {args.runs}, load {' '.join(load)}\n")
    print(f"| {'what':<44} | {'wall s':>7} | {'cpu s':>6} |")
    print(f"|{'-' * 46}|{'-' * 8}:|{'-' * 7}:|")
    print(f"| {'whole command (own process)':<44} | {wall_ms / 1000:7.1f} | "
          f"{cpu_ms / 1000:6.1f} |")
    for i, (name, _, _) in enumerate(warm[0]):
        w = statistics.median(run[i][1] for run in warm)
        c = statistics.median(run[i][2] for run in warm)
        print(f"| {name:<44} | {w:7.1f} | {c:6.1f} |")
    print(f"\nfiles: HTML {sizes.get('.html', 0) / 1e6:.1f} MB, PDF "
          f"{sizes.get('.pdf', 0) / 1e6:.1f} MB, Excel {sizes.get('.xlsx', 0) / 1e6:.1f} MB; "
          f"target {TARGET_S:.0f} s: {'met' if wall_ms / 1000 < TARGET_S else 'NOT met'}; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
