"""Repositories for accounts, sessions, login attempts, API tokens, consents, live matches and the
audit log. SQL stays here; the rules live in woonregie.services."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Select,
    String,
    and_,
    cast,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from woonregie.store import tables as t
from woonregie.store.db import take_write_lock
from woonregie.store.pagination import (
    BadCursor,
    Count,
    capped_count,
    decode_cursor,
    encode_cursor,
)

_changes_lock = threading.Lock()
_changes = 0


def credential_changes() -> int:
    """How often this process changed who may log in (a user blocked or given a new password, a
    session ended, a token revoked): a cache of resolved credentials (services/accounts.py)
    drops everything it filled before the latest change."""
    return _changes


def _credentials_changed() -> None:
    global _changes
    with _changes_lock:
        _changes += 1


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, **fields: Any) -> int:
        result = self.session.execute(insert(t.UserRow).values(**fields))
        return int(result.inserted_primary_key[0])

    def by_username(self, username: str) -> t.UserRow | None:
        return self.session.scalar(select(t.UserRow).where(t.UserRow.username == username))

    def by_id(self, user_id: int) -> t.UserRow | None:
        return self.session.get(t.UserRow, user_id)

    def list(self) -> list[t.UserRow]:
        return list(self.session.scalars(select(t.UserRow).order_by(t.UserRow.username)))

    def set_active(self, user_id: int, active: bool) -> bool:
        _credentials_changed()
        q = update(t.UserRow).where(t.UserRow.id == user_id).values(active=active)
        return self.session.execute(q).rowcount == 1

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        _credentials_changed()
        q = update(t.UserRow).where(t.UserRow.id == user_id).values(password_hash=password_hash)
        self.session.execute(q)


class SessionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, **fields: Any) -> None:
        self.session.execute(insert(t.WebSessionRow).values(**fields))

    def get(self, token_hash: str) -> t.WebSessionRow | None:
        return self.session.get(t.WebSessionRow, token_hash)

    def delete(self, token_hash: str) -> None:
        _credentials_changed()
        q = delete(t.WebSessionRow).where(t.WebSessionRow.token_hash == token_hash)
        self.session.execute(q)

    def delete_for_user(self, user_id: int) -> None:
        _credentials_changed()
        self.session.execute(delete(t.WebSessionRow).where(t.WebSessionRow.user_id == user_id))

    def purge_expired(self, now: datetime) -> None:
        self.session.execute(delete(t.WebSessionRow).where(t.WebSessionRow.expires_at < now))


class AccountLinkRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, **fields: Any) -> None:
        self.session.execute(insert(t.AccountLinkRow).values(**fields))

    def get(self, token_hash: str) -> t.AccountLinkRow | None:
        return self.session.get(t.AccountLinkRow, token_hash)

    def mark_used(self, token_hash: str, at: datetime) -> bool:
        q = (update(t.AccountLinkRow)
             .where(t.AccountLinkRow.token_hash == token_hash, t.AccountLinkRow.used_at.is_(None))
             .values(used_at=at))
        return self.session.execute(q).rowcount == 1

    def delete_unused_for_user(self, user_id: int) -> None:
        self.session.execute(delete(t.AccountLinkRow).where(
            t.AccountLinkRow.user_id == user_id, t.AccountLinkRow.used_at.is_(None)))


class LoginAttemptRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_failure(self, username: str, address: str, at: datetime) -> None:
        self.session.execute(
            insert(t.LoginAttemptRow).values(username=username, address=address, at=at)
        )

    def failures_since(self, since: datetime, *, username: str | None = None,
                       address: str | None = None) -> int:
        """Failures since `since` for one account (any address), one address (any account),
        or both when both are given."""
        q = select(func.count()).where(t.LoginAttemptRow.at >= since)
        if username is not None:
            q = q.where(t.LoginAttemptRow.username == username)
        if address is not None:
            q = q.where(t.LoginAttemptRow.address == address)
        return self.session.scalar(q) or 0

    def clear(self, username: str, address: str) -> None:
        self.session.execute(
            delete(t.LoginAttemptRow).where(
                t.LoginAttemptRow.username == username, t.LoginAttemptRow.address == address
            )
        )


class TokenRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, **fields: Any) -> int:
        result = self.session.execute(insert(t.ApiTokenRow).values(**fields))
        return int(result.inserted_primary_key[0])

    def active_by_hash(self, token_hash: str) -> t.ApiTokenRow | None:
        q = select(t.ApiTokenRow).where(
            t.ApiTokenRow.token_hash == token_hash, t.ApiTokenRow.revoked_at.is_(None)
        )
        return self.session.scalar(q)

    def active_user(self, token_hash: str) -> tuple[t.UserRow, t.OrganisationRow] | None:
        """The active user (and organisation) of a live token, in one query."""
        q = (
            select(t.UserRow, t.OrganisationRow)
            .join(t.ApiTokenRow, t.ApiTokenRow.user_id == t.UserRow.id)
            .join(t.OrganisationRow, t.OrganisationRow.code == t.UserRow.organisation)
            .where(t.ApiTokenRow.token_hash == token_hash, t.ApiTokenRow.revoked_at.is_(None),
                   t.UserRow.active.is_(True))
        )
        row = self.session.execute(q).first()
        return (row[0], row[1]) if row else None

    def revoke(self, token_id: int, at: datetime) -> bool:
        _credentials_changed()
        q = (
            update(t.ApiTokenRow)
            .where(t.ApiTokenRow.id == token_id, t.ApiTokenRow.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        return self.session.execute(q).rowcount == 1

    def list(self) -> list[t.ApiTokenRow]:
        return list(self.session.scalars(select(t.ApiTokenRow).order_by(t.ApiTokenRow.id)))

    def of_organisation(self, organisation: str) -> list[tuple[t.ApiTokenRow, str]]:
        """The tokens of one organisation's users with the username, newest first."""
        q = (select(t.ApiTokenRow, t.UserRow.username)
             .join(t.UserRow, t.UserRow.id == t.ApiTokenRow.user_id)
             .where(t.UserRow.organisation == organisation)
             .order_by(t.ApiTokenRow.id.desc()))
        return [(row, name) for row, name in self.session.execute(q)]


