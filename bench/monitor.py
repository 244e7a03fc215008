"""Monitor benchmark (issue 10): the whole `woonregie monitor --json` and each figure's query at
national scale (`woonregie sample --seed 1 --scale 50`: 135,000 persons, 700,000 status
changes), on SQLite and PostgreSQL, beside the plain alternative in the same run.

    python bench/monitor.py                       # 3 runs each (pandas 1), both databases
    python bench/monitor.py --runs 3 --databases sqlite
    python bench/monitor.py --src /work/main      # another checkout's code (before/after)

Rows per database:
- `monitor --json (proces)`: the whole command as a user runs it — start-up, imports, reads,
  figures, JSON out — in its own process (target < 2 s). Cold by construction: a process keeps
  nothing from an earlier run, so every run reads the region as the first one after a change
  of the data does (only the OS file cache and PostgreSQL's buffers are warm after run one);
- `pandas (proces)`: the plain alternative, `bench/monitor_reference.py`: pandas `read_sql` of
  the whole tables, group-bys and merges, same period, in its own process; `zelfde cijfers`
  says whether its JSON equals ours;
- `alle cijfers, eerste verzoek (koud)`: `services.monitoring.monitor_figures` in a process
  that keeps nothing yet (or after a write): it reads the region's columns;
- `alle cijfers` and `… --gemeente/--doelgroep/--corporatie/--zorgaanbieder`: the same in a
  warm process whose kept columns still hold (store/monitor_cache.py), what a dashboard
  request pays for a period and filter (target < 200 ms);
- one row per figure: `monitor_figures(uow, period, only=[figure])`, the query a dashboard
  chart makes (target < 200 ms).

Times are medians of `--runs` runs: wall time, and CPU time (user + system) of the measuring
process or child; PostgreSQL's own CPU is in its server processes and not counted there. The
machine is shared (2 cores, 8 engineers): compare within one run, and look at CPU beside wall.

`--src DIR` measures the code of another checkout (its `src/`) on the same databases: the
command runs as `python -c "from woonregie.cli.launch import main; main()"` with that `src`
first on the path (what the `woonregie` console script runs), the in-process rows import it.

The sample databases are built once and reused: `bench/.cache/monitor-s50.db` (`--sqlite`) and the
PostgreSQL database `woonregie_monitor_s50` (`--pg` names the server, `--pg-name` another
database), history up to 2026-12-01 (`--today`), so the default period 2026-01-01 … 2026-11-30
is the year so far. PostgreSQL gets a VACUUM ANALYZE first, as autovacuum gives a live database.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
DEFAULT_PG = "postgresql+psycopg://root@127.0.0.1:5432/test"
PG_NAME = "woonregie_monitor_s50"
SQLITE = HERE / ".cache" / "monitor-s50.db"
TODAY = "2026-12-01"
PROCESS_TARGET_MS, QUERY_TARGET_MS = 2000, 200


def has_region(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(conn.execute(text("SELECT count(*) FROM persons")).scalar())
    except Exception:  # no schema yet
        return False
    finally:
        engine.dispose()


def ensure(url: str, scale: float) -> None:
    """Build the sample region once (minutes at scale 50); reuse it afterwards, brought up to
    the current schema (the data version the monitor keeps its reads by is a migration)."""
    if has_region(url):
        from woonregie.store.db import make_engine
        from woonregie.store.schema import upgrade

        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        vacuum(url)
        return
    print(f"Voorbeeldregio schaal {scale} bouwen in {make_url(url).database} …", flush=True)
    subprocess.run([str(BIN / "woonregie"), "--db", url, "sample", "--seed", "1", "--scale",
                    str(scale), "--today", TODAY], check=True, stdout=subprocess.DEVNULL)
    vacuum(url)


def vacuum(url: str) -> None:
    """PostgreSQL: VACUUM ANALYZE, as autovacuum does to a live database (the sample is one
    bulk write; without it the planner has no statistics and the trigger-kept copies carry
    the dead rows of every update the load made). Quick once done."""
    if not url.startswith("postgresql"):
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def ensure_pg_database(server: str, name: str = PG_NAME) -> str:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                             {"n": name}).scalar()
        if not found:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def woonregie(src: Path) -> list[str]:
    """The `woonregie` command of the checkout whose code is in `src`."""
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(src)!r}); "
            "from woonregie.cli.launch import main; main()"]


def timed_process(argv: list[str]) -> tuple[float, str]:
    """(wall ms, stdout) of one run of `argv` in its own process."""
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    wall = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} faalde:\n{done.stderr[-2000:]}")
    return wall, done.stdout


def say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def run_processes(argv: list[str], runs: int) -> tuple[float, float, str]:
    """Median wall and CPU (user + system of the child) ms over `runs`, and the output."""
    walls, cpus, out = [], [], ""
    say(" ".join(Path(a).name if a.startswith("/") else a[:30] for a in argv[:4]) + " …")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, out = timed_process(argv)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append(wall)
        cpus.append(((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
                    * 1000)
    return statistics.median(walls), statistics.median(cpus), out


def _timed(engine, period, filters, only, runs: int, cold: bool) -> tuple[float, float]:
    """Median wall and CPU ms of `runs` calls of monitor_figures; `cold`: each call with the
    process's kept region dropped first (the first request after a write), else after one
    call that fills it (what every further dashboard request pays)."""
    from woonregie.services.monitoring import monitor_figures
    from woonregie.store import monitor_cache
    from woonregie.store.unit_of_work import UnitOfWork

    walls, cpus = [], []
    for i in range(runs + (0 if cold else 1)):
        if cold:
            monitor_cache.forget()
        start, cpu = time.perf_counter(), time.process_time()
        with UnitOfWork(engine) as uow:
            monitor_figures(uow, period, filters, only)
        if cold or i > 0:
            walls.append((time.perf_counter() - start) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def in_process(url: str, period, runs: int) -> list[tuple[str, float, float, bool]]:
    """Median wall and CPU ms of monitor_figures in a warm process (what a dashboard pays):
    the first request (cold), then all figures and each figure alone, unfiltered and under
    each dashboard filter. The last field says whether the row is a dashboard query."""
    from woonregie.monitor.figures import FIGURES
    from woonregie.services.monitoring import MonitorFilters
    from woonregie.store.db import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        def first(kind: str) -> str:
            return conn.execute(text("SELECT code FROM organisations WHERE kind = :k "
                                     "ORDER BY code LIMIT 1"), {"k": kind}).scalar()
        corporation, provider = first("woningcorporatie"), first("zorgaanbieder")
        gemeente = conn.execute(text("SELECT gemeente FROM organisations WHERE code = :c"),
                                {"c": provider}).scalar()
    say("in proces: alle cijfers, koud")
    rows = [("alle cijfers, eerste verzoek (koud)",
             *_timed(engine, period, MonitorFilters(), None, runs, cold=True), False)]
    cases = [("alle cijfers", MonitorFilters(), None),
             (f"alle cijfers --gemeente {gemeente}", MonitorFilters(gemeente=gemeente), None),
             ("alle cijfers --doelgroep bw_uitstroom",
              MonitorFilters(target_group="bw_uitstroom"), None),
             (f"alle cijfers --corporatie {corporation}",
              MonitorFilters(corporation=corporation), None),
             (f"alle cijfers --zorgaanbieder {provider}",
              MonitorFilters(care_provider=provider), None),
             ("alle cijfers, alle vier filters",
              MonitorFilters(gemeente, "bw_uitstroom", corporation, provider), None)]
    cases += [(f"  {key}", MonitorFilters(), [key]) for key in FIGURES]
    for label, filters, only in cases:
        say(f"in proces: {label.strip()}")
        rows.append((label, *_timed(engine, period, filters, only, runs, cold=False), True))
    engine.dispose()
    return rows


def differences(ours: dict, theirs: dict) -> list[str]:
    """Keys of the contract (what the reference computes) on which the two differ."""
    return [k for k in theirs if ours.get(k) != theirs[k]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reference-runs", type=int, default=1)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--pg", default=DEFAULT_PG)
    parser.add_argument("--scale", type=float, default=50)
    parser.add_argument("--from", dest="van", default="2026-01-01")
    parser.add_argument("--to", dest="tot", default="2026-11-30")
    parser.add_argument("--sqlite", type=Path, default=SQLITE,
                        help="SQLite file of the sample (built when missing)")
    parser.add_argument("--pg-name", default=PG_NAME,
                        help="PostgreSQL database of the sample (built when missing)")
    parser.add_argument("--src", type=Path, default=ROOT,
                        help="checkout whose code is measured (its src/)")
    a = parser.parse_args()
    src = a.src.resolve() / "src"
    sys.path.insert(0, str(src))
    from woonregie.monitor import Period

    period = Period(date.fromisoformat(a.van), date.fromisoformat(a.tot))
    table: list[tuple[str, str, float, float, str, str]] = []
    for database in a.databases.split(","):
        if database == "sqlite":
            a.sqlite.parent.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{a.sqlite}"
        else:
            url = ensure_pg_database(a.pg, a.pg_name)
        ensure(url, a.scale)
        args = ["--from", a.van, "--to", a.tot]
        wall, cpu, ours = run_processes(
            [*woonregie(src), "--db", url, "monitor", *args, "--json"], a.runs)
        table.append((database, "monitor --json (proces)", wall, cpu,
                      f"< {PROCESS_TARGET_MS}", "ja" if wall < PROCESS_TARGET_MS else "nee"))
        wall, cpu, theirs = run_processes(
            [sys.executable, str(HERE / "monitor_reference.py"), "--db", url, *args],
            a.reference_runs)
        diff = differences(json.loads(ours), json.loads(theirs))
        table.append((database, "pandas (proces)", wall, cpu, "",
                      "zelfde cijfers" if not diff else "verschilt: " + ", ".join(diff)))
        for label, wall, cpu, query in in_process(url, period, a.runs):
            table.append((database, label, wall, cpu, f"< {QUERY_TARGET_MS}" if query else "",
                          ("ja" if wall < QUERY_TARGET_MS else "nee") if query else ""))
    print(f"\nMonitor, schaal {a.scale:g}, periode {a.van} … {a.tot}, mediaan van {a.runs} "
          f"runs ({a.reference_runs} voor pandas); load {os.getloadavg()[0]:.1f} op "
          f"{os.cpu_count()} cores\n")
    print(f"{'database':<11}{'wat':<34}{'wall ms':>9}{'cpu ms':>9}  {'doel ms':<8} gehaald")
    for row in table:
        print(f"{row[0]:<11}{row[1]:<34}{row[2]:>9.0f}{row[3]:>9.0f}  {row[4]:<8} {row[5]}")


if __name__ == "__main__":
    main()
