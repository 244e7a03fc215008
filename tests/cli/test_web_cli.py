"""`woonregie users`, `tokens` and `audit verify` from the command line."""

from __future__ import annotations

from sqlalchemy import text
from typer.testing import CliRunner

from tests.web_support import seed
from woonregie.cli.main import app
from woonregie.services import persons
from woonregie.services.accounts import principal_of
from woonregie.store.guards import append_only_guard_lifted
from woonregie.store.security import UserRepository
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()


def run(db_url, *args, input=None):
    return runner.invoke(app, ["--db", db_url, *args], input=input)


def test_users_add_list_disable(engine, db_url):
    seed(engine)
    added = run(db_url, "users", "add", "marie", "--role", "regisseur", "--org", "GEM-VW",
                "--password", "een-lang-wachtwoord")
    assert added.exit_code == 0, added.output
    listed = run(db_url, "users", "list")
    assert "marie" in listed.output and "regisseur" in listed.output
    assert run(db_url, "users", "disable", "marie").exit_code == 0
    wrong = run(db_url, "users", "add", "kees", "--role", "regisseur", "--org", "ZA-A",
                "--password", "een-lang-wachtwoord")
    assert wrong.exit_code == 1 and "kan niet bij een zorgaanbieder horen" in wrong.output


def test_tokens_create_and_revoke(engine, db_url):
    seed(engine)
    made = run(db_url, "tokens", "create", "auditor-own", "--name", "koppeling")
    assert made.exit_code == 0
    assert made.output.strip().splitlines()[-1].startswith("wr_")
    assert run(db_url, "tokens", "revoke", "1").exit_code == 0
    again = run(db_url, "tokens", "revoke", "1")
    assert again.exit_code == 1 and "al ingetrokken" in again.output


def test_audit_verify_names_the_first_broken_entry(engine, db_url):
    seed(engine)
    with engine.connect() as conn:
        base = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    for _ in range(3):
        with UnitOfWork(engine) as uow:
            who = principal_of(uow, UserRepository(uow.session).by_username(
                "trajectbegeleider-own"))
            persons.get_person(uow, who, "P-1")
    assert f"{base + 3} regels" in run(db_url, "audit", "verify").output
    with engine.begin() as conn, append_only_guard_lifted(conn):
        conn.execute(text("UPDATE audit_log SET purpose = 'nieuwsgierigheid' WHERE seq = 2"))
    broken = run(db_url, "audit", "verify")
    assert broken.exit_code == 2
    assert "regel 2" in broken.output
    export = run(db_url, "audit", "export")
    assert export.exit_code == 0
    assert export.output.count("\n") == base + 4  # + the export itself


def test_audit_checkpoint_then_truncation_is_reported_in_dutch(engine, db_url, tmp_path):
    seed(engine)
    for _ in range(3):
        with UnitOfWork(engine) as uow:
            who = principal_of(uow, UserRepository(uow.session).by_username(
                "trajectbegeleider-own"))
            persons.get_person(uow, who, "P-1")
    made = run(db_url, "audit", "checkpoint", "--dir", str(tmp_path / "cp"))
    assert made.exit_code == 0 and "Checkpoint bij regel 3" in made.output
    fine = run(db_url, "audit", "verify", "--dir", str(tmp_path / "cp"))
    assert fine.exit_code == 0
    assert "1 checkpoint(s) buiten de database kloppen" in " ".join(fine.output.split())
    with engine.begin() as conn, append_only_guard_lifted(conn):
        conn.execute(text("DELETE FROM audit_log WHERE seq = 3"))
    cut = run(db_url, "audit", "verify", "--dir", str(tmp_path / "cp"))
    assert cut.exit_code == 2
    assert "nieuwste regels zijn verwijderd" in " ".join(cut.output.split())


def test_users_add_with_an_invitation_and_reset_print_a_link_and_are_audited(engine, db_url):
    seed(engine)
    added = run(db_url, "users", "add", "eerste-beheerder", "--role", "admin", "--org", "ZA-B",
                "--invite")
    assert added.exit_code == 0, added.output
    assert added.output.strip().splitlines()[-1].startswith("/wachtwoord/")
    reset = run(db_url, "users", "reset", "eerste-beheerder")
    assert reset.exit_code == 0 and "/wachtwoord/" in reset.output
    with engine.connect() as conn:
        actions = [r.action for r in conn.execute(text(
            "SELECT action FROM audit_log WHERE entity_key = 'eerste-beheerder' ORDER BY seq"))]
    assert actions == ["create", "link", "link"]
