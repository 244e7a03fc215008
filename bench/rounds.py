"""Matching round from the web (a background job) beside the same round from the command line.

    python bench/rounds.py                       # scales 1 and 10, SQLite
    python bench/rounds.py --scales 50 --repeat 1

For each scale it builds (once, cached in bench/.cache/rounds-sN.db) the sample region
`woonregie sample --seed 1 --scale N`, then per kind of round (dry run, stored round) and per
repeat, each on a fresh copy of that database:

- `cli`: the whole process `woonregie --db COPY match [--dry-run] --json` (start-up, read,
  solve, store, JSON of every line to /dev/null), as a user waits for it;
- `web`: `woonregie serve` (with its job worker) on a free loopback port; the time from
  `POST /api/v1/match-rounds` to the job reading `klaar` (polled every 0.1 s), which is what the
  page's progress indicator waits for. The web's dry run solves both policies (the page shows
  their comparison); the command line's solves one. CPU is the worker process's user + system
  time for the job (from /proc), the CLI's from the child's rusage.

The ratio web/cli is the issue's target (at most 1.5). Wall times on the shared 2-core machine
vary with other processes' load: compare within one run; the CPU columns vary less.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
REGISSEUR = "regisseur-gem-9001"
CLI = [sys.executable, "-c", "from woonregie.cli.launch import main; main()"]
TICKS = os.sysconf("SC_CLK_TCK")


def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], check=True, capture_output=True, text=True, **kw)


def sample(scale: str) -> Path:
    CACHE.mkdir(exist_ok=True)
    db = (CACHE / f"rounds-s{scale}.db").resolve()
    if not db.exists():
        print(f"sample scale {scale} bouwen (eenmalig) …", flush=True)
        _run("--db", str(db), "sample", "--seed", "1", "--scale", scale)
    _run("--db", str(db), "init")  # a cached database from older code: migrate it once
    return db


def fresh(db: Path, work: Path) -> Path:
    copy = work / "round.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copy(db, copy)
    return copy


def cli_round(db: Path, dry_run: bool) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    args = ["--db", str(db), "match", "--json"] + (["--dry-run"] if dry_run else [])
    subprocess.run([*CLI, *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def _worker_pid(server_pid: int) -> int:
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                cmd = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if int(stat[1]) == server_pid and b"worker" in cmd:
                return int(proc.name)
    raise RuntimeError("geen werkproces gevonden")


def web_round(db: Path, dry_run: bool, work: Path) -> tuple[float, float]:
    token = _run("--db", str(db), "tokens", "create", REGISSEUR).stdout.strip().splitlines()[-1]
    port = _free_port()
    server = subprocess.Popen([*CLI, "--db", str(db), "serve", "--port", str(port),
                               "--workers", "1"], cwd=work, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60,
                          headers={"Authorization": f"Bearer {token}"}) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if client.get("/api/v1/me").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("de server startte niet")
                time.sleep(0.2)
            worker = _worker_pid(server.pid)
            cpu0 = _cpu_of(worker)
            start = time.perf_counter()
            posted = client.post("/api/v1/match-rounds", json={"dry_run": dry_run})
            if posted.status_code != 202:
                raise RuntimeError(f"POST gaf {posted.status_code}: {posted.text}")
            job = posted.json()
            while job["status"] in ("wachtend", "bezig"):
                time.sleep(0.1)
                job = client.get(job["url"]).json()
            wall = time.perf_counter() - start
            cpu = _cpu_of(worker) - cpu0
            if job["status"] != "klaar":
                raise RuntimeError(f"ronde mislukt: {job['error']}")
            return wall, cpu
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=(CACHE / "rounds-work").resolve())
    opts = parser.parse_args()
    opts.work.mkdir(parents=True, exist_ok=True)
    os.chdir(opts.work)  # the audit key file and checkpoints of these runs live here
    rows = []
    for scale in opts.scales.split(","):
        db = sample(scale)
        for dry_run in (True, False):
            got: dict[str, list[tuple[float, float]]] = {"cli": [], "web": []}
            for _ in range(opts.repeat):
                got["cli"].append(cli_round(fresh(db, opts.work), dry_run))
                got["web"].append(web_round(fresh(db, opts.work), dry_run, opts.work))
            med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
                   for k, v in got.items()}
            rows.append((scale, "proefronde" if dry_run else "opgeslagen", med))
            print(_row(rows[-1]), flush=True)
    print()
    print(_header())
    for row in rows:
        print(_row(row))


def _header() -> str:
    return (f"{'scale':>5} | {'round':<10} | {'cli wall s':>10} | {'web wall s':>10} | "
            f"{'ratio':>5} | {'cli cpu s':>9} | {'web cpu s':>9} | {'cpu ratio':>9}")


def _row(row) -> str:
    scale, kind, med = row
    (cw, cc), (ww, wc) = med["cli"], med["web"]
    return (f"{scale:>5} | {kind:<10} | {cw:>10.1f} | {ww:>10.1f} | {ww / cw:>5.2f} | "
            f"{cc:>9.1f} | {wc:>9.1f} | {wc / cc:>9.2f}")


if __name__ == "__main__":
    main()
