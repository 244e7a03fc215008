"""Load benchmark of the HTTP server: a read mix at rising concurrency, SQLite and PostgreSQL.

    python bench/load.py                 # 30 s per level, 1/10/50/100 clients, scale 1 and 20
    python bench/load.py --quick         # 5 s per level (a smoke run)
    python bench/load.py --seconds 10 --databases sqlite --scales 1

For each database (SQLite file, PostgreSQL database) and sample scale it starts the real server
(`woonregie serve`, its production defaults) on a free loopback port, creates API tokens for a
caseworker (trajectbegeleider) and the regisseur, and runs the read mix — list persons, show
one person, list dwellings, in equal parts — with N concurrent clients for a fixed time per
level. Every client is a closed loop (send, wait for the answer, send again). The table reports
throughput, latency percentiles, errors (any answer but 2xx) and timeouts (no answer within
`--timeout`) per level, then checks the targets of issue 13.

Databases are cached (`bench/.cache/scale-N.db`, PostgreSQL database `woonregie_bench_sN`) and
reused: building scale 20 takes minutes. Everything runs on loopback and is bounded in time.

The load generator is one asyncio process (httpx) on the same machine: it competes with the
server for the CPUs (two on the reference machine). Its own CPU share is printed per level
(`gen cpu`), so a saturated generator shows; the plain alternative it is measured beside is
the server's own floor, a static file (`/static/…`), in the `static` row per database.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, make_url, text

HERE = Path(__file__).resolve().parent
DEFAULT_PG = "postgresql+psycopg://root@127.0.0.1:5432/test"
CASEWORKER = "trajectbegeleider-za01-bw"
REGISSEUR = "regisseur-gem-9001"


@dataclass
class Level:
    database: str
    scale: float
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    timeouts: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    cpu: float = 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(p / 100 * len(data)))] * 1000

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds


def woonregie(src: Path | None, *args: str, env: dict[str, str] | None = None,
              **kw) -> subprocess.CompletedProcess:
    """Run the command line of the code under test (another checkout's with --src)."""
    return subprocess.run(_cli(src) + list(args), env=_env(src, env), check=True,
                          capture_output=True, text=True, **kw)


def _cli(src: Path | None) -> list[str]:
    return [sys.executable, "-c", "import sys; sys.argv[0] = 'woonregie'; "
            "from woonregie.cli.main import app; app()"]


def _env(src: Path | None, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ) | (extra or {})
    env.pop("WOONREGIE_DATABASE_URL", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def prepare(src: Path | None, database: str, scale: float, cache: Path, pg: str,
            prefix: str = "woonregie_bench_s") -> str:
    """The URL of a database with the sample region at `scale`, built once and reused
    (PostgreSQL database `prefix` + scale)."""
    tag = f"{scale:g}".replace(".", "_")
    if database == "sqlite":
        path = cache / f"scale-{tag}.db"
        url = f"sqlite:///{path}"
        if path.exists():
            woonregie(src, "--db", url, "init")
            return url
        cache.mkdir(parents=True, exist_ok=True)
    else:
        name = f"{prefix}{tag}"
        admin = create_engine(pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        url = make_url(pg).set(database=name).render_as_string(hide_password=False)
        if exists and _populated(url):
            woonregie(src, "--db", url, "init")
            return url
    print(f"  voorbeeldregio schaal {scale:g} in {database} opbouwen (eenmalig)...", flush=True)
    woonregie(src, "--db", url, "sample", "--seed", "1", "--scale", f"{scale:g}", "--if-empty")
    return url


def _populated(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(conn.scalar(text("SELECT count(*) FROM users")))
    except Exception:
        return False
    finally:
        engine.dispose()


def token(src: Path | None, url: str, user: str) -> str:
    out = woonregie(src, "--db", url, "tokens", "create", user, "--name", "bench/load.py")
    return out.stdout.strip().splitlines()[-1].strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(src: Path | None, url: str, serve_args: list[str], cache: Path):
    port = free_port()
    log = open(cache / "server.log", "a")  # noqa: SIM115 (closed below)
    proc = subprocess.Popen(
        _cli(src) + ["--db", url, "serve", "--host", "127.0.0.1", "--port", str(port),
                     *serve_args],
        env=_env(src), stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # a loaded machine imports slowly
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"server stopte (zie {log.name})")
            try:
                httpx.get(base + "/login", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise SystemExit("server startte niet binnen 180 s") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


async def discover(base: str, caseworker: str) -> list[str]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as c:
        r = await c.get("/api/v1/persons", params={"limit": 200},
                        headers={"Authorization": f"Bearer {caseworker}"})
        r.raise_for_status()
        return [p["key"] for p in r.json()["items"]]


def read_mix(caseworker: str, regisseur: str, keys: list[str]):
    cw = {"Authorization": f"Bearer {caseworker}"}
    rg = {"Authorization": f"Bearer {regisseur}"}

    def pick(rng: random.Random) -> tuple[str, dict, dict]:
        op = rng.randrange(3)
        if op == 0:
            return "/api/v1/persons", {"limit": 20}, cw
        if op == 1:
            return f"/api/v1/persons/{rng.choice(keys)}", {}, cw
        return "/api/v1/dwellings", {"limit": 20, "status": "vrij"}, rg
    return pick


def static_mix(_rng: random.Random) -> tuple[str, dict, dict]:
    return "/static/htmx.min.js", {}, {}


async def run_level(base: str, level: Level, pick, timeout: float) -> Level:
    stop = time.monotonic() + level.seconds
    started_cpu, started = time.process_time(), time.monotonic()

    async def one_client(n: int) -> None:
        # Each client its own connection, as separate callers have: one shared pool of 100
        # connections cost the generator 15 ms of CPU per request (httpx scans its pool per
        # request), CPU the server then lacked. Plain http on loopback: no TLS context.
        rng = random.Random(n)
        async with httpx.AsyncClient(base_url=base, timeout=timeout, verify=False) as client:
            while time.monotonic() < stop:
                path, params, headers = pick(rng)
                t0 = time.perf_counter()
                try:
                    r = await client.get(path, params=params, headers=headers)
                except httpx.TimeoutException:
                    level.timeouts += 1
                    continue
                except httpx.TransportError:
                    level.errors += 1
                    continue
                level.statuses[r.status_code] = level.statuses.get(r.status_code, 0) + 1
                if r.is_success:
                    level.latencies.append(time.perf_counter() - t0)
                else:
                    level.errors += 1

    await asyncio.gather(*(one_client(n) for n in range(level.clients)))
    wall = time.monotonic() - started
    level.cpu = (time.process_time() - started_cpu) / wall * 100
    level.seconds = wall
    return level


def row(lv: Level, what: str) -> str:
    return (f"| {lv.database:<10} | {lv.scale:>5g} | {what:<8} | {lv.clients:>7} | "
            f"{len(lv.latencies):>8} | {lv.throughput:>7.1f} | {lv.pct(50):>7.1f} | "
            f"{lv.pct(95):>7.1f} | {lv.pct(99):>7.1f} | {lv.errors:>6} | {lv.timeouts:>8} | "
            f"{lv.cpu:>6.0f}% |")


HEADER = ("| database   | scale | mix      | clients | requests |   req/s | p50 ms  | p95 ms  "
          "| p99 ms  | errors | timeouts | gen cpu |\n"
          "|------------|-------|----------|---------|----------|---------|---------|---------"
          "|---------|--------|----------|---------|")


def targets(results: list[Level]) -> list[str]:
    """The targets of issue 13, per database and scale."""
    out = []
    groups: dict[tuple[str, float], dict[int, Level]] = {}
    for lv in results:
        groups.setdefault((lv.database, lv.scale), {})[lv.clients] = lv
    for (db, scale), by in groups.items():
        name = f"{db} schaal {scale:g}"
        bad = [c for c, lv in by.items() if lv.errors or lv.timeouts]
        out.append(f"{'OK ' if not bad else 'NEE'} {name}: 0 fouten en 0 time-outs"
                   + (f" (niet bij {bad} clients)" if bad else ""))
        if 10 in by and 100 in by:
            ok = by[100].throughput >= by[10].throughput > 0
            out.append(f"{'OK ' if ok else 'NEE'} {name}: doorvoer 100 clients "
                       f"{by[100].throughput:.0f}/s >= 10 clients {by[10].throughput:.0f}/s")
        if 100 in by:
            ok = bool(by[100].latencies) and by[100].pct(99) < 2000
            out.append(f"{'OK ' if ok else 'NEE'} {name}: p99 bij 100 clients "
                       f"{by[100].pct(99):.0f} ms < 2000 ms")
        if 1 in by:
            ok = bool(by[1].latencies) and by[1].pct(95) < 30
            out.append(f"{'OK ' if ok else 'NEE'} {name}: p95 bij 1 client "
                       f"{by[1].pct(95):.1f} ms < 30 ms")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=30.0, help="seconds per level")
    ap.add_argument("--quick", action="store_true", help="5 s per level")
    ap.add_argument("--levels", default="1,10,50,100")
    ap.add_argument("--scales", default="1,20")
    ap.add_argument("--databases", default="sqlite,postgresql")
    ap.add_argument("--pg", default=os.environ.get("WOONREGIE_BENCH_PG_URL", DEFAULT_PG),
                    help="PostgreSQL server (loopback) in which the bench databases live")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds before a timeout")
    ap.add_argument("--cache", type=Path, default=HERE / ".cache")
    ap.add_argument("--src", type=Path, default=None,
                    help="measure another checkout's code (its src/ directory)")
    ap.add_argument("--serve-args", default="", help="extra options for `woonregie serve`")
    ap.add_argument("--no-static", action="store_true", help="skip the static-file floor")
    args = ap.parse_args()
    seconds = 5.0 if args.quick else args.seconds
    levels = [int(x) for x in args.levels.split(",")]
    host = make_url(args.pg).host or "127.0.0.1"
    if "postgresql" in args.databases and host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("alleen loopback: --pg moet naar 127.0.0.1 wijzen")
    args.cache.mkdir(parents=True, exist_ok=True)
    results: list[Level] = []
    print(HEADER, flush=True)
    for database in args.databases.split(","):
        for scale in (float(x) for x in args.scales.split(",")):
            url = prepare(args.src, database, scale, args.cache, args.pg)
            cw, rg = token(args.src, url, CASEWORKER), token(args.src, url, REGISSEUR)
            with server(args.src, url, args.serve_args.split(), args.cache) as base:
                keys = asyncio.run(discover(base, cw))
                pick = read_mix(cw, rg, keys)
                asyncio.run(run_level(base, Level(database, scale, 1, 2.0), pick,
                                      args.timeout))  # warm-up, not reported
                if not args.no_static and scale == float(args.scales.split(",")[0]):
                    lv = asyncio.run(run_level(base, Level(database, scale, 10, seconds / 2),
                                               static_mix, args.timeout))
                    print(row(lv, "static"), flush=True)
                for clients in levels:
                    lv = asyncio.run(run_level(base, Level(database, scale, clients, seconds),
                                               pick, args.timeout))
                    results.append(lv)
                    print(row(lv, "read"), flush=True)
    print()
    for line in targets(results):
        print(line)
    print(f"\n({os.cpu_count()} CPUs, shared by server, database and this load generator; "
          f"{seconds:g} s per level, time-out {args.timeout:g} s)")


if __name__ == "__main__":
    main()
