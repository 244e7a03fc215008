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

Each entry is also signed with a key outside the database (column `mac`), and signed
checkpoints of the head are written outside it (services/audit_anchor.py), so deleting the
newest entries or recomputing the whole chain shows too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from woonregie.domain.vocabulary import Vocabulary
from woonregie.services import audit_anchor as anchor
from woonregie.services import audit_group
from woonregie.services.access import Action, Principal, require
from woonregie.store.db import wrote
from woonregie.store.security import AuditRepository
from woonregie.store.tables import AuditRow
from woonregie.store.unit_of_work import UnitOfWork

GENESIS = "0" * 64
"""prev_hash of the first entry."""

HASHED_FIELDS = (
    "seq", "at", "actor", "organisation", "role", "action", "entity", "entity_key", "purpose",
    "detail",
)


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
    """Append a transaction's queued entries at its commit: in the transaction itself when it
    wrote something (entry and change commit together), else together with the entries of
    the reads that commit at the same moment (services/audit_group.py)."""
    assert uow.session is not None
    if wrote(uow.session):
        _append_rows(uow, entries)
    else:
        audit_group.group_of(uow.engine).append(uow, entries, _append_rows)


def _append_rows(uow: UnitOfWork, entries: list[dict[str, Any]]) -> None:
    """Append entries to the chain: take the chain lock (last), read the head, hash."""
    assert uow.session is not None
    repo = AuditRepository(uow.session)
    seq, prev = repo.locked_head() or (0, GENESIS)
    at, rows, key = uow.clock.now(), [], _signing_key()
    for fields in entries:
        seq += 1
        fields = {"seq": seq, "at": at} | fields
        digest = entry_hash(fields, prev)
        rows.append(fields | {"prev_hash": prev, "hash": digest,
                              "mac": anchor.entry_mac(key, digest)})
        prev = digest
    repo.append_all(rows)


_keys: dict[tuple[str, str], bytes] = {}


def _signing_key() -> bytes:
    """The anchoring key (created for development when none is configured), cached per
    configuration so an entry costs no file read."""
    config = (os.environ.get(anchor.KEY_ENV, ""), str(anchor.key_file()))
    if config not in _keys:
        _keys[config] = anchor.ensure_key()[0]
    return _keys[config]


def checkpoint(uow: UnitOfWork) -> anchor.Checkpoint | None:
    """Write a signed checkpoint of the committed head outside the database (after a bulk
    action, or `woonregie audit checkpoint`); None while the log is empty."""
    assert uow.session is not None
    head = AuditRepository(uow.session).head()
    if head is None:
        return None
    return anchor.write_checkpoint(_signing_key(), head.seq, head.hash)


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    checked: int
    first_broken: int | None = None  # seq of the first entry that does not fit
    reason: str = ""
    unsigned: int = 0  # entries from before anchoring (no signature), at the start only
    checkpoints: int = 0  # checkpoints outside the database that were checked
    latest_checkpoint: int | None = None

    def message(self) -> str:
        if not self.ok:
            where = f" bij regel {self.first_broken}" if self.first_broken else ""
            return f"Auditlog gebroken{where}: {self.reason}"
        text = f"Auditlog in orde: {self.checked} regels gecontroleerd, handtekeningen kloppen"
        if self.unsigned:
            text += f" ({self.unsigned} oudere regels van vóór de verankering zonder handtekening)"
        if self.checkpoints:
            text += (f"; {self.checkpoints} checkpoint(s) buiten de database kloppen (laatste: "
                     f"regel {self.latest_checkpoint}), dus er is niets ingekort of herberekend.")
        else:
            text += ("; geen checkpoints gevonden, dus inkorten van het log is niet uit te "
                     "sluiten (maak ze met 'woonregie audit checkpoint').")
        return text


def _fields(row: AuditRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in HASHED_FIELDS}


_NO_KEY = ("sleutel ontbreekt (WOONREGIE_AUDIT_KEY of het sleutelbestand): de handtekeningen "
           "zijn niet te controleren")