def _valid_on(on: date) -> Any:
    return and_(
        t.ConsentRow.valid_from <= on,
        or_(t.ConsentRow.valid_until.is_(None), t.ConsentRow.valid_until >= on),
    )


class ConsentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, **fields: Any) -> int:
        result = self.session.execute(insert(t.ConsentRow).values(**fields))
        return int(result.inserted_primary_key[0])

    def for_person(self, person: str) -> list[t.ConsentRow]:
        q = select(t.ConsentRow).where(t.ConsentRow.person == person).order_by(t.ConsentRow.id)
        return list(self.session.scalars(q))

    def has_basis(self, person: str, purpose: str, party: str, on: date) -> bool:
        q = select(
            exists().where(
                t.ConsentRow.person == person,
                t.ConsentRow.purpose == purpose,
                t.ConsentRow.party == party,
                _valid_on(on),
            )
        )
        return bool(self.session.scalar(q))

    def end(self, consent_id: int, person: str, on: date) -> bool:
        q = (
            update(t.ConsentRow)
            .where(t.ConsentRow.id == consent_id, t.ConsentRow.person == person)
            .values(valid_until=on)
        )
        return self.session.execute(q).rowcount == 1


def live_match_dwellings(session: Session, person: str,
                         corporation: str | None = None) -> list[str]:
    """Codes of the dwellings a live match links the person to (optionally of one corporation:
    then only matches it sees, from the confirmed support plan on)."""
    q = (
        select(t.MatchRow.dwelling)
        .where(t.MatchRow.person == person, t.MatchRow.live)
        .order_by(t.MatchRow.dwelling)
    )
    if corporation is not None:
        q = q.join(t.DwellingRow, t.DwellingRow.code == t.MatchRow.dwelling).where(
            t.DwellingRow.corporation == corporation, t.MatchRow.confirmed_on.is_not(None)
        )
    return list(session.scalars(q))


