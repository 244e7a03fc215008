"""Server time of every page, for every demo role, at national scale (issue 12, part 1).

    python bench/web.py                        # scale 50, SQLite and PostgreSQL, 5 loads a page
    python bench/web.py --databases sqlite --repeat 3
    python bench/web.py --src /path/to/other/checkout/src    # the same pages on other code

For each database it builds the sample region once (`woonregie sample --seed 1 --scale 50`:
135,000 persons, 337,000 dwellings, 4,537 buurten) and caches it (`bench/.cache/scale-50.db`,
PostgreSQL database `woonregie_scale_s50`), with one stored matching round so the round pages
have something to show. Then it runs the app in this process (the ASGI app through Starlette's
TestClient: no network, no server start-up), logs in as the first demo user of each role, and
loads each page of that role `--repeat` times after one warm-up load. The time is the whole
request: routing, authentication, the SQL, the audit append and the template. The table gives
median and p95 in milliseconds, the answer's status and size; the target is a median under
200 ms. The plain alternative beside it is the app's own floor: the login page (no database work
beyond the app itself) in the `/login` row. `app CPU ms` is this process's CPU time per load
(the app, and SQLite inside it; not the PostgreSQL server): on a shared machine wall time
follows everyone's load, CPU time much less.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from load import DEFAULT_PG, prepare, woonregie  # bench/load.py: cached sample databases

HERE = Path(__file__).resolve().parent
TARGET_MS = 200.0
PASSWORDS = {"trajectbegeleider": "demo-trajectbegeleider",
             "verhuurmakelaar": "demo-verhuurmakelaar", "regisseur": "demo-regisseur",
             "auditor": "demo-auditor", "admin": "demo-admin"}

NEXT_LINK = re.compile(r'<a [^>]*rel="next"[^>]*>|<a href="([^"]*)">Volgende</a>')
HREF = re.compile(r'href="([^"]+)"')
PERSON_LINK = re.compile(r'href="/clienten/([A-Z0-9-]+)"')
ROUND_LINK = re.compile(r'href="/matchingsrondes/(\d+)"')


@dataclass
class Row:
    database: str
    role: str
    page: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # this process's CPU time per load
    status: int = 0
    size: int = 0

    def median(self) -> float:
        return statistics.median(self.times) * 1000

    def cpu_median(self) -> float:
        return statistics.median(self.cpu) * 1000

    def p95(self) -> float:
        data = sorted(self.times)
        return data[min(len(data) - 1, round(0.95 * (len(data) - 1)))] * 1000


def next_page(body: str) -> str | None:
    """The link to the following page of a list (rel="next", or the old "Volgende" link)."""
    for m in NEXT_LINK.finditer(body):
        found = HREF.search(m.group(0))
        if found:
            return html.unescape(found.group(1))
    return None


def first(pattern: re.Pattern[str], body: str) -> str | None:
    m = pattern.search(body)
    return m.group(1) if m else None


Page = tuple[str, str | Callable[[dict[str, str]], str | None]]
"""(label, path) or (label, function of the bodies seen so far → path or None: skipped)."""

PAGES: dict[str, list[Page]] = {
    "trajectbegeleider": [
        ("/clienten", "/clienten"),
        ("/clienten?status=uitstroomklaar", "/clienten?status=uitstroomklaar"),
        ("/clienten pagina 2", lambda seen: next_page(seen["/clienten"])),
        ("/clienten/{key}", lambda seen: f"/clienten/{first(PERSON_LINK, seen['/clienten'])}"),
        ("/clienten/nieuw", "/clienten/nieuw"),
        ("/kiezer/gebieden?q=centrum", "/kiezer/gebieden?q=centrum"),
    ],
    "verhuurmakelaar": [
        ("/woningen", "/woningen"),
        ("/woningen?status=vrij", "/woningen?status=vrij"),
        ("/woningen pagina 2", lambda seen: next_page(seen["/woningen"])),
        ("/kandidaten", "/kandidaten"),
        ("/clienten/{key} (kandidaat)",
         lambda seen: (f"/clienten/{k}" if (k := first(PERSON_LINK, seen["/kandidaten"]))
                       else None)),
        ("/woningen/nieuw", "/woningen/nieuw"),
        ("/afspraken", "/afspraken"),
        ("/kiezer/complexen?q=1", "/kiezer/complexen?q=1"),
    ],
    "regisseur": [
        ("/regio", "/regio"),
        ("/regio?status= (alle)", "/regio?status="),
        ("/regio alle, pagina 2", lambda seen: next_page(seen["/regio?status= (alle)"])),
        ("/regio?status=gehuisvest", "/regio?status=gehuisvest"),
        ("/clienten/{key} (regie)",
         lambda seen: f"/clienten/{first(PERSON_LINK, seen['/regio'])}"),
        ("/woningen", "/woningen"),
        ("/woningen pagina 2", lambda seen: next_page(seen["/woningen"])),
        ("/afspraken", "/afspraken"),
        ("/matchingsrondes", "/matchingsrondes"),
        ("/matchingsrondes/{id}",
         lambda seen: (f"/matchingsrondes/{r}" if (r := first(ROUND_LINK,
                                                               seen["/matchingsrondes"]))
                       else None)),
        ("/matchingsrondes/{id}?code=team_vol",
         lambda seen: (f"/matchingsrondes/{r}?code=team_vol"
                       if (r := first(ROUND_LINK, seen["/matchingsrondes"])) else None)),
        ("/matchingsrondes/{id} pagina 2",
         lambda seen: next_page(seen.get("/matchingsrondes/{id}", ""))),
    ],
    "auditor": [
        ("/audit", "/audit"),
        ("/audit pagina 2", lambda seen: next_page(seen["/audit"])),
        ("/regio", "/regio"),
    ],
    "admin": [
        ("/beheer/gebruikers", "/beheer/gebruikers"),
    ],
}


def demo_users(url: str) -> dict[str, str]:
    """The first demo user (by name) of each role in the database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT role, min(username) FROM users "
                                 "WHERE username LIKE :p GROUP BY role"), {"p": "%-%"}).all()
    engine.dispose()
    return {role: name for role, name in rows if role in PASSWORDS}


