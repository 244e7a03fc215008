"""Accounts (gebruikers), login sessions, login throttling, API tokens and account links.

Passwords are hashed with Argon2id; session and API tokens are random secrets of which only the
SHA-256 is stored, so a copy of the database holds no usable credential.

Least privilege for administrators (beheerders): an administrator manages the accounts of its
own organisation only, so an account of a care provider or corporation is made by that
organisation's own administrator. Nobody sets another person's password: a new account, and a
reset, gets a link (uitnodiging, herstel) that is shown once, expires and works once, with which
the user chooses a password. The one exception is the operator's bootstrap on the command line
(`woonregie users add`), which is audited like everything else. Every change to accounts and
tokens is an audit entry (purpose beheer).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from woonregie.domain.enums import OrgKind
from woonregie.domain.errors import DomainError
from woonregie.domain.model import Region
from woonregie.services import audit
from woonregie.services.access import (
    ACCOUNT_ROLES,
    ROLE_ORG_KINDS,
    Action,
    NotFound,
    Principal,
    Purpose,
    Role,
    require,
)
from woonregie.store.security import (
    AccountLinkRepository,
    LoginAttemptRepository,
    SessionRepository,
    TokenRepository,
    UserRepository,
)
from woonregie.store.tables import UserRow
from woonregie.store.unit_of_work import UnitOfWork

MAX_FAILURES = 5
"""Failed logins for one account (from any address) within THROTTLE_WINDOW before that account's
logins are refused."""
MAX_ADDRESS_FAILURES = 20
"""Failed logins from one source address (for any accounts) within THROTTLE_WINDOW before logins
from that address are refused: spreading guesses over many users does not get around it."""
THROTTLE_WINDOW = timedelta(minutes=15)
SESSION_LIFETIME = timedelta(hours=8)  # one working day
MIN_PASSWORD_LENGTH = 8
TOKEN_PREFIX = "wr_"

LINK_LIFETIME = {"uitnodiging": timedelta(days=3), "herstel": timedelta(hours=24)}
NO_PASSWORD = "!geen-wachtwoord"
"""Stored instead of a hash until the user chooses a password: no password verifies against it."""

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist (the same time either way);
    made on first use, not at import: hashing on purpose takes a quarter of a second."""
    return _hasher.hash("niet-een-echt-wachtwoord")


class LinkPurpose(StrEnum):
    INVITATION = "uitnodiging"  # a new account
    RESET = "herstel"  # a forgotten password


class AccountError(DomainError):
    """A Dutch message about accounts for the user."""


class LoginFailed(AccountError):
    def __init__(self) -> None:
        super().__init__("Gebruikersnaam of wachtwoord onjuist.")


class TooManyAttempts(AccountError):
    def __init__(self) -> None:
        minutes = int(THROTTLE_WINDOW.total_seconds() // 60)
        super().__init__(
            f"Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw."
        )


def _sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    display_name: str
    organisation: str
    role: Role
    active: bool


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.display_name, row.organisation, Role(row.role),
                row.active)


def principal_of(uow: UnitOfWork, row: UserRow) -> Principal:
    org = uow.organisations.get(row.organisation)
    assert org is not None  # foreign key
    return Principal(row.id, row.username, Role(row.role), org.code, OrgKind(org.kind),
                     org.gemeente)


# --- Users ----------------------------------------------------------------------------------


def add_user(uow: UnitOfWork, username: str, password: str | None, role: str,
             organisation: str, display_name: str = "",
             hashes: dict[str, str] | None = None) -> User:
    """Create a user (no commit, no audit: the use cases below audit). Checks role,
    organisation kind and password length; without a password nobody can log in as the user
    until a link sets one.

    `hashes` lets a bulk caller (the demo users) reuse one salted Argon2 hash per password
    instead of paying ~50 ms per user; it is filled in as a side effect.
    """
    assert uow.session is not None
    username = username.strip().lower()
    if not username or len(username) > 64 or not username.replace("-", "").replace(
            "_", "").replace(".", "").isalnum():
        raise AccountError("gebruikersnaam: alleen letters, cijfers, '-', '_' en '.'")
    the_role = next((r for r in ACCOUNT_ROLES if r == role), None)
    if the_role is None:
        raise AccountError(f"rol: onbekend, kies uit {', '.join(ACCOUNT_ROLES)}")
    org = uow.organisations.get(organisation)
    if org is None:
        raise AccountError(f"organisatie: {organisation} bestaat niet")
    if OrgKind(org.kind) not in ROLE_ORG_KINDS[the_role]:
        raise AccountError(f"rol: een {the_role} kan niet bij een {org.kind} horen")
    if password is not None:
        check_password(password)
    users = UserRepository(uow.session)
    if users.by_username(username) is not None:
        raise AccountError(f"gebruikersnaam: {username} bestaat al")
    user_id = users.add(
        username=username, display_name=display_name or username, organisation=org.code,
        role=str(the_role), active=True,
        password_hash=NO_PASSWORD if password is None else _hash(password, hashes),
        created_at=uow.clock.now(),
    )
    return User(user_id, username, display_name or username, org.code, the_role, True)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"wachtwoord: minstens {MIN_PASSWORD_LENGTH} tekens")


