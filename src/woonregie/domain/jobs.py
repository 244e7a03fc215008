"""Background jobs (achtergrondtaken): their states and the pure rules of the lease.

A job is long work taken off the web request (a matching round, a simulation run): a row in
the database that a worker process claims, runs and finishes. The worker holds a *lease* on the
job it runs and renews it (heartbeat) while it works; a lease that runs out means the worker
died or hung, and the job is then offered again or given up (`after_lost_lease`). These rules
are pure: the clock is the caller's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from woonregie.domain.vocabulary import Vocabulary


class JobStatus(Vocabulary):
    """Where a job is (status van de taak)."""

    WACHTEND = "wachtend", "Wacht op verwerking"
    BEZIG = "bezig", "Bezig"
    KLAAR = "klaar", "Klaar"
    MISLUKT = "mislukt", "Mislukt"
    AFGEBROKEN = "afgebroken", "Afgebroken"


OPEN = (JobStatus.WACHTEND, JobStatus.BEZIG)
"""The states of a job that is not finished: the ones an exclusive key holds on to."""

LEASE = timedelta(seconds=60)
"""How long a claim lasts without a heartbeat. The heartbeat renews it every LEASE / 4; the
longest single step that cannot beat (one solver call, one commit) must stay well under it."""

INTERRUPTED = ("De verwerking is onderbroken doordat het werkproces stopte; er is niets "
               "half opgeslagen.")
GIVEN_UP = INTERRUPTED + " Start de taak opnieuw."


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a job is: `done` of `total` steps, and what it does now, in Dutch."""

    done: int
    total: int
    message: str

    @property
    def percent(self) -> int:
        return 0 if self.total <= 0 else min(100, round(100 * self.done / self.total))


def lease_until(now: datetime, lease: timedelta = LEASE) -> datetime:
    return now + lease


def lease_expired(until: datetime | None, now: datetime) -> bool:
    """A running job whose lease ran out: its worker stopped beating."""
    return until is not None and until < now


def after_lost_lease(attempts: int, max_attempts: int) -> JobStatus:
    """A job whose worker died: offered again while attempts are left, else failed. Safe to
    offer again because a job's effect and its completion commit in one transaction (a job
    that is still `bezig` wrote nothing)."""
    return JobStatus.WACHTEND if attempts < max_attempts else JobStatus.MISLUKT
