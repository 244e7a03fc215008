"""Group commit for the audit entries of reads: the reads that finish at the same moment append
their entries to the chain in one transaction, under one take of the chain lock.

The chain has one head, so appending is serialised: the chain lock (a PostgreSQL advisory lock,
SQLite's write lock) is held from reading the head to the COMMIT, and on PostgreSQL that COMMIT
waits for its write-ahead log to reach the disk. With every read of personal data appending its
own entry, all reads of the server queued behind that lock one by one (bench/load.py).

A read has nothing to commit but its entry, so the entry need not share the read's own
transaction: what matters is that it is committed before the data is answered. Here the first
reader to arrive (the leader) appends the entries of every reader waiting at that moment in its
own transaction and commits; the others (followers) wait until it has, and answer only then. If
the leader's append fails, every reader of its batch fails with it (a 503 when the database was
busy), so no read is answered unaudited. A transaction that wrote anything appends in that
transaction as before (services/audit.py): a change and its entry commit together.

The chain's guarantees are those of single appends: the leader takes the same lock, reads the
head, hashes and signs every entry in order (services/audit.py `_append_rows`).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, exc

from woonregie.store.db import is_busy
from woonregie.store.unit_of_work import UnitOfWork

WAIT_S = 15.0
"""The longest a reader waits for a leader to take its entry; then it is answered 503."""

Appender = Callable[[UnitOfWork, list[dict[str, Any]]], None]


class AuditAppendFailed(RuntimeError):
    """The leader's append of this reader's entry failed for another reason than a busy
    database (its cause is logged with the leader's request)."""


@dataclass(slots=True)
class _Ticket:
    entries: list[dict[str, Any]]
    done: bool = False
    error: BaseException | None = None


class AuditGroup:
    """One per engine and process: the queue of entries of reads waiting to be appended."""

    def __init__(self, wait: float = WAIT_S) -> None:
        self.wait = wait
        self._cv = threading.Condition()
        self._queue: list[_Ticket] = []
        self._flushing = False
        self.batches = 0  # appends done (a count for tests and diagnosis)

    def append(self, uow: UnitOfWork, entries: list[dict[str, Any]],
               append_rows: Appender) -> None:
        """Return once `entries` are committed to the chain (by this thread or another)."""
        ticket = _Ticket(entries)
        with self._cv:
            self._queue.append(ticket)
            self._follow(ticket)
            if ticket.done:
                _raise_for(ticket.error)
                return
            self._flushing = True
            batch, self._queue = self._queue, []
        self._lead(uow, batch, append_rows)
        _raise_for(ticket.error)

    def _follow(self, ticket: _Ticket) -> None:
        """Wait (holding the condition's lock between waits) while another thread appends,
        until this ticket is done or nobody is appending; bounded while still queued."""
        deadline = time.monotonic() + self.wait
        while self._flushing and not ticket.done:
            left = deadline - time.monotonic()
            if left <= 0 and ticket in self._queue:
                self._queue.remove(ticket)
                raise exc.TimeoutError("audit: no turn to append within the bound")
            self._cv.wait(max(left, 0.05))

    def _lead(self, uow: UnitOfWork, batch: list[_Ticket], append_rows: Appender) -> None:
        error: BaseException | None = None
        try:
            append_rows(uow, [e for ticket in batch for e in ticket.entries])
            assert uow.session is not None
            uow.session.commit()
        except BaseException as failure:
            error = failure
            raise
        finally:
            with self._cv:
                for ticket in batch:
                    ticket.done, ticket.error = True, error
                self._flushing = False
                self.batches += 1
                self._cv.notify_all()


def _raise_for(error: BaseException | None) -> None:
    """A follower's own exception for the leader's failure (the leader re-raised its own)."""
    if error is None:
        return
    if is_busy(error):
        raise exc.TimeoutError("audit: the chain was busy") from error
    raise AuditAppendFailed("audit: the entry could not be appended") from error


_groups: weakref.WeakKeyDictionary[Engine, AuditGroup] = weakref.WeakKeyDictionary()
_groups_lock = threading.Lock()


def group_of(engine: Engine) -> AuditGroup:
    with _groups_lock:
        group = _groups.get(engine)
        if group is None:
            group = _groups[engine] = AuditGroup()
        return group