def verify(uow: UnitOfWork, key: bytes | None | bool = True,
           checkpoint_dir: Path | None = None) -> Verification:
    """Recompute the chain from the start, check every signature and every checkpoint outside
    the database; stop at the first thing that does not fit. `key=True`: the configured key."""
    assert uow.session is not None
    the_key = anchor.load_key() if key is True else key or None
    points, broken = _checkpoints(the_key, checkpoint_dir)
    if broken is not None:
        return broken
    by_seq = {p.seq: p for p in points}
    prev_hash, expected_seq, checked, unsigned, signed = GENESIS, 1, 0, 0, False
    for row in AuditRepository(uow.session).iterate():
        problem = _entry_problem(row, prev_hash, expected_seq, the_key, signed)
        if problem is None and row.seq in by_seq and by_seq[row.seq].hash != row.hash:
            problem = (f"wijkt af van checkpoint {row.seq} van {by_seq[row.seq].at} (regels "
                       "herschreven en de keten herberekend)")
        if problem is not None:
            return Verification(False, checked, expected_seq, problem, unsigned)
        signed = signed or row.mac is not None
        unsigned += row.mac is None
        prev_hash, expected_seq, checked = row.hash, expected_seq + 1, checked + 1
    latest = max(by_seq, default=None)
    if latest is not None and latest > checked:
        return Verification(False, checked, checked + 1, (
            f"het log eindigt bij regel {checked}, maar checkpoint {latest} van "
            f"{by_seq[latest].at} telde {latest} regels: de nieuwste regels zijn verwijderd"),
            unsigned)
    if signed and the_key is None:
        return Verification(False, checked, None, _NO_KEY, unsigned)
    return Verification(True, checked, None, "", unsigned, len(by_seq), latest)


def _checkpoints(key: bytes | None, directory: Path | None
                 ) -> tuple[list[anchor.Checkpoint], Verification | None]:
    """The readable, validly signed checkpoints, or a broken verification for the first one
    that is not (unreadable, or signed without the key: forged)."""
    points = []
    for point in anchor.read_checkpoints(directory):
        if not isinstance(point, anchor.Checkpoint):
            return [], Verification(False, 0, None, f"checkpoint {point.name} is onleesbaar")
        if key is not None and not point.valid(key):
            return [], Verification(False, 0, None, (
                f"checkpoint {point.seq} ({point.path.name if point.path else ''}) heeft een "
                "ongeldige handtekening: vervalst of met een andere sleutel gemaakt"))
        points.append(point)
    return points, None


