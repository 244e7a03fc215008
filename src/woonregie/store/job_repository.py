"""The job table's reads and guarded writes (services/jobs.py runs the jobs).

Every write to a running job is guarded by its claim token (`WHERE id = … AND claim = …`): a
worker whose lease ran out and whose job was reaped or claimed again can no longer touch it.
Claiming is one statement on both databases: PostgreSQL picks the oldest waiting job with
`FOR UPDATE SKIP LOCKED` (concurrent workers skip each other's row instead of queueing on
it), SQLite's UPDATE holds the one write lock while its subquery picks; the `status` guard
makes the statement correct on either.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, exists, null, select, update

from woonregie.domain.jobs import JobStatus
from woonregie.store.tables import JobRow

J = JobRow.__table__


def insert(conn: Connection, values: dict[str, Any]) -> int:
    """A new waiting job; raises IntegrityError when its exclusive key is held by an open job."""
    row = {"status": JobStatus.WACHTEND, "attempts": 0, "progress_done": 0,
           "progress_total": 0, "progress_message": "", **values}
    return conn.execute(J.insert().returning(J.c.id), row).scalar_one()


def waiting(conn: Connection, kinds: Iterable[str]) -> bool:
    """Whether a job of one of `kinds` waits (a read: no write lock while the queue is empty)."""
    q = select(exists().where(J.c.status == JobStatus.WACHTEND, J.c.kind.in_(list(kinds))))
    return bool(conn.execute(q).scalar())


def claim(conn: Connection, kinds: Iterable[str], token: str, now: datetime,
          lease_until: datetime) -> int | None:
    """Take the oldest waiting job of one of `kinds` for the worker holding `token`."""
    oldest = (select(J.c.id).where(J.c.status == JobStatus.WACHTEND, J.c.kind.in_(list(kinds)))
              .order_by(J.c.id).limit(1).with_for_update(skip_locked=True).scalar_subquery())
    taken = conn.execute(
        update(J).where(J.c.id == oldest, J.c.status == JobStatus.WACHTEND)
        .values(status=JobStatus.BEZIG, claim=token, attempts=J.c.attempts + 1,
                lease_until=lease_until, heartbeat_at=now, error=None,
                started_at=now)
        .returning(J.c.id)
    ).scalar_one_or_none()
    return taken


def _mine(job_id: int, token: str) -> Any:
    return (J.c.id == job_id) & (J.c.claim == token) & (J.c.status == JobStatus.BEZIG)


def renew(conn: Connection, job_id: int, token: str, now: datetime, lease_until: datetime,
          progress: tuple[int, int, str] | None = None) -> bool:
    """Heartbeat (and progress, when given); False when the claim is no longer ours."""
    values: dict[str, Any] = {"heartbeat_at": now, "lease_until": lease_until}
    if progress is not None:
        values |= {"progress_done": progress[0], "progress_total": progress[1],
                   "progress_message": progress[2][:200]}
    return conn.execute(update(J).where(_mine(job_id, token)).values(**values)).rowcount == 1


def finish(conn: Connection, job_id: int, token: str, now: datetime, status: JobStatus,
           **values: Any) -> bool:
    """End a running job as `status` (result_ref, result or error in `values`)."""
    if status is JobStatus.KLAAR:
        values.setdefault("progress_done", J.c.progress_total)
    done = conn.execute(
        update(J).where(_mine(job_id, token))
        .values(status=status, finished_at=now, lease_until=None, claim=None, **values)
    ).rowcount
    return done == 1


def release(conn: Connection, job_id: int, token: str) -> bool:
    """Give a running job back unfinished (the worker is stopping): waiting again at once,
    and this attempt does not count."""
    return conn.execute(
        update(J).where(_mine(job_id, token))
        .values(status=JobStatus.WACHTEND, claim=None, lease_until=None,
                attempts=J.c.attempts - 1, progress_message="Wacht op een werkproces")
    ).rowcount == 1


def expired(conn: Connection, now: datetime) -> list[Any]:
    """Running jobs whose lease ran out: (id, claim, attempts, max_attempts)."""
    q = select(J.c.id, J.c.claim, J.c.attempts, J.c.max_attempts).where(
        J.c.status == JobStatus.BEZIG, J.c.lease_until < now)
    return list(conn.execute(q))


def reap(conn: Connection, job_id: int, token: str, status: JobStatus, now: datetime,
         error: str) -> bool:
    """End or re-offer a job whose lease ran out, if nobody renewed or took it meanwhile."""
    values: dict[str, Any] = {"status": status, "claim": None, "lease_until": None,
                              "error": error}
    if status is not JobStatus.WACHTEND:
        values["finished_at"] = now
    return conn.execute(
        update(J).where(_mine(job_id, token), J.c.lease_until < now).values(**values)
    ).rowcount == 1


def cancel(conn: Connection, job_id: int, now: datetime) -> bool:
    """Stop a job that has not started yet (afgebroken)."""
    return conn.execute(
        update(J).where(J.c.id == job_id, J.c.status == JobStatus.WACHTEND)
        .values(status=JobStatus.AFGEBROKEN, finished_at=now,
                progress_message="Afgebroken voordat de verwerking begon")
    ).rowcount == 1


def drop_results(conn: Connection, finished_before: datetime) -> int:
    """Forget the stored results (e.g. a dry run's person-level lines) of old jobs."""
    return conn.execute(
        update(J).where(J.c.finished_at < finished_before, J.c.result.is_not(None))
        .values(result=null())
    ).rowcount


SUMMARY = [c for c in J.c if c.name != "result"]
"""Every column but the result, which can be megabytes (a dry run's lines at national scale)
and is read only by `result`."""


def get(conn: Connection, job_id: int) -> Any | None:
    return conn.execute(select(*SUMMARY).where(J.c.id == job_id)).one_or_none()


def result(conn: Connection, job_id: int) -> Any | None:
    return conn.execute(select(J.c.result).where(J.c.id == job_id)).scalar_one_or_none()


def recent(conn: Connection, limit: int, user_id: int | None = None) -> list[Any]:
    q = select(*SUMMARY).order_by(J.c.id.desc()).limit(limit)
    if user_id is not None:
        q = q.where(J.c.user_id == user_id)
    return list(conn.execute(q))
