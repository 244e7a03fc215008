"""Accounts: Argon2 hashes, throttled logins, sessions, revocable API tokens, demo users."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.factories import small_region
from tests.web_support import OPERATOR, PASSWORD, seed, web_region
from woonregie.domain.clock import SYSTEM_CLOCK, FakeClock
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
        accounts.set_active(uow, OPERATOR, "admin-own", False)
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
        accounts.revoke_token(uow, OPERATOR, token_id)
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


def _audit_rows(uow, entity: str) -> list:
    from woonregie.store.tables import AuditRow

    return list(uow.session.scalars(select(AuditRow).where(AuditRow.entity == entity)
                                    .order_by(AuditRow.seq)))


def test_account_and_token_changes_are_audited_with_who_and_what(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        admin = accounts.principal_of(uow, accounts.UserRepository(uow.session).by_username(
            "admin-own"))
        user, link = accounts.admin_add_user(uow, admin, "nieuw", "auditor", "Nieuw")
        accounts.admin_reset(uow, admin, "nieuw")
        accounts.admin_set_active(uow, admin, "nieuw", False)
        accounts.set_active(uow, OPERATOR, "nieuw", True)
        token = accounts.create_token(uow, OPERATOR, "nieuw", "koppeling")
        accounts.revoke_token(uow, OPERATOR, token.id)
        uow.commit()
        users = [(r.actor, r.action, r.entity_key, r.purpose) for r in _audit_rows(uow, "user")]
        tokens = [(r.actor, r.action, r.detail) for r in _audit_rows(uow, "api_token")]
    assert users == [
        ("admin-own", "create", "nieuw", "beheer"), ("admin-own", "link", "nieuw", "beheer"),
        ("admin-own", "link", "nieuw", "beheer"), ("admin-own", "disable", "nieuw", "beheer"),
        ("test:beheer", "enable", "nieuw", "beheer")]
    assert tokens[-2:] == [("test:beheer", "create", {"user": "nieuw", "name": "koppeling"}),
                           ("test:beheer", "revoke", {})]
    assert link.secret not in str(users) and token.secret not in str(tokens)


def test_links_are_single_use_expire_and_only_the_newest_works(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        first = accounts.issue_link(uow, OPERATOR, "regisseur-own", accounts.LinkPurpose.RESET)
        second = accounts.issue_link(uow, OPERATOR, "regisseur-own", accounts.LinkPurpose.RESET)
        uow.commit()
        assert accounts.link_user(uow, first.secret) is None  # replaced by the newer one
        with pytest.raises(accounts.AccountError, match="minstens"):
            accounts.redeem_link(uow, second.secret, "kort")
        accounts.redeem_link(uow, second.secret, "een-eigen-wachtwoord")
        uow.commit()
        with pytest.raises(accounts.AccountError, match="verlopen, al gebruikt"):
            accounts.redeem_link(uow, second.secret, "nog-een-wachtwoord")
        assert accounts.authenticate(uow, "regisseur-own", "een-eigen-wachtwoord", "x")
        [entry] = [r for r in _audit_rows(uow, "user") if r.action == "password_set"]
        assert entry.actor == "regisseur-own"  # the user's own act, not the admin's
        late = accounts.issue_link(uow, OPERATOR, "auditor-own", accounts.LinkPurpose.RESET)
        uow.commit()
    later = FakeClock(SYSTEM_CLOCK.now() + accounts.LINK_LIFETIME["herstel"])
    later.advance(seconds=1)
    with UnitOfWork(engine, later) as uow:
        assert accounts.link_user(uow, late.secret) is None


def test_an_invited_account_has_no_password_until_the_user_sets_one(engine):
    seed(engine)
    with UnitOfWork(engine) as uow:
        admin = accounts.principal_of(uow, accounts.UserRepository(uow.session).by_username(
            "admin-other"))
        user, link = accounts.admin_add_user(uow, admin, "uitgenodigd", "regisseur")
        assert user.organisation == "GEM-X"  # always the admin's own organisation
        for guess in ("", accounts.NO_PASSWORD, "geheim-wachtwoord"):
            with pytest.raises(accounts.LoginFailed):
                accounts.authenticate(uow, "uitgenodigd", guess, "x")
        with pytest.raises(accounts.NotFound):  # another organisation's user: not found
            accounts.admin_reset(uow, admin, "regisseur-own")
        assert {u.organisation for u in accounts.admin_list_users(uow, admin)} == {"GEM-X"}


def test_no_account_can_be_the_command_line_operator(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, web_region())
        with pytest.raises(accounts.AccountError, match="rol: onbekend"):
            accounts.add_user(uow, "nep-operator", PASSWORD, "operator", "GEM-VW")
