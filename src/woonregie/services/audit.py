"""The audit log (auditlog): append-only and hash-chained, so that tampering shows.

Every read and write of person-level data calls `record` inside the same transaction as the
work itself: the entry and the change commit together or not at all. Each entry carries the hash
of its predecessor and its own SHA-256 over a canonical JSON of its fields plus that hash;
`verify` recomputes the chain and names the first entry that does not fit.

The chain has one head, so appenders are serialised by one lock (the chain lock). `record` only
queues the entry; the unit of work appends the queue at commit (`UnitOfWork.at_commit`), so the
chain lock is the LAST lock every transaction takes and is held only for the append itself.
Nobody waits for a row lock while holding it, which is what keeps a stored round (rows, then the
chain) and a caseworker's status change (one row, then the chain) free of deadlocks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from woonregie.domain.vocabulary import Vocabulary
from woonregie.services.access import Action, Principal, require
from woonregie.store.security import AuditRepository
from woonregie.store.tables import AuditRow
from woonregie.store.unit_of_work import UnitOfWork

GENESIS = "0" * 64
"""prev_hash of the first entry."""

HASHED_FIELDS = (
    "seq", "at", "actor", "organisation", "role", "action", "entity", "entity_key", "purpose",
    "detail",
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def entry_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """SHA-256 over canonical JSON (sorted keys, no spaces) of the fields and prev_hash."""
    body = {name: fields[name] for name in HASHED_FIELDS}
    at = body["at"]
    body["at"] = at.isoformat(timespec="microseconds") if isinstance(at, datetime) else at
    body["prev_hash"] = prev_hash
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def record(
    uow: UnitOfWork,
    who: Principal,
    action: str,
    entity: str,
    entity_key: str | None = None,
    detail: dict[str, Any] | None = None,
    purpose: str | None = None,
) -> None:
    """Add one entry (who, what, when, why) to the caller's transaction; it is appended to the
    chain when that transaction commits, and vanishes with it on a rollback.

    `action` is a verb such as read/list/create/update/status/consent; `purpose` defaults to
    the purpose that goes with the principal's role.
    """
    fields: dict[str, Any] = {
        "actor": who.username,
        "organisation": who.organisation,
        "role": str(who.role),
        "action": action,
        "entity": entity,
        "entity_key": entity_key,
        "purpose": str(purpose or who.purpose),
        "detail": detail or {},
    }
    uow.at_commit("audit", fields, _append)


def _append(uow: UnitOfWork, entries: list[dict[str, Any]]) -> None:
    """Append queued entries to the chain: take the chain lock (last), read the head, hash."""
    assert uow.session is not None
    repo = AuditRepository(uow.session)
    repo.lock_chain()
    head = repo.head()
    seq, prev = (head.seq, head.hash) if head else (0, GENESIS)
    at, rows = _now(), []
    for fields in entries:
        seq += 1
        fields = {"seq": seq, "at": at} | fields
        digest = entry_hash(fields, prev)
        rows.append(fields | {"prev_hash": prev, "hash": digest})
        prev = digest
    repo.append_all(rows)


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    checked: int
    first_broken: int | None = None  # seq of the first entry that does not fit
    reason: str = ""

    def message(self) -> str:
        if self.ok:
            return f"Auditlog in orde: {self.checked} regels gecontroleerd."
        return f"Auditlog gebroken bij regel {self.first_broken}: {self.reason}"


def _fields(row: AuditRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in HASHED_FIELDS}


def verify(uow: UnitOfWork) -> Verification:
    """Recompute the chain from the start; stop at the first entry that breaks it."""
    assert uow.session is not None
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for row in AuditRepository(uow.session).iterate():
        if row.seq != expected_seq:
            return Verification(False, checked, expected_seq,
                                f"regel ontbreekt (volgende gevonden regel is {row.seq})")
        if row.prev_hash != prev_hash:
            return Verification(False, checked, row.seq,
                                "verwijzing naar de vorige regel klopt niet")
        if entry_hash(_fields(row), row.prev_hash) != row.hash:
            return Verification(False, checked, row.seq,
                                "inhoud gewijzigd (hash klopt niet)")
        prev_hash, expected_seq, checked = row.hash, expected_seq + 1, checked + 1
    return Verification(True, checked)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    organisation: str
    role: str
    action: str
    entity: str
    entity_key: str | None
    purpose: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(**_fields(row), prev_hash=row.prev_hash, hash=row.hash)


def browse(
    uow: UnitOfWork,
    principal: Principal,
    *,
    limit: int = 50,
    offset: int = 0,
    actor: str | None = None,
    entity_key: str | None = None,
    action: str | None = None,
) -> tuple[list[AuditEntry], int]:
    """Newest first, for the auditor (toezicht)."""
    require(principal, Action.AUDIT_READ)
    assert uow.session is not None
    rows, total = AuditRepository(uow.session).page(
        limit=limit, offset=offset, actor=actor, entity_key=entity_key, action=action
    )
    return [_entry(r) for r in rows], total


def export(uow: UnitOfWork, principal: Principal) -> Iterator[dict[str, Any]]:
    """Every entry in chain order as plain JSON-ready dicts; the export itself is audited."""
    require(principal, Action.AUDIT_READ)
    assert uow.session is not None
    record(uow, principal, "export", "audit_log")
    uow.commit()
    for row in AuditRepository(uow.session).iterate():
        entry = _fields(row) | {"prev_hash": row.prev_hash, "hash": row.hash}
        entry["at"] = row.at.isoformat(timespec="microseconds")
        yield entry


class AuditAction(Vocabulary):
    """What an audit entry records was done (handeling); `record` takes the code."""

    LIST = "list", "Lijst bekeken"
    READ = "read", "Ingezien"
    CREATE = "create", "Aangemaakt"
    UPDATE = "update", "Gewijzigd"
    STATUS = "status", "Status gewijzigd"
    CONSENT = "consent", "Grondslag vastgelegd"
    CONSENT_END = "consent_end", "Grondslag beëindigd"
    ERASE = "erase", "Verwijderd"
    EXPORT = "export", "Geëxporteerd"
    STEP = "step", "Stap gezet"


class AuditEntity(Vocabulary):
    """What kind of record an audit entry is about (wat)."""

    PERSON = "person", "Persoon"
    DWELLING = "dwelling", "Woning"
    CONSENT = "consent", "Grondslag"
    STATUS_HISTORY = "status_history", "Statusgeschiedenis"
    MATCH_ROUND = "match_round", "Matchingsronde"
    AUDIT_LOG = "audit_log", "Auditlog"
    MATCH = "match", "Bemiddeling"
