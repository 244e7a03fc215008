"""Audit log pages benchmark: the auditor's page (/audit) filtered by a date range, on a log of
`--rows` entries (default 300,000: about two years of a region), SQLite and PostgreSQL, beside
what the page did before migration 0018 in the same run.

    python bench/audit_pages.py                          # both databases, 5 runs each
    python bench/audit_pages.py --databases sqlite --rows 100000

Rows per database, each the page's reads (count and entries) for one page of 50:
- `voor`: the page as it was — no index on the time, OFFSET paging, an exact count
  (`AuditRepository.page`, chain order), on the log without ix_audit_log_at_seq;
- `na`: the page now — ix_audit_log_at_seq, keyset paging by cursor, the count stopped at
  1.000 (`AuditRepository.newest_first`, as services/audit.browse_page calls it).
Cases: the first page of the whole log; the first page and the 100th page of one month a year
back; the people's export of that month (`iterate_filtered`, before: chain order).

Times are medians of `--runs` calls in this process: wall time and CPU time (user + system) of
this process; PostgreSQL's own CPU is in its server processes and not counted there. The machine
is shared (2 cores, several engineers): compare within one run, and look at CPU beside wall.

The synthetic log is written once and reused: `bench/.cache/audit-ROWS.db` and the PostgreSQL
database `woonregie_bench_audit_ROWS` (`--pg` names the server).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, make_url, select, text

HERE = Path(__file__).resolve().parent
DEFAULT_PG = "postgresql+psycopg://root@127.0.0.1:5432/test"
START = datetime(2025, 1, 1)
SPAN = timedelta(days=730)
INDEX = "ix_audit_log_at_seq"
MONTH = (datetime(2025, 12, 1), datetime(2026, 1, 1))
PAGE = 50


def say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def database(kind: str, rows: int, pg: str) -> str:
    if kind == "sqlite":
        (HERE / ".cache").mkdir(exist_ok=True)
        return f"sqlite:///{HERE / '.cache' / f'audit-{rows}.db'}"
    name = f"woonregie_bench_audit_{rows}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                            {"n": name}).scalar():
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(pg).set(database=name).render_as_string(hide_password=False)


def fill(engine: Engine, rows: int) -> None:
    """The schema, and `rows` entries spread evenly over two years (once)."""
    from woonregie.store import tables as t
    from woonregie.store.schema import upgrade

    upgrade(engine)
    with engine.connect() as conn:
        have = conn.execute(text("SELECT count(*) FROM audit_log")).scalar()
    if have == rows:
        return
    say(f"auditlog van {rows} regels schrijven in {engine.url.database} …")
    step = SPAN / rows
    actions = ("read", "list", "update", "status", "step", "create")
    batch = 10_000
    for first in range(1, rows + 1, batch):
        values = [{
            "seq": n, "at": START + step * n, "actor": f"gebruiker-{n % 200}",
            "organisation": f"ORG-{n % 40}", "role": "trajectbegeleider",
            "action": actions[n % len(actions)], "entity": "person",
            "entity_key": f"P-{n % 50_000}", "purpose": "begeleiding",
            "detail": {"keys": [f"P-{n % 50_000}"]} if n % 6 == 1 else {},
            "prev_hash": "0" * 64, "hash": f"{n:064x}", "mac": None,
        } for n in range(first, min(first + batch, rows + 1))]
        with engine.begin() as conn:
            conn.execute(insert(t.AuditRow), values)


def set_index(engine: Engine, present: bool) -> None:
    with engine.begin() as conn:
        if present:
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {INDEX} ON audit_log (at, seq)"))
        else:
            conn.execute(text(f"DROP INDEX IF EXISTS {INDEX}"))
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE audit_log"))
        else:
            conn.execute(text("ANALYZE"))


def timed(engine: Engine, call: Callable, runs: int) -> tuple[float, float]:
    """Median wall and CPU ms of `runs` calls of `call(repository)` (after one warm-up)."""
    from sqlalchemy.orm import Session

    from woonregie.store.security import AuditRepository

    walls, cpus = [], []
    for i in range(runs + 1):
        with Session(engine) as session:
            start, cpu = time.perf_counter(), time.process_time()
            call(AuditRepository(session))
            if i:
                walls.append((time.perf_counter() - start) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def cursor_at(engine: Engine, position: int) -> str:
    """The cursor a reader following "Volgende" holds before page position // PAGE + 1."""
    from woonregie.store import tables as t
    from woonregie.store.pagination import encode_cursor

    A = t.AuditRow
    with engine.connect() as conn:
        at, seq = conn.execute(select(A.at, A.seq).where(A.at >= MONTH[0], A.at < MONTH[1])
                               .order_by(A.at.desc(), A.seq.desc())
                               .offset(position - 1).limit(1)).one()
    return encode_cursor(f"{at.isoformat()} {seq}")


def cases(engine: Engine) -> list[tuple[str, Callable, Callable]]:
    """(case, before, after): the page's reads as they were and as they are."""
    month = {"since": MONTH[0], "before": MONTH[1]}
    deep = cursor_at(engine, 99 * PAGE)
    cap = 1_000
    return [
        ("hele log, pagina 1",
         lambda r: r.page(limit=PAGE, offset=0),
         lambda r: r.newest_first(limit=PAGE, cap=cap)),
        ("één maand, pagina 1",
         lambda r: r.page(limit=PAGE, offset=0, **month),
         lambda r: r.newest_first(limit=PAGE, cap=cap, **month)),
        ("één maand, pagina 100",
         lambda r: r.page(limit=PAGE, offset=99 * PAGE, **month),
         lambda r: r.newest_first(limit=PAGE, after=deep, cap=cap, **month)),
        ("één maand, export (Excel/CSV)",
         lambda r: _chain_order_export(r, month),
         lambda r: r.iterate_filtered(100_000, **month)),
    ]


def _chain_order_export(repository, month: dict) -> list:
    """The export as it was: the filtered entries in chain order."""
    from woonregie.store import tables as t

    q = repository.filtered(**month).order_by(t.AuditRow.seq).limit(100_000)
    return list(repository.session.scalars(q))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=300_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--databases", default="sqlite,postgresql")
    ap.add_argument("--pg", default=DEFAULT_PG)
    args = ap.parse_args()
    from woonregie.store.db import make_engine

    print("| database | geval | voor: ms (cpu) | na: ms (cpu) | voor / na |")
    print("|---|---|---:|---:|---:|")
    for kind in args.databases.split(","):
        engine = make_engine(database(kind, args.rows, args.pg))
        fill(engine, args.rows)
        plans = cases(engine)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _ in plans}
        for present in (False, True):
            set_index(engine, present)
            for name, before, after in plans:
                say(f"{kind}: {name} ({'na' if present else 'voor'}) …")
                results[name].append(timed(engine, after if present else before, args.runs))
        set_index(engine, True)
        for name, ((bw, bc), (aw, ac)) in results.items():
            print(f"| {kind} | {name} | {bw:,.1f} ({bc:,.1f}) | {aw:,.1f} ({ac:,.1f}) | "
                  f"{bw / aw:,.1f}× |", flush=True)
        engine.dispose()
    print(f"\n({args.rows:,} regels; mediaan van {args.runs}; ms wall, tussen haakjes CPU van dit "
          "proces; de CPU van PostgreSQL zelf telt niet mee)")


if __name__ == "__main__":
    main()
