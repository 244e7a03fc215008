"""`woonregie jobs worker` and `woonregie jobs list`: the background-job worker (started by
`woonregie serve` as its own process, or alone, e.g. on another machine) and a look at the
queue; `woonregie jobs run`: the periodic tasks (services/periodic.py), for cron."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from woonregie.cli.context import cells, console, fail, state
from woonregie.domain.clock import SYSTEM_CLOCK, Clock, FakeClock
from woonregie.domain.jobs import LEASE
from woonregie.domain.locale_nl import NotDutch, parse_date
from woonregie.services import jobs, periodic
from woonregie.services.job_worker import Worker

jobs_app = typer.Typer(help="Achtergrondtaken: het werkproces en de wachtrij.",
                       no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(jobs_app, name="jobs")


@jobs_app.command("worker")
def worker(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option(
        "--once", help="Alleen de wachtende taken uitvoeren en dan stoppen.")] = False,
    lease_s: Annotated[float, typer.Option(
        min=1, help="Seconden dat een taak van dit werkproces geldt zonder hartslag; daarna "
        "wordt ze als onderbroken behandeld.")] = LEASE.total_seconds(),
    parent_pid: Annotated[int | None, typer.Option(
        hidden=True, help="Stop zodra dit proces (de server) er niet meer is.")] = None,
) -> None:
    """Voer achtergrondtaken uit (matchingsrondes, …) tot Ctrl+C of SIGTERM. Een taak die
    loopt bij het stoppen wordt teruggedraaid en staat meteen weer klaar."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    st = state(ctx)
    st.uow()  # migrate a new database first
    w = Worker(st.engine, lease=timedelta(seconds=lease_s), parent_pid=parent_pid)
    if once:
        console.print(f"{w.run_pending()} taak/taken uitgevoerd.")
        return
    w.run_forever()


@jobs_app.command("list")
def list_jobs(ctx: typer.Context,
              limit: Annotated[int, typer.Option(min=1, max=1000)] = 20) -> None:
    """Toon de nieuwste taken: soort, status, voortgang, wie ze startte."""
    with state(ctx).uow() as uow:
        shown = jobs.latest(uow, limit)
    table = Table("taak", "soort", "status", "voortgang", "gestart door", "gestart (UTC)",
                  "fout")
    for j in shown:
        table.add_row(*cells(j.id, j.kind_label, j.status.label,
                             f"{j.progress.done}/{j.progress.total} {j.progress.message}",
                             j.created_by, f"{j.created_at:%d-%m-%Y %H:%M}", j.error or ""))
    console.print(table)


@jobs_app.command("run")
def run_periodic(
    ctx: typer.Context,
    out_dir: Annotated[Path, typer.Option(
        "--dir", help="Map voor de weekoverzichten (HTML en tekst per organisatie).")]
    = Path("weekoverzichten"),
    task: Annotated[str | None, typer.Option(
        "--task", help="Alleen deze taak (zie --list).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Ook als de taak in deze periode al liep.")] = False,
    today: Annotated[str | None, typer.Option(
        help="Doe alsof het deze dag is (DD-MM-JJJJ of JJJJ-MM-DD), voor inhalen en testen.",
    )] = None,
    list_tasks: Annotated[bool, typer.Option("--list", help="Toon de taken.")] = False,
) -> None:
    """Voer de periodieke taken uit die in hun periode nog niet liepen (voor cron, bijv. elk
    uur: een tweede aanroep doet niets dubbel): vastgelopen bemiddelingen melden, signalen
    escaleren, weekoverzichten schrijven."""
    if list_tasks:
        table = Table("taak", "omschrijving")
        for t in periodic.tasks():
            table.add_row(t.name, t.label)
        console.print(table)
        return
    clock: Clock = SYSTEM_CLOCK
    if today is not None:
        try:
            clock = FakeClock(datetime.combine(parse_date(today), time(6, 0)))
        except NotDutch as exc:
            fail(f"Ongeldige datum bij --today: {exc}.")
    st = state(ctx)
    st.uow()  # migrate a new database first
    try:
        runs = periodic.run_due(st.engine, clock, out_dir, only=task, force=force)
    except KeyError:
        fail(f"Onbekende taak: {task}. Zie woonregie jobs run --list.")
        return
    table = Table("taak", "periode", "uitgevoerd", "resultaat")
    for r in runs:
        table.add_row(*cells(r.label, r.period, "ja" if r.ran else "nee", r.summary))
    console.print(table)


def start_worker(database_url: str) -> subprocess.Popen[bytes]:
    """The worker as a child process of the server: the database URL goes by environment
    (not on the command line, where `ps` shows it); it stops when the server stops."""
    env = {**os.environ, "WOONREGIE_DATABASE_URL": database_url}
    code = "from woonregie.cli.launch import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "jobs", "worker",
                             "--parent-pid", str(os.getpid())], env=env)


def stop_worker(process: subprocess.Popen[bytes], wait_s: float = 15.0) -> None:
    """SIGTERM (a running job is rolled back and given back), then SIGKILL after `wait_s`."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(wait_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
