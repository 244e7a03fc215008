"""One round per region at a time, whichever way it starts (issue 12): a round from the
command line holds the region's round lock (the job table's exclusive key) like one from the
web or the API, refuses to start while another is open, and frees the lock when it ends,
however it ends."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.factories import small_region
from woonregie.cli.context import CliState
from woonregie.cli.main import app
from woonregie.domain.clock import FakeClock
from woonregie.domain.enums import OrgKind
from woonregie.domain.jobs import JobStatus
from woonregie.services import jobs, round_jobs
from woonregie.services.access import Principal, Role
from woonregie.services.job_worker import Worker
from woonregie.services.matching_rounds import RoundConflict
from woonregie.services.region import write_region
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

REGISSEUR = Principal(1, "regisseur-test", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")
OPERATOR = Principal(0, "cli:test", Role.OPERATOR, "-", OrgKind.GEMEENTE)
TODAY = date(2026, 1, 10)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 1, 10, 9, 0))


@pytest.fixture
def region(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    return engine


def _jobs(engine) -> list:
    with engine.connect() as conn:
        return list(conn.execute(select(t.JobRow.__table__).order_by(t.JobRow.id)))


def _rounds(engine) -> int:
    with UnitOfWork(engine) as uow:
        assert uow.session is not None
        return len(uow.session.scalars(select(t.MatchRoundRow.id)).all())


def test_a_cli_round_is_refused_while_a_web_round_is_open(region, clock, db_url):
    with UnitOfWork(region, clock) as uow:
        round_jobs.start(uow, REGISSEUR, dry_run=True)
    result = CliRunner().invoke(app, ["--db", db_url, "match", "--json"],
                                obj=CliState(db_url, clock))
    assert result.exit_code == 1
    assert "Er loopt al een matchingsronde voor deze regio" in result.stderr
    assert _rounds(region) == 0
    assert len(_jobs(region)) == 1  # nothing of the refused round was left behind


def test_a_web_round_is_refused_while_a_cli_round_runs(region, clock, monkeypatch):
    seen: list[str] = []
    real = round_jobs.run_round

    def meanwhile(uow, **kwargs):
        with UnitOfWork(region, clock) as other, pytest.raises(jobs.JobRefused) as refused:
            round_jobs.start(other, REGISSEUR)
        seen.append(str(refused.value))
        return real(uow, **kwargs)

    monkeypatch.setattr(round_jobs, "run_round", meanwhile)
    outcome = round_jobs.run_here(region, clock, OPERATOR, today=TODAY)
    assert seen == [round_jobs.BUSY]
    (job,) = _jobs(region)
    assert (job.status, job.result_ref, job.created_by) == (
        JobStatus.KLAAR, f"ronde:{outcome.round_id}", "cli:test")
    assert job.claim is None and _rounds(region) == 1
    with UnitOfWork(region, clock) as uow:  # the lock is free again
        round_jobs.start(uow, REGISSEUR, dry_run=True)


def test_a_failed_cli_round_frees_the_lock_and_no_worker_runs_it_again(region, clock,
                                                                      monkeypatch):
    def conflict(*_args, **_kwargs):
        raise RoundConflict("Ronde afgebroken, er is niets opgeslagen: woning W-1 is weg")

    monkeypatch.setattr(round_jobs, "run_round", conflict)
    with pytest.raises(RoundConflict):
        round_jobs.run_here(region, clock, OPERATOR, today=TODAY)
    (job,) = _jobs(region)
    assert job.status == JobStatus.MISLUKT and job.error == jobs.HERE_FAILED
    assert Worker(region, clock).run_pending() == 0
    with UnitOfWork(region, clock) as uow:
        round_jobs.start(uow, REGISSEUR, dry_run=True)
