"""The job worker (werkproces): claims waiting jobs, runs them, beats, reaps dead workers' jobs.

One worker runs one job at a time in its main thread; a heartbeat thread renews the lease every
quarter lease while the job runs. Before each claim the worker reaps: a running job whose lease
ran out (its worker was killed, lost power, hung) is offered again while attempts are left and
otherwise marked failed (domain/jobs.py), in both cases with a Dutch note and nothing half
written, because a job's effect commits with its completion.

Stopping: SIGTERM or SIGINT (the server stopping) ends the loop; a job that is running is
interrupted, its transaction rolls back and it is given back as waiting at once (`release`),
without using up an attempt, so the next worker — after a restart — starts it again. A worker
started by the server (`parent_pid`) also stops when that process is gone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine

from woonregie.domain.clock import SYSTEM_CLOCK, Clock
from woonregie.domain.jobs import (
    GIVEN_UP,
    INTERRUPTED,
    LEASE,
    JobStatus,
    after_lost_lease,
    lease_until,
)
from woonregie.services import jobs
from woonregie.store import job_repository as repo

log = logging.getLogger("woonregie.jobs")

UNEXPECTED = ("Er ging iets onverwachts mis bij de verwerking ({kind}); er is niets "
              "opgeslagen. Probeer het opnieuw of meld het aan de beheerder.")
RESULTS_KEPT = timedelta(days=7)
"""How long a finished job's stored result (a dry run's lines) is kept."""
CLEANUP_EVERY = timedelta(hours=1)


class WorkerStopping(BaseException):
    """Raised in the worker's main thread when it must stop (signal, server gone)."""


class Worker:
    def __init__(self, engine: Engine, clock: Clock = SYSTEM_CLOCK,
                 lease: timedelta = LEASE, poll_s: float = 1.0,
                 parent_pid: int | None = None) -> None:
        self.engine, self.clock, self.lease, self.poll_s = engine, clock, lease, poll_s
        self.parent_pid = parent_pid
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.kinds = jobs.load_kinds()
        self.stop = threading.Event()
        self.running = False
        self._next_cleanup = clock.now()

    # -- the loop -------------------------------------------------------------------------

    def run_forever(self) -> None:
        """Work until stopped by a signal (or the parent process ending)."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        log.info("werkproces %s gestart (soorten: %s)", self.name, ", ".join(self.kinds))
        with contextlib.suppress(WorkerStopping):
            self.loop()
        log.info("werkproces %s gestopt", self.name)

    def loop(self) -> None:
        """Claim and run jobs until `stop` is set or the parent is gone. A database error
        while looking for work (a lock timeout, a lost connection) is logged and retried after
        a pause: it never ends the worker."""
        while not self.stop.is_set() and self._parent_alive():
            try:
                worked = self.run_one()
            except Exception:
                log.exception("werkproces %s: taken ophalen mislukt; nieuwe poging", self.name)
                self.stop.wait(self.poll_s * 5)
                continue
            if not worked:
                self.stop.wait(self.poll_s)

    def run_pending(self) -> int:
        """Run waiting jobs until none is left (tests, and `jobs worker --once`)."""
        n = 0
        while self.run_one():
            n += 1
        return n

    def run_one(self) -> bool:
        """Reap, then claim and run the oldest waiting job; False when there was none."""
        self.reap()
        with self.engine.connect() as conn:
            if not repo.waiting(conn, self.kinds):
                return False
        token = f"{self.name}:{uuid.uuid4().hex[:12]}"
        now = self.clock.now()
        with self.engine.begin() as conn:
            job_id = repo.claim(conn, self.kinds, token, now, lease_until(now, self.lease))
            row = repo.get(conn, job_id) if job_id is not None else None
        if row is None:
            return False
        self._run(row, token)
        return True

    # -- one job --------------------------------------------------------------------------

    def _run(self, row: Any, token: str) -> None:
        kind = self.kinds[row.kind]
        ctx = jobs.JobContext(self.engine, self.clock, row.id, token, dict(row.params),
                              self.lease)
        beat = threading.Thread(target=self._beat, args=(row.id, token), daemon=True)
        self.running = True
        beat.start()
        try:
            done = kind.run(ctx) or jobs.JobDone()
            if not ctx.completed:
                self._finish(row.id, token, JobStatus.KLAAR, **done.values())
        except WorkerStopping:
            self._release(row.id, token)
            raise
        except jobs.JobLost:
            log.warning("taak %s: de claim is verlopen, het werk is teruggedraaid", row.id)
        except jobs.JobFailed as failure:
            self._finish(row.id, token, JobStatus.MISLUKT, error=str(failure)[:500])
        except Exception:
            log.exception("taak %s (%s) mislukt", row.id, row.kind)
            self._finish(row.id, token, JobStatus.MISLUKT,
                         error=UNEXPECTED.format(kind=kind.label))
        finally:
            self.running = False
            beat.join(timeout=5)

    def _finish(self, job_id: int, token: str, status: JobStatus, **values: Any) -> None:
        with self.engine.begin() as conn:
            repo.finish(conn, job_id, token, self.clock.now(), status, **values)

    def _release(self, job_id: int, token: str) -> None:
        with self.engine.begin() as conn:
            repo.release(conn, job_id, token)
        log.info("taak %s teruggegeven: het werkproces stopt", job_id)

    def _beat(self, job_id: int, token: str) -> None:
        """Renew the lease while the job runs; a failed beat (a lock held by the job's own
        write on SQLite) is retried at the next tick, within the lease."""
        every = self.lease.total_seconds() / 4
        while self.running and not self.stop.wait(every):
            if not self.running:
                return
            if not self._parent_alive():
                os.kill(os.getpid(), signal.SIGTERM)  # stop the job as a signal would
                return
            try:
                now = self.clock.now()
                with self.engine.begin() as conn:
                    repo.renew(conn, job_id, token, now, lease_until(now, self.lease))
            except Exception:  # noqa: BLE001 - a beat may fail; the next one retries
                log.warning("taak %s: hartslag mislukt, volgende poging over %.0f s",
                            job_id, every)

    # -- dead workers ---------------------------------------------------------------------

    def reap(self) -> int:
        """Offer again, or fail, the running jobs whose lease ran out; drop old results."""
        now = self.clock.now()
        n = 0
        with self.engine.connect() as conn:
            lost = repo.expired(conn, now)
        if not lost and now < self._next_cleanup:
            return 0
        with self.engine.begin() as conn:
            for job_id, token, attempts, max_attempts in lost:
                status = after_lost_lease(attempts, max_attempts)
                note = INTERRUPTED if status is JobStatus.WACHTEND else GIVEN_UP
                if repo.reap(conn, job_id, token, status, now, note):
                    log.warning("taak %s: werkproces reageerde niet meer; nu %s", job_id,
                                status.label.lower())
                    n += 1
            if now >= self._next_cleanup:
                repo.drop_results(conn, now - RESULTS_KEPT)
                self._next_cleanup = now + CLEANUP_EVERY
        return n

    # -- stopping -------------------------------------------------------------------------

    def _on_signal(self, _signum: int, _frame: Any) -> None:
        self.stop.set()
        if self.running:
            raise WorkerStopping()

    def _parent_alive(self) -> bool:
        return self.parent_pid is None or os.getppid() == self.parent_pid