def _audit(uow: UnitOfWork, actor: Principal, action: str, entity: str, key: str,
           detail: dict[str, Any] | None = None) -> None:
    audit.record(uow, actor, action, entity, key, detail, Purpose.BEHEER)


def create_account(uow: UnitOfWork, actor: Principal, username: str, role: str,
                   organisation: str, display_name: str = "",
                   password: str | None = None) -> tuple[User, IssuedLink | None]:
    """Create a user, audited (no commit). Without `password` (the normal case) the user gets
    an invitation link; a password is only for the operator's bootstrap on the command line."""
    user = add_user(uow, username, password, role, organisation, display_name)
    _audit(uow, actor, "create", "user", user.username, {
        "role": str(user.role), "organisation": user.organisation,
        "password": "via uitnodiging" if password is None else "door beheerder gezet"})
    link = None if password is not None else issue_link(uow, actor, user.username,
                                                         LinkPurpose.INVITATION)
    return user, link


def _hash(password: str, hashes: dict[str, str] | None) -> str:
    if hashes is None:
        return _hasher.hash(password)
    if password not in hashes:
        hashes[password] = _hasher.hash(password)
    return hashes[password]


def list_users(uow: UnitOfWork) -> list[User]:
    assert uow.session is not None
    return [_user(r) for r in UserRepository(uow.session).list()]


def _user_row(uow: UnitOfWork, username: str, organisation: str | None = None) -> UserRow:
    """The user's row. For an administrator (`organisation` given) a user of another
    organisation is NotFound, exactly like one that does not exist."""
    assert uow.session is not None
    row = UserRepository(uow.session).by_username(username.strip().lower())
    if organisation is not None and (row is None or row.organisation != organisation):
        raise NotFound("Gebruiker")
    if row is None:
        raise AccountError(f"gebruiker {username} bestaat niet")
    return row


def set_active(uow: UnitOfWork, actor: Principal, username: str, active: bool) -> User:
    """Disable (or re-enable) a user, audited; disabling also ends their sessions at once."""
    assert uow.session is not None
    row = _user_row(uow, username)
    UserRepository(uow.session).set_active(row.id, active)
    if not active:
        SessionRepository(uow.session).delete_for_user(row.id)
    _audit(uow, actor, "enable" if active else "disable", "user", row.username)
    return User(row.id, row.username, row.display_name, row.organisation, Role(row.role),
                active)


# --- Invitation and reset links -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssuedLink:
    username: str
    purpose: LinkPurpose
    secret: str  # shown once; only its hash is stored
    expires_at: datetime

    @property
    def path(self) -> str:
        return f"/wachtwoord/{self.secret}"


def issue_link(uow: UnitOfWork, actor: Principal, username: str,
               purpose: LinkPurpose) -> IssuedLink:
    """A new single-use link for `username` (no commit); earlier unused links of the user stop
    working, so only the newest one is valid. Audited without the secret."""
    assert uow.session is not None
    row = _user_row(uow, username)
    links = AccountLinkRepository(uow.session)
    links.delete_unused_for_user(row.id)
    secret, now = secrets.token_urlsafe(32), uow.clock.now()
    expires = now + LINK_LIFETIME[str(purpose)]
    links.add(token_hash=_sha256(secret), user_id=row.id, purpose=str(purpose),
              created_by=actor.username, created_at=now, expires_at=expires)
    _audit(uow, actor, "link", "user", row.username, {"purpose": str(purpose),
                                                       "expires_at": expires.isoformat()})
    return IssuedLink(row.username, purpose, secret, expires)


def link_user(uow: UnitOfWork, secret: str) -> User | None:
    """The user a link is for, while it is unused, unexpired and the user active."""
    assert uow.session is not None
    link = AccountLinkRepository(uow.session).get(_sha256(secret))
    if link is None or link.used_at is not None or link.expires_at < uow.clock.now():
        return None
    row = UserRepository(uow.session).by_id(link.user_id)
    return _user(row) if row is not None and row.active else None


