"""Background jobs (achtergrondtaken): the registry of job kinds, starting a job, reading it.

Long work — a matching round at national scale, a simulation run — does not belong in a web
request: the request adds a row to the job table (`start`) and answers at once; a worker process
(services/job_worker.py, started by `woonregie serve` or alone as `woonregie jobs worker`)
claims the row, runs the kind's function and writes progress as it goes; the page polls the
row. Kinds are registered by name (`register`): a feature adds its kind in its own module and
names that module in `KIND_MODULES`, so every worker knows it.

A job's effect and its completion commit together (`JobContext.complete_in`): a job that is
still `bezig` has written nothing, so a job whose worker died may run again safely. An
`exclusive_key` allows one open job per key (e.g. one matching round per region), enforced by
a partial unique index, not by a check that two requests could both pass.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, exc

from woonregie.domain.clock import Clock
from woonregie.domain.enums import OrgKind
from woonregie.domain.errors import DomainError
from woonregie.domain.jobs import LEASE, JobStatus, Progress, lease_until
from woonregie.services.access import NotFound, Principal, Role
from woonregie.store import job_repository as repo
from woonregie.store.unit_of_work import UnitOfWork


class JobRefused(DomainError):
    """The job may not start now (e.g. another round for this region is running); HTTP 409."""


class JobFailed(DomainError):
    """Raised by a kind's function: the job failed with this Dutch message (no personal data)."""


class JobLost(Exception):
    """The worker's claim is gone (its lease ran out and the job was reaped or taken again)."""


@dataclass(frozen=True, slots=True)
class JobDone:
    """What a kind's function may return when it did not complete the job inside its own
    transaction (`JobContext.complete_in`): the worker then marks it `klaar` with these."""

    ref: str | None = None
    result: Any = None
    message: str = "Klaar"

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"result_ref": self.ref, "progress_message": self.message}
        if self.result is not None:
            out["result"] = self.result
        return out


@dataclass(frozen=True, slots=True)
class JobKind:
    """A kind of job: its name (stored), Dutch label, the function that runs it, how often a
    job whose worker died is offered again, and the key two open jobs may not share."""

    name: str
    label: str
    run: Callable[[JobContext], JobDone | None]
    max_attempts: int = 2
    exclusive: Callable[[dict[str, Any]], str | None] = field(default=lambda _params: None)


KINDS: dict[str, JobKind] = {}

KIND_MODULES = ("woonregie.services.round_jobs", "woonregie.services.simulation_jobs")
"""Modules that register job kinds; a worker imports them all (plus WOONREGIE_JOB_MODULES,
comma-separated, for kinds outside the package, e.g. in tests)."""

MODULES_ENV = "WOONREGIE_JOB_MODULES"


def register(kind: JobKind) -> JobKind:
    KINDS[kind.name] = kind
    return kind


def load_kinds() -> dict[str, JobKind]:
    extra = [m for m in os.environ.get(MODULES_ENV, "").split(",") if m.strip()]
    for module in (*KIND_MODULES, *extra):
        importlib.import_module(module.strip())
    return KINDS


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as its owner sees it (page and API)."""

    id: int
    kind: str
    kind_label: str
    status: JobStatus
    progress: Progress
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int
    result_ref: str | None
    error: str | None
    created_by: str

    @property
    def finished(self) -> bool:
        return self.status not in (JobStatus.WACHTEND, JobStatus.BEZIG)


def _view(row: Any) -> JobView:
    kind = KINDS.get(row.kind)
    return JobView(row.id, row.kind, kind.label if kind else row.kind, JobStatus(row.status),
                   Progress(row.progress_done, row.progress_total, row.progress_message),
                   row.created_at, row.started_at, row.finished_at, row.attempts,
                   row.result_ref, row.error, row.created_by)


def actor_of(principal: Principal) -> dict[str, Any]:
    return {"user_id": principal.user_id, "username": principal.username,
            "role": str(principal.role), "organisation": principal.organisation,
            "org_kind": str(principal.org_kind), "gemeente": principal.gemeente}


def principal_of(actor: dict[str, Any]) -> Principal:
    return Principal(actor["user_id"], actor["username"], Role(actor["role"]),
                     actor["organisation"], OrgKind(actor["org_kind"]), actor.get("gemeente"))


def start(uow: UnitOfWork, principal: Principal, kind_name: str, params: dict[str, Any],
          busy_message: str = "Deze taak loopt al; wacht tot ze klaar is.") -> JobView:
    """Queue a job of `kind_name` for `principal` and commit. The caller checked access.
    Raises JobRefused with `busy_message` when an open job holds the kind's exclusive key."""
    job_id = _insert(uow, _values(uow, principal, KINDS[kind_name], params), busy_message)
    uow.commit()
    return get(uow, principal, job_id)


