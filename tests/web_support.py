"""A region and users for web, API and authorisation tests: two organisations of every kind,
so every rule can be tried for one's own organisation and for another."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete

from tests.factories import small_region
from woonregie.domain.enums import OrgKind
from woonregie.domain.match import Match, MatchStep, MatchTransition
from woonregie.domain.model import Organisation, Region
from woonregie.services import accounts
from woonregie.services.access import ACCOUNT_ROLES, Principal, Role
from woonregie.services.consent import LegalBasis
from woonregie.services.region import write_region
from woonregie.store import tables as t
from woonregie.store.security import ConsentRepository, TokenRepository, UserRepository
from woonregie.store.unit_of_work import UnitOfWork

PASSWORD = "geheim-wachtwoord"
SEED_MATCH = "M-SEED"
"""The live match (bemiddeling) linking P-1 to W-1 in the seed."""
OPERATOR = Principal(0, "test:beheer", Role.OPERATOR, "-", OrgKind.GEMEENTE)
"""An operator on a terminal, for tests of audited account changes."""

# Tests hash many passwords; production parameters (64 MiB, 3 passes) make that slow without
# testing anything more. Same algorithm (Argon2id), cheaper parameters, for tests only.
accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

OWN_ORG: dict[Role, str] = {
    Role.TRAJECTBEGELEIDER: "ZA-A",
    Role.VERHUURMAKELAAR: "WC-A",
    Role.REGISSEUR: "GEM-VW",
    Role.AUDITOR: "GEM-VW",
    Role.ADMIN: "GEM-VW",
}
OTHER_ORG: dict[Role, str] = {
    Role.TRAJECTBEGELEIDER: "ZA-B",
    Role.VERHUURMAKELAAR: "WC-B",
    Role.REGISSEUR: "GEM-X",
    Role.AUDITOR: "GEM-X",
    Role.ADMIN: "GEM-X",
}


def username(role: Role, side: str) -> str:
    return f"{role}-{side}"


def web_region() -> Region:
    region = small_region()
    region.organisations += [
        Organisation("WC-B", "Stadswonen", OrgKind.WONINGCORPORATIE, "GM9001"),
        Organisation("GEM-X", "Gemeente Elders", OrgKind.GEMEENTE, None),
    ]
    return region


@dataclass
class Seeded:
    tokens: dict[str, str] = field(default_factory=dict)  # username → API token
    round_id: int = 0  # the stored matching round
    jobs: dict[str, int] = field(default_factory=dict)  # background jobs a test made, by name


def seed(engine: Engine) -> Seeded:
    """Load the region, one user per role and side, and the sharing that makes P-1 visible:
    proposed for W-1 (WC-A) by a live match with consent for bemiddeling with WC-A, and a
    regie basis for GEM-VW for both persons. P-2 (ZA-B) is proposed nowhere. Matching round 1
    is stored as run (P-1 proposed for W-1, P-2 unhoused with a reason) without moving anyone
    (the seed's match is only a link: `drop_seed_match` before running a real round)."""
    out = Seeded()
    now = datetime(2026, 1, 1)
    with UnitOfWork(engine) as uow:
        write_region(uow, web_region())
        for role in ACCOUNT_ROLES:
            for side, org in (("own", OWN_ORG[role]), ("other", OTHER_ORG[role])):
                accounts.add_user(uow, username(role, side), PASSWORD, str(role), org)
        assert uow.session is not None
        consents = ConsentRepository(uow.session)
        # Only the link, without moving P-1 or W-1: what the corporation's view needs.
        # At begeleiding_bevestigd: the corporation sees a match from the confirmed support
        # plan on (issue 9).
        uow.matches.add(Match(SEED_MATCH, "P-1", "W-1", None, MatchStep.BEGELEIDING_BEVESTIGD,
                              [MatchTransition(None, MatchStep.VOORGESTELD, now.date(), "test",
                                               "testvoordracht"),
                               MatchTransition(MatchStep.VOORGESTELD,
                                               MatchStep.BEGELEIDING_BEVESTIGD, now.date(),
                                               "test")]))
        consents.add(person="P-1", purpose="bemiddeling", party="WC-A",
                     legal_basis=str(LegalBasis.TOESTEMMING), valid_from=date(2025, 1, 1),
                     valid_until=None, recorded_by="test", recorded_at=now)
        for key in ("P-1", "P-2"):
            consents.add(person=key, purpose="regie", party="GEM-VW",
                         legal_basis=str(LegalBasis.PUBLIEKE_TAAK_ZORG),
                         valid_from=date(2025, 1, 1), valid_until=None, recorded_by="test",
                         recorded_at=now)
        out.round_id = _seed_round(uow, now)
        for role in ACCOUNT_ROLES:
            for side in ("own", "other"):
                name = username(role, side)
                out.tokens[name] = _token(uow, name)
        uow.commit()
    return out


def drop_seed_match(engine: Engine) -> None:
    """Remove the seed's shortcut link, so a real round can propose P-1 (one live match each)."""
    with engine.begin() as conn:
        T = t.MatchTransitionRow
        conn.execute(delete(T).where(T.match_key == SEED_MATCH))
        conn.execute(delete(t.MatchRow).where(t.MatchRow.key == SEED_MATCH))


def _seed_round(uow: UnitOfWork, now: datetime) -> int:
    assert uow.session is not None
    row = t.MatchRoundRow(run_at=now, run_on=now.date(), run_by="regisseur-own",
                          policy="optimal", candidates=2, dwellings=3, housed=1)
    uow.session.add(row)
    uow.session.flush()
    uow.session.add_all([
        t.MatchLineRow(round_id=row.id, person="P-1", dwelling="W-1", rank=1, fit=60.0,
                       codes=["rang", "huur_past"], reasons=["Hoogste rang die past."]),
        t.MatchLineRow(round_id=row.id, person="P-2", dwelling=None, rank=None, fit=None,
                       codes=["geen_passende_woning", "geen_passende_woning_huishouden"],
                       reasons=["Geen woning past bij een huishouden van 3."]),
    ])
    return row.id


def _token(uow: UnitOfWork, name: str) -> str:
    """A token straight into the table: the seed is the test's starting state, so it leaves
    the audit log empty (accounts.create_token, which audits, is tested on its own)."""
    assert uow.session is not None
    secret = accounts.TOKEN_PREFIX + name
    user = UserRepository(uow.session).by_username(name)
    assert user is not None
    TokenRepository(uow.session).add(user_id=user.id, name="test", created_at=datetime(2026, 1, 1),
                                     token_hash=accounts._sha256(secret))
    return secret


def login(client: TestClient, user: str, password: str = PASSWORD) -> str:
    """Log in through the form; returns the session's CSRF token (read from a page)."""
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text
    response = client.post("/login", data={"username": user, "password": password,
                                           "csrf_token": token.group(1)},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    page = client.get("/", follow_redirects=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def bearer(seeded: Seeded, user: str) -> dict[str, str]:
    """The Authorization header of `user`'s API token."""
    return {"Authorization": f"Bearer {seeded.tokens[user]}"}


def run_jobs(engine: Engine) -> int:
    """Run the waiting background jobs in this process, as the worker would (no server)."""
    from woonregie.services.job_worker import Worker

    return Worker(engine).run_pending()
