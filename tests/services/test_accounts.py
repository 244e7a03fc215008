"""Accounts: Argon2 hashes, throttled logins, sessions, revocable API tokens, demo users."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import small_region
from tests.web_support import PASSWORD, seed, web_region
from woonregie.services import accounts
from woonregie.services.access import ACCOUNT_ROLES, Role
from woonregie.services.region import write_region
from woonregie.store.tables import ApiTokenRow, UserRow, WebSessionRow
from woonregie.store.unit_of_work import UnitOfWork


def test_passwords_are_stored_as_argon2id_hashes(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        hashes = [r.password_hash for r in uow.session.scalars(select(UserRow))]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all(PASSWORD not in h for h in hashes)


def test_login_checks_the_password(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        who = accounts.authenticate(uow, "trajectbegeleider-own", PASSWORD, "10.0.0.1")
        assert (who.role, who.organisation) == (Role.TRAJECTBEGELEIDER, "ZA-A")
        with pytest.raises(accounts.LoginFailed):
            accounts.authenticate(uow, "trajectbegeleider-own", "fout", "10.0.0.1")
        with pytest.raises(accounts.LoginFailed):
            accounts.authenticate(uow, "bestaat-niet", PASSWORD, "10.0.0.1")


def test_repeated_failures_throttle_even_the_right_password(engine):
    seed(engine)
    for _ in range(accounts.MAX_FAILURES):
        with UnitOfWork(engine) as uow, pytest.raises(accounts.LoginFailed):
            accounts.authenticate(uow, "regisseur-own", "fout", "10.0.0.2")
    with UnitOfWork(engine) as uow:
        with pytest.raises(accounts.TooManyAttempts, match="Te veel mislukte pogingen"):
            accounts.authenticate(uow, "regisseur-own", PASSWORD, "10.0.0.2")
        # Per account: guessing from another address does not get around it.
        with pytest.raises(accounts.TooManyAttempts):
            accounts.authenticate(uow, "regisseur-own", PASSWORD, "10.0.0.3")
        # Another account from that address is not locked out by one account's failures.
        assert accounts.authenticate(uow, "auditor-own", PASSWORD, "10.0.0.2")


def test_guesses_spread_over_many_accounts_from_one_address_are_throttled(engine):
    """28 tries over 7 users (4 each, under the per-account limit) from one address."""
    seed(engine)
    users = [f"{role}-{side}" for role in ACCOUNT_ROLES for side in ("own", "other")][:7]
    refused = 0
    for attempt in range(28):
        with UnitOfWork(engine) as uow:
            try:
                accounts.authenticate(uow, users[attempt % 7], "fout", "10.9.9.9")
            except accounts.TooManyAttempts:
                refused += 1
            except accounts.LoginFailed:
                pass
    assert refused == 28 - accounts.MAX_ADDRESS_FAILURES
    with UnitOfWork(engine) as uow:
        with pytest.raises(accounts.TooManyAttempts):  # even the right password of an 8th user
            accounts.authenticate(uow, "admin-other", PASSWORD, "10.9.9.9")
        assert accounts.authenticate(uow, "admin-other", PASSWORD, "10.9.9.10")


def test_disabling_a_user_ends_sessions_and_logins(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        who = accounts.authenticate(uow, "admin-own", PASSWORD, "x")
        session = accounts.start_session(uow, who)
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert accounts.resolve_session(uow, session.token) is not None
        accounts.set_active(uow, "admin-own", False)
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert accounts.resolve_session(uow, session.token) is None
        with pytest.raises(accounts.LoginFailed):
            accounts.authenticate(uow, "admin-own", PASSWORD, "x")


def test_sessions_and_tokens_are_stored_only_as_hashes_and_tokens_revoke(engine):
    seeded = seed(engine)
    secret = seeded.tokens["auditor-own"]
    with UnitOfWork(engine) as uow:
        who = accounts.authenticate(uow, "auditor-own", PASSWORD, "x")
        session = accounts.start_session(uow, who)
        uow.commit()
        stored = [r.token_hash for r in uow.session.scalars(select(ApiTokenRow))]
        sessions = [r.token_hash for r in uow.session.scalars(select(WebSessionRow))]
    assert secret not in stored and session.token not in sessions
    with UnitOfWork(engine) as uow:
        assert accounts.resolve_token(uow, secret).username == "auditor-own"
        token_id = next(r.id for r in uow.session.scalars(select(ApiTokenRow))
                        if r.user_id == who.user_id)
        accounts.revoke_token(uow, token_id)
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert accounts.resolve_token(uow, secret) is None
        assert accounts.resolve_token(uow, "wr_verzonnen") is None


@pytest.mark.parametrize(("role", "org", "message"), [
    ("verhuurmakelaar", "ZA-A", "kan niet bij een zorgaanbieder horen"),
    ("koning", "ZA-A", "rol: onbekend"),
    ("auditor", "NERGENS", "bestaat niet"),
])
def test_a_user_needs_a_fitting_role_and_organisation(engine, role, org, message):
    with UnitOfWork(engine) as uow:
        write_region(uow, web_region())
        with pytest.raises(accounts.AccountError, match=message):
            accounts.add_user(uow, "nieuw", "lang-genoeg-wachtwoord", role, org)
        with pytest.raises(accounts.AccountError, match="minstens 8"):
            accounts.add_user(uow, "nieuw", "kort", "auditor", "GEM-VW")


def test_demo_users_cover_every_role_and_can_log_in(engine):
    region = small_region()
    with UnitOfWork(engine) as uow:
        write_region(uow, region)
        made = accounts.create_demo_users(uow, region)
        uow.commit()
    assert {role for _, role, _, _ in made} == {str(r) for r in ACCOUNT_ROLES}
    assert ("trajectbegeleider-za-b", "trajectbegeleider", "ZA-B",
            "demo-trajectbegeleider") in made
    with UnitOfWork(engine) as uow:
        for name, role, _, password in made:
            assert accounts.authenticate(uow, name, password, "x").role == role


def test_no_account_can_be_the_command_line_operator(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, web_region())
        with pytest.raises(accounts.AccountError, match="rol: onbekend"):
            accounts.add_user(uow, "nep-operator", PASSWORD, "operator", "GEM-VW")