def person_key_query(
    *,
    care_provider: str | None = None,
    basis: tuple[str, str, date] | None = None,
    proposed_to: str | None = None,
    status: str | None = None,
    target_group: str | None = None,
    key: str | None = None,
    search: str | None = None,
    search_names: bool = False,
) -> Select:
    """Keys of persons matching the filters, in key order.

    `basis` = (purpose, party, on): only persons with a valid legal basis for that party:
    driven from that party's consents (`ix_consents_party_purpose_person`, a few thousand
    for a gemeente of 135,000 persons), never a probe per person of the register.
    `proposed_to` = corporation: only persons a live match proposes for one of its dwellings,
    from the confirmed support plan on (begeleiding_bevestigd, issue 9): driven from the live
    matches (a few per corporation), never from every person.
    `search`: a key prefix (case-insensitive), or also a part of the name when `search_names`
    (only for readers who see names).
    """
    P = t.PersonRow
    q = select(P.key).order_by(P.key)
    if care_provider is not None:
        q = q.where(P.care_provider == care_provider)
    if basis is not None:
        purpose, party, on = basis
        q = q.where(P.key.in_(
            select(t.ConsentRow.person).where(
                t.ConsentRow.party == party,
                t.ConsentRow.purpose == purpose,
                _valid_on(on),
            )
        ))
    if proposed_to is not None:
        proposed = (
            select(t.MatchRow.person)
            .join(t.DwellingRow, t.DwellingRow.code == t.MatchRow.dwelling)
            .where(t.MatchRow.live, t.MatchRow.confirmed_on.is_not(None),
                   t.DwellingRow.corporation == proposed_to)
        )
        q = q.where(P.key.in_(proposed))
    if status is not None:
        q = q.where(P.status == status)
    if target_group is not None:
        q = q.where(P.target_group == target_group)
    if key is not None:
        q = q.where(P.key == key)
    if search:
        q = q.where(search_clause(search, P.key, P.name if search_names else None))
    return q


def prefix_range(column: Any, text_: str) -> Any:
    """`column` starts with `text_` in capitals (codes and keys are stored in capitals), as a
    range on its index: [prefix, prefix with its last character raised)."""
    prefix = text_.strip().upper()
    if not prefix:
        return column.is_not(None)
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def search_clause(text_: str, code: Any, name: Any | None = None) -> Any:
    """A code starting with `text_`, or (when `name` is given: only for readers who see names)
    a name containing it. The prefix is a range on the code's index; the name part scans what
    the other filters leave, bounded by the page."""
    if name is None:
        return prefix_range(code, text_)
    needle = text_.strip()
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(prefix_range(code, needle), name.ilike(pattern, escape="\\"))


