"""The job runner: registry, exclusive keys, claiming, progress, completion inside the job's
own transaction, leases and what happens to the job of a worker that died."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from woonregie.domain.clock import FakeClock
from woonregie.domain.enums import OrgKind
from woonregie.domain.jobs import GIVEN_UP, INTERRUPTED, JobStatus
from woonregie.services import jobs
from woonregie.services.access import NotFound, Principal, Role
from woonregie.services.job_worker import UNEXPECTED, Worker, WorkerStopping
from woonregie.store import job_repository as repo
from woonregie.store.unit_of_work import UnitOfWork

ANNA = Principal(1, "regisseur-anna", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")
BOB = Principal(2, "regisseur-bob", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")
LEASE = timedelta(seconds=60)


def _echo(ctx: jobs.JobContext) -> None:
    """Reports two steps, then writes a marker row and completes in the same transaction."""
    ctx.progress(0, 2, "Eerste stap")
    ctx.progress(1, 2, "Tweede stap")
    with ctx.uow() as uow:
        uow.session.execute(text("INSERT INTO match_rounds (run_at, run_on, run_by, policy, "
                                 "candidates, dwellings, housed) VALUES (:at, :on, 'echo', "
                                 "'optimal', 0, 0, 0)"),
                            {"at": ctx.clock.now(), "on": ctx.clock.today()})
        ctx.complete_in(uow, ref=f"echo:{ctx.params['n']}", result={"n": ctx.params["n"]})
        uow.commit()


def _returns(ctx: jobs.JobContext) -> jobs.JobDone:
    """Keeps its result with the job instead of completing inside a transaction of its own."""
    ctx.progress(0, 1, "Rekenen")
    return jobs.JobDone(ref="uitkomst:7", result={"som": 42}, message="Klaar: 42")


def _refuse(_ctx: jobs.JobContext) -> None:
    raise jobs.JobFailed("Dat kan nu niet.")


def _boom(_ctx: jobs.JobContext) -> None:
    raise RuntimeError("persoon P-1 met naam Bram")  # never shown: no personal data in errors


def _stopped(ctx: jobs.JobContext) -> None:
    ctx.progress(0, 1, "Bezig")
    raise WorkerStopping()


for kind in (jobs.JobKind("test_echo", "Testtaak", _echo, exclusive=lambda p: p.get("key")),
             jobs.JobKind("test_returns", "Rekentaak", _returns),
             jobs.JobKind("test_refuse", "Weigertaak", _refuse),
             jobs.JobKind("test_boom", "Kapotte taak", _boom),
             jobs.JobKind("test_stopped", "Gestopte taak", _stopped)):
    jobs.register(kind)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 9, 0))


def _start(engine, clock, kind="test_echo", who=ANNA, **params):
    with UnitOfWork(engine, clock) as uow:
        return jobs.start(uow, who, kind, {"n": 1, **params}, busy_message="Loopt al.")


def _job(engine, job_id, who=ANNA):
    with UnitOfWork(engine) as uow:
        return jobs.get(uow, who, job_id)


def _rounds(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM match_rounds")).scalar_one()


def test_a_job_runs_reports_progress_and_completes_with_its_effect(engine, clock):
    job = _start(engine, clock)
    assert job.status is JobStatus.WACHTEND and job.kind_label == "Testtaak"
    assert Worker(engine, clock, LEASE).run_pending() == 1
    done = _job(engine, job.id)
    assert done.status is JobStatus.KLAAR and done.result_ref == "echo:1"
    assert (done.progress.done, done.progress.total, done.progress.percent) == (2, 2, 100)
    assert done.attempts == 1 and done.finished_at == clock.now()
    assert _rounds(engine) == 1


def test_a_job_may_return_its_result_for_the_worker_to_store(engine, clock):
    job = _start(engine, clock, kind="test_returns")
    Worker(engine, clock, LEASE).run_pending()
    done = _job(engine, job.id)
    assert (done.status, done.result_ref, done.progress.message) == (
        JobStatus.KLAAR, "uitkomst:7", "Klaar: 42")
    with UnitOfWork(engine) as uow:
        assert jobs.result_of(uow, ANNA, job.id, "test_returns") == {"som": 42}
        with pytest.raises(NotFound):
            jobs.result_of(uow, ANNA, job.id, "test_echo")  # not a job of that kind


def test_only_the_starter_sees_a_job(engine, clock):
    job = _start(engine, clock)
    with pytest.raises(NotFound):
        _job(engine, job.id, who=BOB)


def test_one_open_job_per_exclusive_key_is_a_database_rule(engine, clock):
    first = _start(engine, clock, key="regio")
    with pytest.raises(jobs.JobRefused, match="Loopt al."):
        _start(engine, clock, who=BOB, key="regio")
    with engine.begin() as conn, pytest.raises(Exception, match="(?i)unique"):
        conn.execute(text("INSERT INTO jobs (kind, params, status, exclusive_key, created_at, "
                          "created_by, user_id, organisation, attempts, max_attempts, "
                          "progress_done, progress_total, progress_message) VALUES ('x', '{}', "
                          "'bezig', 'regio', :at, 'x', 9, 'X', 0, 1, 0, 0, '')"),
                     {"at": clock.now()})
    assert _start(engine, clock, key="elders").status is JobStatus.WACHTEND  # another key
    Worker(engine, clock, LEASE).run_pending()
    assert _job(engine, first.id).status is JobStatus.KLAAR
    assert _start(engine, clock, key="regio").status is JobStatus.WACHTEND  # free again


def test_failures_are_dutch_and_carry_no_personal_data(engine, clock):
    refused = _start(engine, clock, kind="test_refuse")
    broken = _start(engine, clock, kind="test_boom")
    Worker(engine, clock, LEASE).run_pending()
    assert _job(engine, refused.id).error == "Dat kan nu niet."
    failed = _job(engine, broken.id)
    assert failed.status is JobStatus.MISLUKT
    assert failed.error == UNEXPECTED.format(kind="Kapotte taak") and "P-1" not in failed.error


def test_a_waiting_job_can_be_cancelled_a_running_one_not(engine, clock):
    job = _start(engine, clock)
    with UnitOfWork(engine, clock) as uow:
        assert jobs.cancel(uow, ANNA, job.id).status is JobStatus.AFGEBROKEN
    assert Worker(engine, clock, LEASE).run_pending() == 0
    with UnitOfWork(engine, clock) as uow, pytest.raises(jobs.JobRefused):
        jobs.cancel(uow, ANNA, job.id)


def _claim(engine, clock, token="dood:1"):
    now = clock.now()
    with engine.begin() as conn:
        return repo.claim(conn, ["test_echo"], token, now, now + LEASE)


def test_a_dead_workers_job_is_offered_again_then_given_up(engine, clock):
    job = _start(engine, clock)
    assert _claim(engine, clock, "dood:1") == job.id  # a worker takes it and dies
    worker = Worker(engine, clock, LEASE)
    clock.advance(seconds=59)
    assert worker.reap() == 0  # the lease still runs
    clock.advance(seconds=2)
    assert worker.reap() == 1
    again = _job(engine, job.id)
    assert (again.status, again.error, again.attempts) == (JobStatus.WACHTEND, INTERRUPTED, 1)
    assert _claim(engine, clock, "dood:2") == job.id  # second attempt dies too
    clock.advance(seconds=61)
    worker.reap()
    failed = _job(engine, job.id)
    assert (failed.status, failed.error, failed.attempts) == (JobStatus.MISLUKT, GIVEN_UP, 2)
    assert _rounds(engine) == 0


def test_a_worker_that_lost_its_claim_writes_nothing(engine, clock):
    job = _start(engine, clock)
    _claim(engine, clock, "traag:1")
    clock.advance(seconds=61)
    Worker(engine, clock, LEASE).reap()  # the slow worker's lease ran out: reaped
    ctx = jobs.JobContext(engine, clock, job.id, "traag:1", {"n": 1, "actor": {}}, LEASE)
    with pytest.raises(jobs.JobLost):
        ctx.progress(1, 2, "nog bezig")
    with pytest.raises(jobs.JobLost):
        _echo(ctx)
    assert _rounds(engine) == 0 and _job(engine, job.id).status is JobStatus.WACHTEND


def test_a_stopping_worker_gives_its_job_back_at_once(engine, clock):
    job = _start(engine, clock, kind="test_stopped")
    with pytest.raises(WorkerStopping):
        Worker(engine, clock, LEASE).run_one()
    back = _job(engine, job.id)
    assert (back.status, back.attempts) == (JobStatus.WACHTEND, 0)  # the attempt did not count


def test_postgresql_claims_skip_a_row_another_worker_is_taking(engine, clock):
    if engine.dialect.name != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; SQLite serialises claims by its write lock")
    _start(engine, clock)
    second = _start(engine, clock)
    taken: list[int | None] = []
    with engine.connect() as first_conn:
        tx = first_conn.begin()
        first = repo.claim(first_conn, ["test_echo"], "a", clock.now(), clock.now() + LEASE)
        thread = threading.Thread(target=lambda: taken.append(_claim(engine, clock, "b")))
        thread.start()
        thread.join(timeout=10)
        tx.commit()
    assert not thread.is_alive() and taken == [second.id] and first != second.id


def test_a_database_error_while_looking_for_work_does_not_end_the_worker(engine, clock,
                                                                         monkeypatch):
    from sqlalchemy.exc import OperationalError

    worker = Worker(engine, clock, LEASE, poll_s=0.01)
    calls: list[int] = []

    def flaky() -> bool:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("SELECT", {}, Exception("database is locked"))
        worker.stop.set()
        return False

    monkeypatch.setattr(worker, "run_one", flaky)
    worker.loop()
    assert len(calls) == 2  # it went on after the error, and stopped when told