def _values(uow: UnitOfWork, principal: Principal, kind: JobKind,
            params: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind.name, "params": {**params, "actor": actor_of(principal)},
            "exclusive_key": kind.exclusive(params), "created_at": uow.clock.now(),
            "created_by": principal.username, "user_id": principal.user_id,
            "organisation": principal.organisation, "max_attempts": kind.max_attempts,
            "progress_message": "Wacht op een werkproces"}


def _insert(uow: UnitOfWork, values: dict[str, Any], busy_message: str) -> int:
    assert uow.session is not None
    try:
        with uow.session.begin_nested():
            return repo.insert(uow.session.connection(), values)
    except exc.IntegrityError as error:
        raise JobRefused(busy_message) from error


HERE_FAILED = "Mislukt op de opdrachtregel; er is niets opgeslagen."
HERE_INTERRUPTED = "Onderbroken op de opdrachtregel; er is niets opgeslagen."


@contextmanager
def running_here(engine: Engine, clock: Clock, principal: Principal, kind_name: str,
                 params: dict[str, Any], busy_message: str,
                 lease: timedelta = LEASE) -> Iterator[JobContext]:
    """Run a job of `kind_name` in THIS process (the command line) instead of a worker, under
    the same rules: the job row is inserted already claimed (`bezig`, this process's token),
    so its exclusive key is held for the whole run (a second round for the region, from the
    web, the API or another terminal, is refused with `busy_message`, and this one is refused
    while another is open); a thread renews the lease; the body completes the job inside its
    own transaction (`JobContext.complete_in`), else it is marked `klaar` on leaving. On an
    exception (or Ctrl-C) the job is marked failed and the exception goes on. One attempt: if
    this process dies, a worker's reaper marks the job failed when the lease runs out and
    never runs it itself."""
    kind = KINDS[kind_name]
    now = clock.now()
    token = f"cli:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
    with UnitOfWork(engine, clock) as uow:
        values = _values(uow, principal, kind, params) | {
            "status": JobStatus.BEZIG, "claim": token, "attempts": 1, "max_attempts": 1,
            "started_at": now, "heartbeat_at": now, "lease_until": lease_until(now, lease),
            "progress_message": "Gestart vanaf de opdrachtregel"}
        job_id = _insert(uow, values, busy_message)
        uow.commit()
    ctx = JobContext(engine, clock, job_id, token, values["params"], lease)
    stop = threading.Event()
    beat = threading.Thread(target=_beat, args=(ctx, stop), daemon=True)
    beat.start()
    try:
        yield ctx
    except BaseException as error:
        message = HERE_INTERRUPTED if isinstance(error, KeyboardInterrupt) else (
            str(error)[:500] if isinstance(error, JobFailed) else HERE_FAILED)
        _finish_here(ctx, JobStatus.MISLUKT, error=message)
        raise
    else:
        if not ctx.completed:
            _finish_here(ctx, JobStatus.KLAAR)
    finally:
        stop.set()
        beat.join(timeout=5)


