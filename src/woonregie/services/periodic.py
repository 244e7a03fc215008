"""Periodic tasks (periodieke taken): the small registry `woonregie jobs run` works through.

A feature registers a `PeriodicTask` in its own module (name, Dutch label, the function, and
its period: daily or weekly) and lists that module in `TASK_MODULES`, as background job kinds
do in services/jobs.py. `run_due` runs every task whose period has not run yet, each in its own
transaction, and records the run (`periodic_runs`: task × period) in that same transaction, so
a task runs at most once per period however often cron calls, and a task that failed is simply
tried again on the next call. Each task is idempotent in itself too (stall alerts are unique per
match and step, an escalated signal is not escalated again, a digest file is rewritten whole),
so `--force` may run one again safely.

The command line acts as the operator; tasks take "today" from the clock it passes in.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, insert, select

from woonregie.domain.clock import Clock
from woonregie.domain.enums import OrgKind
from woonregie.services.access import Principal, Role
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

SYSTEM = Principal(0, "systeem:periodiek", Role.OPERATOR, "-", OrgKind.GEMEENTE)
"""Who periodic tasks act as in the audit log."""


@dataclass(frozen=True, slots=True)
class TaskContext:
    uow: UnitOfWork  # the task's transaction: commit it (the run is recorded with it)
    today: date
    actor: Principal
    out_dir: Path  # where tasks that write files write them


@dataclass(frozen=True, slots=True)
class PeriodicTask:
    name: str
    label: str  # Dutch, for the command's output
    run: Callable[[TaskContext], str]  # returns a one-line Dutch summary
    period: Callable[[date], str]  # the period a day falls in: the task runs once per period


def daily(on: date) -> str:
    return on.isoformat()


def weekly(on: date) -> str:
    year, week, _ = on.isocalendar()
    return f"{year}-W{week:02d}"


REGISTRY: dict[str, PeriodicTask] = {}
TASK_MODULES = ("woonregie.services.stalls", "woonregie.services.digests")
"""Modules that register tasks (imported on first use, so registering costs no import cycle)."""


def register(task: PeriodicTask) -> PeriodicTask:
    REGISTRY[task.name] = task
    return task


def tasks() -> list[PeriodicTask]:
    for module in TASK_MODULES:
        importlib.import_module(module)
    return list(REGISTRY.values())


@dataclass(frozen=True, slots=True)
class TaskRun:
    name: str
    label: str
    period: str
    ran: bool  # False: this period already ran
    summary: str


def run_due(engine: Engine, clock: Clock, out_dir: Path, only: str | None = None,
            force: bool = False) -> list[TaskRun]:
    """Run each registered task (or only `only`) whose period has not run yet."""
    out: list[TaskRun] = []
    chosen = [task for task in tasks() if only is None or task.name == only]
    if only is not None and not chosen:
        raise KeyError(only)
    for task in chosen:
        with UnitOfWork(engine, clock) as uow:
            today = uow.clock.today()
            period = task.period(today)
            assert uow.session is not None
            done = uow.session.scalar(select(t.PeriodicRunRow.task).where(
                t.PeriodicRunRow.task == task.name, t.PeriodicRunRow.period == period))
            if done and not force:
                out.append(TaskRun(task.name, task.label, period, False,
                                   "al uitgevoerd in deze periode"))
                continue
            summary = task.run(TaskContext(uow, today, SYSTEM, out_dir))
            if not done:
                uow.session.execute(insert(t.PeriodicRunRow).values(
                    task=task.name, period=period, ran_at=uow.clock.now(),
                    summary=summary[:400]))
            uow.commit()
            log.info("periodieke taak %s (%s): %s", task.name, period, summary)
            out.append(TaskRun(task.name, task.label, period, True, summary))
    return out
