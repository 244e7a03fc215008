"""`woonregie persons …` and `woonregie dwellings …`: the register read through the use cases,
as the operator, every person-level read audited."""

from __future__ import annotations

from sqlalchemy import select
from typer.testing import CliRunner

from tests.factories import small_region
from woonregie.cli.main import app
from woonregie.services.region import write_region
from woonregie.store.tables import AuditRow
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()


def _loaded(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    assert runner.invoke(app, ["--db", url, "init"]).exit_code == 0
    from woonregie.store.db import make_engine

    engine = make_engine(url)
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    return url, engine


def _audit(engine) -> list[tuple[str, str, str | None, str]]:
    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(AuditRow).order_by(AuditRow.seq)).all()
        return [(r.actor, r.action, r.entity_key, r.role) for r in rows]


def test_persons_list_filters_and_is_audited_as_the_operator(tmp_path):
    url, engine = _loaded(tmp_path)
    result = runner.invoke(app, ["--db", url, "persons", "list", "--provider", "ZA-B"])
    assert result.exit_code == 0, result.output
    assert "P-2" in result.output and "P-1" not in result.output
    assert "Uitstroom" in result.output and "mo_uitstroom" not in result.output  # labels
    (entry,) = _audit(engine)
    assert entry[0].startswith("cli:") and entry[1] == "list" and entry[3] == "operator"


def test_persons_show_gives_the_whole_record_or_a_dutch_error(tmp_path):
    url, engine = _loaded(tmp_path)
    shown = runner.invoke(app, ["--db", url, "persons", "show", "P-1"])
    assert shown.exit_code == 0, shown.output
    assert "Statusgeschiedenis" in shown.output and "inkomen" in shown.output
    assert [(a, k) for _, a, k, _ in _audit(engine)] == [("read", "P-1")]
    missing = runner.invoke(app, ["--db", url, "persons", "show", "P-999"])
    assert missing.exit_code == 1 and "persoon P-999 niet gevonden" in missing.output


def test_dwellings_list_filters_by_status(tmp_path):
    url, _ = _loaded(tmp_path)
    result = runner.invoke(app, ["--db", url, "dwellings", "list", "--status", "verhuurd"])
    assert result.exit_code == 0, result.output
    assert "W-4" in result.output and "W-1" not in result.output