def _beat(ctx: JobContext, stop: threading.Event) -> None:
    """Renew the lease every quarter lease until `stop`; a failed beat (SQLite: the job's own
    write holds the lock) is retried at the next tick."""
    every = ctx.lease.total_seconds() / 4
    while not stop.wait(every):
        now = ctx.clock.now()
        with contextlib.suppress(Exception), ctx.engine.begin() as conn:
            repo.renew(conn, ctx.job_id, ctx.token, now, lease_until(now, ctx.lease))


def _finish_here(ctx: JobContext, status: JobStatus, **values: Any) -> None:
    with ctx.engine.begin() as conn:
        repo.finish(conn, ctx.job_id, ctx.token, ctx.clock.now(), status, **values)


def _own_row(uow: UnitOfWork, principal: Principal, job_id: int) -> Any:
    """The job row if `principal` started it; anyone else gets 404 (reveals nothing)."""
    assert uow.session is not None
    row = repo.get(uow.session.connection(), job_id)
    if row is None or row.user_id != principal.user_id or row.created_by != principal.username:
        raise NotFound("Taak")
    return row


def get(uow: UnitOfWork, principal: Principal, job_id: int) -> JobView:
    return _view(_own_row(uow, principal, job_id))


def result_of(uow: UnitOfWork, principal: Principal, job_id: int, kind_name: str) -> Any:
    """The stored result of the principal's finished job of `kind_name` (404 otherwise)."""
    row = _own_row(uow, principal, job_id)
    assert uow.session is not None
    found = (repo.result(uow.session.connection(), job_id)
             if row.kind == kind_name and row.status == JobStatus.KLAAR else None)
    if found is None:
        raise NotFound("Resultaat")
    return found


def cancel(uow: UnitOfWork, principal: Principal, job_id: int) -> JobView:
    """Stop the principal's job before a worker takes it (afgebroken)."""
    _own_row(uow, principal, job_id)
    assert uow.session is not None
    if not repo.cancel(uow.session.connection(), job_id, uow.clock.now()):
        raise JobRefused("De taak is al begonnen of klaar en kan niet meer worden afgebroken.")
    uow.commit()
    return get(uow, principal, job_id)


def recent(uow: UnitOfWork, principal: Principal, limit: int = 20) -> list[JobView]:
    assert uow.session is not None
    rows = repo.recent(uow.session.connection(), limit, user_id=principal.user_id)
    return [_view(r) for r in rows if r.created_by == principal.username]


def latest(uow: UnitOfWork, limit: int = 20) -> list[JobView]:
    """The newest jobs of everyone (operator's view on the command line): no person data."""
    assert uow.session is not None
    return [_view(r) for r in repo.recent(uow.session.connection(), limit)]


@dataclass
class JobContext:
    """What a kind's function gets: its parameters, who asked, the clock, and the means to
    report progress and to complete the job inside its own transaction."""

    engine: Engine
    clock: Clock
    job_id: int
    token: str
    params: dict[str, Any]
    lease: Any
    completed: bool = False

    @property
    def actor(self) -> Principal:
        return principal_of(self.params["actor"])

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self.clock)

    def progress(self, done: int, total: int, message: str) -> None:
        """Write progress in its own short transaction (it renews the lease too); raises
        JobLost when the job is no longer this worker's."""
        now = self.clock.now()
        with self.engine.begin() as conn:
            mine = repo.renew(conn, self.job_id, self.token, now, lease_until(now, self.lease),
                              (done, total, message))
        if not mine:
            raise JobLost(self.job_id)

    def complete_in(self, uow: UnitOfWork, ref: str | None = None, result: Any = None,
                    message: str = "Klaar") -> None:
        """Mark the job `klaar` inside `uow`'s transaction (call it right before the commit):
        the job's effect and its completion commit together or not at all. When the claim is
        gone (the lease ran out and the job was reaped or taken again) this raises JobLost and
        the caller's transaction rolls back: nothing of the job is written."""
        assert uow.session is not None
        values = JobDone(ref, result, message).values()
        if not repo.finish(uow.session.connection(), self.job_id, self.token,
                           uow.clock.now(), JobStatus.KLAAR, **values):
            raise JobLost(self.job_id)
        self.completed = True