def ensure_round(src: Path | None, url: str) -> None:
    """One stored matching round, so the round pages show a real one (run once, cached)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        n = conn.scalar(text("SELECT count(*) FROM match_rounds"))
    engine.dispose()
    if not n:
        print("  een matchingsronde opslaan (eenmalig)...", flush=True)
        woonregie(src, "--db", url, "match")


def vacuum_analyze(url: str) -> None:
    """PostgreSQL: planner statistics and the visibility map (index-only scans), as autovacuum
    keeps them in production; the test server here runs with autovacuum off, so a freshly
    loaded region would otherwise be planned blind."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.scalar(text("SELECT setting = 'on' FROM pg_settings "
                                "WHERE name = 'autovacuum'")):
            conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def login(client, username: str, password: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, "geen CSRF-token op de inlogpagina"
    r = client.post("/login", data={"username": username, "password": password,
                                    "csrf_token": token.group(1)}, follow_redirects=False)
    if r.status_code != 303:
        raise SystemExit(f"inloggen als {username} mislukte ({r.status_code})")


def measure(client, label: str, path: str, repeat: int, row: Row) -> str:
    body = ""
    for i in range(repeat + 1):
        start, cpu = time.perf_counter(), time.process_time()
        r = client.get(path)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        body = r.text
        if i:  # the first load warms caches (templates, the database's pages)
            row.times.append(elapsed)
            row.cpu.append(used)
        row.status, row.size = r.status_code, len(r.content)
    return body


def run_database(database: str, url: str, repeat: int, only: set[str] | None) -> list[Row]:
    from fastapi.testclient import TestClient

    from woonregie.app import create_app
    from woonregie.store.db import SERVER, make_engine

    rows: list[Row] = []
    engine = make_engine(url, limits=SERVER)
    app = create_app(engine)
    users = demo_users(url)
    with TestClient(app) as anonymous:
        row = Row(database, "-", "/login")
        measure(anonymous, "/login", "/login", repeat, row)
        rows.append(row)
    for role, pages in PAGES.items():
        if role not in users or (only and role not in only):
            continue
        with TestClient(app) as client:
            login(client, users[role], PASSWORDS[role])
            seen: dict[str, str] = {}
            for label, path in pages:
                target = path if isinstance(path, str) else path(seen)
                if target is None:
                    continue
                row = Row(database, f"{role} ({users[role]})", label)
                seen[label] = measure(client, label, target, repeat, row)
                rows.append(row)
                print(f"  {database:10} {role:17} {label:40} {row.median():9.1f} ms "
                      f"{row.status}", flush=True)
    engine.dispose()
    return rows


def table(rows: list[Row]) -> str:
    head = (f"| database | role (user) | page | median ms | p95 ms | app CPU ms | status | KB | "
            f"< {TARGET_MS:.0f} ms |")
    lines = [head, "|---|---|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        ok = "ja" if r.median() < TARGET_MS and r.status < 400 else "**nee**"
        lines.append(f"| {r.database} | {r.role} | {r.page} | {r.median():.1f} | {r.p95():.1f} "
                     f"| {r.cpu_median():.1f} | {r.status} | {r.size / 1024:.0f} | {ok} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=50)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--repeat", type=int, default=5, help="loads per page (after a warm-up)")
    parser.add_argument("--roles", default="", help="only these roles (comma-separated)")
    parser.add_argument("--pg", default=os.environ.get("WOONREGIE_BENCH_PG", DEFAULT_PG))
    parser.add_argument("--cache", type=Path, default=HERE / ".cache")
    parser.add_argument("--src", type=Path, help="measure the code of another checkout (src)")
    parser.add_argument("--no-round", action="store_true",
                        help="do not store a matching round when the database has none")
    args = parser.parse_args()
    if args.src is not None:
        sys.path.insert(0, str(args.src))
    only = set(filter(None, args.roles.split(","))) or None
    rows: list[Row] = []
    for database in filter(None, args.databases.split(",")):
        url = prepare(args.src, database, args.scale, args.cache, args.pg,
                      prefix="woonregie_scale_s")
        if not args.no_round:
            ensure_round(args.src, url)
        if database == "postgresql":
            vacuum_analyze(url)
        rows += run_database(database, url, args.repeat, only)
    print()
    print(f"Server time per page, scale {args.scale:g}, {args.repeat} loads after a warm-up "
          f"(in-process ASGI, whole request)")
    print(table(rows))
    slow = [r for r in rows if r.median() >= TARGET_MS or r.status >= 400]
    print(f"\n{len(rows) - len(slow)} of {len(rows)} pages under {TARGET_MS:.0f} ms median "
          f"with a good answer.")


if __name__ == "__main__":
    main()