def dwelling_code_query(**filters: str | None) -> Select:
    """Codes of dwellings matching equality filters on dwelling columns (None = any)."""
    q = select(t.DwellingRow.code).order_by(t.DwellingRow.code)
    for name, value in filters.items():
        if value is not None:
            q = q.where(getattr(t.DwellingRow, name) == value)
    return q


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def locked_head(self) -> tuple[int, str] | None:
        """Take the chain lock, then read the head (sequence number and hash) the previous
        holder left; None while the log is empty. The lock serialises appenders so the chain
        never forks; callers take it last in their transaction (services/audit.py). SQLite
        writers are already serialised by the write lock (store/db.py: BEGIN IMMEDIATE).
        PostgreSQL takes a transaction-scoped advisory lock, bounded by lock_timeout, in one
        round trip: the function of migration 0019 locks, then reads with a snapshot taken
        after the lock was granted."""
        if self.session.get_bind().dialect.name == "postgresql":
            row = self.session.execute(text("SELECT seq, hash FROM audit_chain_head()")).first()
            return (row.seq, row.hash) if row else None
        take_write_lock(self.session)
        head = self.head()
        return (head.seq, head.hash) if head else None

    def head(self) -> t.AuditRow | None:
        return self.session.scalar(select(t.AuditRow).order_by(t.AuditRow.seq.desc()).limit(1))

    def append(self, **fields: Any) -> None:
        self.session.execute(insert(t.AuditRow).values(**fields))

    def append_all(self, rows: list[dict[str, Any]]) -> None:
        self.session.execute(insert(t.AuditRow), rows)

    def filtered(self, *, actor: str | None = None, entity_key: str | None = None,
                 action: str | None = None, since: datetime | None = None,
                 before: datetime | None = None, person: str | None = None) -> Any:
        """Entries by user, key, action, time (since ≤ at < before) and person: a person's
        entries are those about them (their key) and lists or signals naming them in the
        detail (`"keys": [..., "P-1", ...]`, `"person": "P-1"`), found by the quoted key in the
        detail's JSON text (the same on SQLite and PostgreSQL)."""
        q = select(t.AuditRow)
        for col, value in (
            (t.AuditRow.actor, actor),
            (t.AuditRow.entity_key, entity_key),
            (t.AuditRow.action, action),
        ):
            if value is not None:
                q = q.where(col == value)
        if since is not None:
            q = q.where(t.AuditRow.at >= since)
        if before is not None:
            q = q.where(t.AuditRow.at < before)
        if person is not None:
            quoted = json.dumps(person).replace("\\", "\\\\").replace(
                "%", "\\%").replace("_", "\\_")
            q = q.where(or_(t.AuditRow.entity_key == person,
                            cast(t.AuditRow.detail, String).like(f"%{quoted}%", escape="\\")))
        return q

    def newest_first(self, *, limit: int, offset: int = 0, after: str | None = None,
                     cap: int | None = None,
                     **filters: Any) -> tuple[list[t.AuditRow], Count, str | None]:
        """One page of filtered entries, newest first (time, then sequence), counted up to
        `cap`, and the next page's cursor (None on the last page). After the cursor `after` a
        page is an index range on (at, seq) whatever its depth; without one it starts at
        `offset` (a hand-typed page number)."""
        A = t.AuditRow
        q = self.filtered(**filters)
        count = capped_count(self.session, q, cap)
        if after:
            at, seq = _audit_cursor(after)
            q = q.where(A.at <= at, or_(A.at < at, A.seq < seq))
        else:
            q = q.offset(offset)
        rows = list(self.session.scalars(q.order_by(A.at.desc(), A.seq.desc()).limit(limit + 1)))
        more, rows = len(rows) > limit, rows[:limit]
        last = rows[-1] if more and rows else None
        return rows, count, encode_cursor(f"{last.at.isoformat()} {last.seq}") if last else None

    def iterate_filtered(self, limit: int, **filters: Any) -> list[t.AuditRow]:
        """At most `limit` filtered entries in time order, then sequence (an export for people:
        a date range is then an index range on (at, seq))."""
        q = self.filtered(**filters).order_by(t.AuditRow.at, t.AuditRow.seq).limit(limit)
        return list(self.session.scalars(q))

    def iterate(self, batch: int = 2_000) -> Any:
        """All entries in chain order, in batches (the log can be long)."""
        last = 0
        while True:
            q = select(t.AuditRow).where(t.AuditRow.seq > last).order_by(t.AuditRow.seq)
            rows = list(self.session.scalars(q.limit(batch)))
            if not rows:
                return
            yield from rows
            last = rows[-1].seq


def _audit_cursor(cursor: str) -> tuple[datetime, int]:
    """The (time, sequence) of the last entry a page showed, from its cursor."""
    at, _, seq = decode_cursor(cursor).rpartition(" ")
    try:
        return datetime.fromisoformat(at), int(seq)
    except ValueError:
        raise BadCursor(cursor) from None