def _entry_problem(row: AuditRow, prev_hash: str, expected_seq: int, key: bytes | None,
                   signed_before: bool) -> str | None:
    """Why one entry does not fit the chain, or None."""
    if row.seq != expected_seq:
        return f"regel ontbreekt (volgende gevonden regel is {row.seq})"
    if row.prev_hash != prev_hash:
        return "verwijzing naar de vorige regel klopt niet"
    if entry_hash(_fields(row), row.prev_hash) != row.hash:
        return "inhoud gewijzigd (hash klopt niet)"
    if row.mac is None:
        return ("handtekening ontbreekt na ondertekende regels (regel herschreven)"
                if signed_before else None)
    if key is not None and not hmac.compare_digest(row.mac, anchor.entry_mac(key, row.hash)):
        return ("handtekening klopt niet: de regel is herschreven of de keten herberekend "
                "zonder de sleutel")
    return None


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


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What the auditor narrows the log to: user, key, action, person and a date range
    (`since` up to and including `until`, days in the log's clock, UTC)."""

    actor: str | None = None
    entity_key: str | None = None
    action: str | None = None
    person: str | None = None
    since: date | None = None
    until: date | None = None

    def query(self) -> dict[str, Any]:
        return {"actor": self.actor, "entity_key": self.entity_key, "action": self.action,
                "person": self.person,
                "since": datetime.combine(self.since, time()) if self.since else None,
                "before": (datetime.combine(self.until + timedelta(days=1), time())
                           if self.until else None)}

    def described(self) -> dict[str, str]:
        return {k: v.isoformat() if isinstance(v, date) else str(v)
                for k, v in (("gebruiker", self.actor), ("sleutel", self.entity_key),
                             ("handeling", self.action), ("persoon", self.person),
                             ("van", self.since), ("tot_en_met", self.until)) if v}


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of the log for the auditor's page: newest first, `total` counted no further
    than a cap (`total_exact` False beyond it), `next` the following page's cursor."""

    items: list[AuditEntry]
    total: int
    total_exact: bool
    next: str | None


def browse_page(uow: UnitOfWork, principal: Principal, where: AuditFilter, *, limit: int = 50,
                offset: int = 0, cursor: str | None = None,
                count_cap: int | None = None) -> AuditPage:
    """Newest first, for the auditor (toezicht): after `cursor` (keyset), else from `offset`.
    A cursor this server did not hand out raises store.pagination.BadCursor."""
    require(principal, Action.AUDIT_READ)
    assert uow.session is not None
    rows, count, after = AuditRepository(uow.session).newest_first(
        limit=limit, offset=offset, after=cursor, cap=count_cap, **where.query())
    return AuditPage([_entry(r) for r in rows], count.value, count.exact, after)


EXPORT_LIMIT = 100_000
"""Entries at most in one export for people (a spreadsheet); the JSON export has them all."""


def export_selection(uow: UnitOfWork, principal: Principal,
                     where: AuditFilter) -> list[AuditEntry]:
    """The filtered entries in time order (at most EXPORT_LIMIT), for a file people read; the
    export itself is audited with its filters."""
    require(principal, Action.AUDIT_READ)
    assert uow.session is not None
    rows = AuditRepository(uow.session).iterate_filtered(EXPORT_LIMIT, **where.query())
    record(uow, principal, "export", "audit_log", None,
           {"filters": where.described(), "entries": len(rows)})
    uow.commit()
    return [_entry(r) for r in rows]


def export(uow: UnitOfWork, principal: Principal) -> Iterator[dict[str, Any]]:
    """Every entry in chain order as plain JSON-ready dicts; the export itself is audited."""
    require(principal, Action.AUDIT_READ)
    assert uow.session is not None
    record(uow, principal, "export", "audit_log")
    uow.commit()
    checkpoint(uow)
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
    PAUSE = "pause", "Geparkeerd na weigering"
    PAUSE_LIFT = "pause_lift", "Pauze opgeheven"
    URGENCY = "urgency", "Besluit over urgentie"
    STALL = "stall", "Vastgelopen gemeld"
    DIGEST = "digest", "Weekoverzicht geschreven"
    STATUS = "status", "Status gewijzigd"
    CONSENT = "consent", "Grondslag vastgelegd"
    CONSENT_END = "consent_end", "Grondslag beëindigd"
    ERASE = "erase", "Verwijderd"
    EXPORT = "export", "Geëxporteerd"
    STEP = "step", "Stap gezet"
    IMPORT = "import", "Geïmporteerd"
    PURGE = "purge", "Opgeschoond (bewaartermijn)"
    SIMULATE = "simulate", "Scenario doorgerekend"
    REVOKE = "revoke", "Ingetrokken"
    ENABLE = "enable", "Gedeblokkeerd"
    DISABLE = "disable", "Geblokkeerd"
    LINK = "link", "Link uitgegeven"
    PASSWORD_SET = "password_set", "Wachtwoord ingesteld"
    CHECK = "check", "Gecontroleerd"


class AuditEntity(Vocabulary):
    """What kind of record an audit entry is about (wat)."""

    PERSON = "person", "Persoon"
    DWELLING = "dwelling", "Woning"
    CONSENT = "consent", "Grondslag"
    STATUS_HISTORY = "status_history", "Statusgeschiedenis"
    MATCH_ROUND = "match_round", "Matchingsronde"
    AUDIT_LOG = "audit_log", "Auditlog"
    MATCH = "match", "Bemiddeling"
    PAUSE = "pause", "Pauze na weigering"
    DECLINE_REASON = "decline_reason", "Weigerreden"
    STEP_DEADLINES = "step_deadlines", "Termijnen bemiddeling"
    SIGNAL = "signal", "Signaal"
    PLACEMENT = "placement", "Plaatsing"
    SIGNAL_RULE = "signal_rule", "Termijn signalering"
    TENANCY_AGREEMENT = "tenancy_agreement", "Driepartijenovereenkomst"
    AGREEMENT_TEMPLATE = "agreement_template", "Sjabloon driepartijenovereenkomst"
    REGION = "region", "Regiogegevens"
    MATCH_INSTANCE = "match_instance", "Matchingsinstantie"
    USER = "user", "Gebruiker"
    API_TOKEN = "api_token", "API-token"
    EXCHANGE_FILE = "exchange_file", "Uitwisselbestand"