def redeem_link(uow: UnitOfWork, secret: str, password: str) -> User:
    """Set the user's own password with a link (no commit); the link is used up, the user's
    sessions end, and the entry in the audit log is the user's own."""
    assert uow.session is not None
    user = link_user(uow, secret)
    if user is None:
        raise AccountError("Deze link is verlopen, al gebruikt of ongeldig. Vraag de beheerder "
                           "van uw organisatie om een nieuwe.")
    check_password(password)
    UserRepository(uow.session).set_password_hash(user.id, _hasher.hash(password))
    AccountLinkRepository(uow.session).mark_used(_sha256(secret), uow.clock.now())
    SessionRepository(uow.session).delete_for_user(user.id)
    row = UserRepository(uow.session).by_id(user.id)
    assert row is not None
    _audit(uow, principal_of(uow, row), "password_set", "user", user.username)
    return user


# --- Login and sessions ---------------------------------------------------------------------


def authenticate(uow: UnitOfWork, username: str, password: str, address: str) -> Principal:
    """Check a password login, throttled per account and per source address. Commits the
    failure record, so throttling holds even though the caller sees an exception. A success
    clears only that account's failures from that address: logging in to one's own account
    does not reset an address's count for the others."""
    assert uow.session is not None
    username = username.strip().lower()
    attempts = LoginAttemptRepository(uow.session)
    now = uow.clock.now()
    since = now - THROTTLE_WINDOW
    if (attempts.failures_since(since, username=username) >= MAX_FAILURES
            or attempts.failures_since(since, address=address) >= MAX_ADDRESS_FAILURES):
        raise TooManyAttempts()
    row = UserRepository(uow.session).by_username(username)
    if not _password_ok(row, password):
        attempts.add_failure(username, address, now)
        uow.commit()
        raise LoginFailed()
    assert row is not None
    attempts.clear(username, address)
    if _hasher.check_needs_rehash(row.password_hash):
        UserRepository(uow.session).set_password_hash(row.id, _hasher.hash(password))
    return principal_of(uow, row)


