"""A short-lived cache of resolved credentials: API token or session cookie → principal.

Every request names its caller; resolving that costs a query and its ORM work (about a tenth of
a list request's server time, bench/load.py), and on a cache hit the request needs no database
work, so no thread, before its route. Entries are keyed by the SHA-256 of the secret, as the
database stores it, never the secret itself.

A change to who may log in is honoured without waiting for the cache:
- in this process at once: blocking a user, a new password, ending a session or revoking a token
  goes through the repositories in store/security.py, which count such changes; an entry filled
  before the latest change is not used;
- in the server's other worker processes within `TTL_S` seconds, the longest an entry lives;
- a session's own expiry is checked against the request's clock on every hit.
Unknown and revoked credentials are never cached: each costs its query, as before.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from woonregie.services import accounts
from woonregie.services.access import Principal
from woonregie.store.security import credential_changes
from woonregie.store.unit_of_work import UnitOfWork

TTL_S = 2.0
"""Seconds an entry is used: the longest another worker process honours a change late."""
MAX_ENTRIES = 10_000
"""Beyond this the cache starts afresh (bounded memory whatever the callers send)."""


@dataclass(frozen=True, slots=True)
class _Entry:
    until: float  # time.monotonic()
    changes: int  # credential_changes() before the database was read
    value: Principal | accounts.WebSession
    expires_at: datetime | None  # a session's own end (request clock)


class CredentialCache:
    """One per app (app.state), shared by its threads."""

    def __init__(self, ttl: float = TTL_S, max_entries: int = MAX_ENTRIES) -> None:
        self.ttl, self.max_entries = ttl, max_entries
        self._entries: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def _get(self, key: str, now: datetime | None = None) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if (entry.changes != credential_changes() or time.monotonic() >= entry.until
                or (entry.expires_at is not None and now is not None and entry.expires_at < now)):
            with self._lock:
                self._entries.pop(key, None)
            return None
        return entry

    def _put(self, key: str, changes: int, value: Principal | accounts.WebSession,
             expires_at: datetime | None = None) -> None:
        with self._lock:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[key] = _Entry(time.monotonic() + self.ttl, changes, value, expires_at)

    def cached_token(self, secret: str) -> Principal | None:
        """The principal of a token resolved moments ago, or None (then ask `token`)."""
        entry = self._get(_token_key(secret))
        return entry.value if entry is not None else None  # type: ignore[return-value]

    def token(self, uow: UnitOfWork, secret: str) -> Principal | None:
        """Resolve a token in the database (a thread's work) and remember a live one."""
        changes = credential_changes()
        principal = accounts.resolve_token(uow, secret)
        if principal is not None:
            self._put(_token_key(secret), changes, principal)
        return principal

    def cached_session(self, token: str, now: datetime) -> accounts.WebSession | None:
        """The live session of a cookie resolved moments ago and not expired at `now`."""
        entry = self._get(_session_key(token), now)
        return entry.value if entry is not None else None  # type: ignore[return-value]

    def session(self, uow: UnitOfWork, token: str) -> accounts.WebSession | None:
        """Resolve a session cookie in the database (a thread's work) and remember a live one."""
        changes = credential_changes()
        found = accounts.resolve_session(uow, token)
        if found is not None:
            self._put(_session_key(token), changes, found, found.expires_at)
        return found


def _token_key(secret: str) -> str:
    return "t" + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _session_key(token: str) -> str:
    return "s" + hashlib.sha256(token.encode("utf-8")).hexdigest()