def _password_ok(row: UserRow | None, password: str) -> bool:
    try:
        # Verify against a dummy hash for unknown users, so timing does not reveal names.
        _hasher.verify(row.password_hash if row else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return row is not None and row.active


@dataclass(frozen=True, slots=True)
class WebSession:
    token: str  # goes into the cookie; only its hash is stored
    csrf_token: str
    principal: Principal
    expires_at: datetime | None = None  # the session's end (None: not read from the database)


def start_session(uow: UnitOfWork, principal: Principal) -> WebSession:
    """A new server-side session (no commit)."""
    assert uow.session is not None
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = uow.clock.now()
    repo = SessionRepository(uow.session)
    repo.purge_expired(now)
    repo.add(token_hash=_sha256(token), user_id=principal.user_id, csrf_token=csrf,
             created_at=now, expires_at=now + SESSION_LIFETIME)
    return WebSession(token, csrf, principal, now + SESSION_LIFETIME)


def resolve_session(uow: UnitOfWork, token: str) -> WebSession | None:
    """The live session of a cookie token, or None when unknown, expired or user disabled."""
    assert uow.session is not None
    row = SessionRepository(uow.session).get(_sha256(token))
    if row is None or row.expires_at < uow.clock.now():
        return None
    user = UserRepository(uow.session).by_id(row.user_id)
    if user is None or not user.active:
        return None
    return WebSession(token, row.csrf_token, principal_of(uow, user), row.expires_at)


def end_session(uow: UnitOfWork, token: str) -> None:
    assert uow.session is not None
    SessionRepository(uow.session).delete(_sha256(token))


# --- API tokens -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssuedToken:
    id: int
    secret: str  # shown once; only its hash is stored


def create_token(uow: UnitOfWork, actor: Principal, username: str,
                 name: str = "") -> IssuedToken:
    """A new API token for `username` (no commit), audited without the secret."""
    assert uow.session is not None
    row = _user_row(uow, username)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token_id = TokenRepository(uow.session).add(
        user_id=row.id, name=name, token_hash=_sha256(secret), created_at=uow.clock.now()
    )
    _audit(uow, actor, "create", "api_token", str(token_id), {"user": row.username,
                                                               "name": name})
    return IssuedToken(token_id, secret)


def revoke_token(uow: UnitOfWork, actor: Principal, token_id: int) -> None:
    assert uow.session is not None
    if not TokenRepository(uow.session).revoke(token_id, uow.clock.now()):
        raise AccountError(f"token {token_id} bestaat niet of is al ingetrokken")
    _audit(uow, actor, "revoke", "api_token", str(token_id))


def resolve_token(uow: UnitOfWork, secret: str) -> Principal | None:
    """The principal of a live API token of an active user (one query: every API request
    pays it)."""
    assert uow.session is not None
    found = TokenRepository(uow.session).active_user(_sha256(secret))
    if found is None:
        return None
    user, org = found
    return Principal(user.id, user.username, Role(user.role), org.code, OrgKind(org.kind),
                     org.gemeente)


# --- Demo users -----------------------------------------------------------------------------

DEMO_ROLES_BY_KIND: dict[OrgKind, tuple[Role, ...]] = {
    OrgKind.ZORGAANBIEDER: (Role.TRAJECTBEGELEIDER,),
    OrgKind.WONINGCORPORATIE: (Role.VERHUURMAKELAAR,),
    OrgKind.GEMEENTE: (Role.REGISSEUR,),
}


def demo_password(role: Role) -> str:
    return f"demo-{role}"


def demo_username(role: Role, organisation: str) -> str:
    return f"{role}-{organisation}".lower()


def create_demo_users(uow: UnitOfWork, region: Region) -> list[tuple[str, str, str, str]]:
    """One user per role per relevant organisation of `region`, password `demo-<rol>`; one
    auditor and one admin at the first gemeente. Also records the demo's legal bases and
    proposals (`consent.create_demo_sharing`) so every role has something to see.

    Returns (username, role, organisation, password) rows; no commit.
    """
    from woonregie.services.consent import create_demo_sharing

    made: list[tuple[str, str, str, str]] = []
    orgs = sorted(region.organisations, key=lambda o: o.code)
    gemeenten = [o for o in orgs if o.kind == OrgKind.GEMEENTE]
    plan = [(role, o.code) for o in orgs for role in DEMO_ROLES_BY_KIND[OrgKind(o.kind)]]
    if gemeenten:
        plan += [(Role.AUDITOR, gemeenten[0].code), (Role.ADMIN, gemeenten[0].code)]
    hashes: dict[str, str] = {}
    for role, org in plan:
        name = demo_username(role, org)
        add_user(uow, name, demo_password(role), str(role), org, f"Demo {role} {org}", hashes)
        made.append((name, str(role), org, demo_password(role)))
    create_demo_sharing(uow, region)
    return made


# --- The same, for an organisation's administrator (authorised) -----------------------------


def admin_list_users(uow: UnitOfWork, principal: Principal) -> list[User]:
    """The users of the administrator's own organisation."""
    require(principal, Action.USER_ADMIN)
    return [u for u in list_users(uow) if u.organisation == principal.organisation]


def admin_add_user(uow: UnitOfWork, principal: Principal, username: str, role: str,
                   display_name: str = "") -> tuple[User, IssuedLink]:
    """A new user of the administrator's own organisation, with an invitation link."""
    require(principal, Action.USER_ADMIN)
    user, link = create_account(uow, principal, username, role, principal.organisation,
                                display_name)
    assert link is not None
    uow.commit()
    return user, link


def admin_reset(uow: UnitOfWork, principal: Principal, username: str) -> IssuedLink:
    """A reset link for a user of the administrator's own organisation."""
    require(principal, Action.USER_ADMIN)
    row = _user_row(uow, username, principal.organisation)
    link = issue_link(uow, principal, row.username, LinkPurpose.RESET)
    uow.commit()
    return link


def admin_set_active(uow: UnitOfWork, principal: Principal, username: str,
                     active: bool) -> User:
    require(principal, Action.USER_ADMIN)
    if username.strip().lower() == principal.username and not active:
        raise AccountError("u kunt uzelf niet blokkeren")
    _user_row(uow, username, principal.organisation)
    user = set_active(uow, principal, username, active)
    uow.commit()
    return user


# --- API tokens in the web app (beheer) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A token as the administrator sees it: never the secret (only its hash is stored)."""

    id: int
    username: str
    name: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def admin_list_tokens(uow: UnitOfWork, principal: Principal) -> list[TokenInfo]:
    """The API tokens of the administrator's own organisation's users."""
    require(principal, Action.USER_ADMIN)
    assert uow.session is not None
    return [TokenInfo(row.id, username, row.name, row.created_at, row.revoked_at)
            for row, username in TokenRepository(uow.session).of_organisation(
                principal.organisation)]


def admin_create_token(uow: UnitOfWork, principal: Principal, username: str,
                       name: str) -> IssuedToken:
    """A new token for a user of the administrator's own organisation (committed); the secret
    is in the answer once and nowhere else."""
    require(principal, Action.USER_ADMIN)
    if not name.strip():
        raise AccountError("geef het token een naam (waarvoor het dient)")
    row = _user_row(uow, username, principal.organisation)
    issued = create_token(uow, principal, row.username, name.strip()[:80])
    uow.commit()
    return issued


def admin_revoke_token(uow: UnitOfWork, principal: Principal, token_id: int) -> None:
    """Revoke a token of the own organisation; another organisation's token is 'not found'."""
    require(principal, Action.USER_ADMIN)
    own = {t.id: t for t in admin_list_tokens(uow, principal)}
    if token_id not in own:
        raise NotFound("Token")  # another organisation's token: as if it did not exist
    if not own[token_id].active:
        raise AccountError(f"token {token_id} is al ingetrokken")
    revoke_token(uow, principal, token_id)
    uow.commit()
