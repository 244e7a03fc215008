"""The worker as a process: killed mid-round (SIGKILL) and stopped with the server mid-round.

Each test runs a real stored matching round in a separate worker process and stops it right
before the round's commit (tests/services/stall_kinds.py), when its lines, dwelling claims and
person moves are written but not committed. Afterwards nothing of the round may be in the
database, and the job must be offered again (or failed) as the lease rules say; run again, it
stores exactly one round.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.factories import small_region
from tests.services import stall_kinds
from woonregie.domain.enums import OrgKind
from woonregie.domain.jobs import INTERRUPTED, JobStatus
from woonregie.services import jobs
from woonregie.services.access import Principal, Role
from woonregie.services.job_worker import Worker
from woonregie.services.region import write_region
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

REGISSEUR = Principal(1, "regisseur-test", Role.REGISSEUR, "GEM-VW", OrgKind.GEMEENTE, "GM9001")
ROOT = Path(__file__).resolve().parents[2]
CODE = "from woonregie.cli.launch import main; main()"


def _region_and_job(engine) -> int:
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    with UnitOfWork(engine) as uow:
        return jobs.start(uow, REGISSEUR, stall_kinds.KIND, {"today": "2026-01-10"}).id


def _env(db_url: str, stall: Path | None) -> dict[str, str]:
    env = {**os.environ, "WOONREGIE_DATABASE_URL": db_url,
           jobs.MODULES_ENV: "tests.services.stall_kinds",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.pop(stall_kinds.STALL_ENV, None)
    if stall is not None:
        env[stall_kinds.STALL_ENV] = str(stall)
    return env


def _wait_for(what, timeout_s: float = 60.0, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        if process is not None and process.poll() is not None:
            pytest.fail(f"het proces stopte onverwacht ({process.returncode})")
        time.sleep(0.1)
    pytest.fail("wachten duurde te lang")


def _state(engine) -> dict[str, object]:
    """What a round writes: rounds, lines, matches, proposed persons and dwellings."""
    with UnitOfWork(engine) as uow:
        s = uow.session
        count = lambda table: s.scalar(select(func.count()).select_from(table))  # noqa: E731
        return {
            "rounds": count(t.MatchRoundRow), "lines": count(t.MatchLineRow),
            "matches": count(t.MatchRow),
            "persons_proposed": s.scalar(select(func.count()).where(
                t.PersonRow.status == "voorgedragen")),
            "dwellings_proposed": s.scalar(select(func.count()).where(
                t.DwellingRow.status == "voorgedragen")),
        }


def _job(engine, job_id: int) -> jobs.JobView:
    with UnitOfWork(engine) as uow:
        return jobs.get(uow, REGISSEUR, job_id)


def test_a_worker_killed_mid_round_leaves_nothing_half_written(engine, db_url, tmp_path):
    job_id = _region_and_job(engine)
    before = _state(engine)
    stall = tmp_path / "gestopt-voor-commit"
    worker = subprocess.Popen([sys.executable, "-c", CODE, "jobs", "worker", "--lease-s", "2"],
                              env=_env(db_url, stall), cwd=tmp_path)
    try:
        assert _wait_for(stall.exists, process=worker)
        assert stall.read_text() == "1"  # the round housed someone: it had written rows
        assert _job(engine, job_id).status is JobStatus.BEZIG
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert _state(engine) == before  # the uncommitted round is gone whole
    reaper = Worker(engine, lease=timedelta(seconds=2))
    assert reaper.reap() == 0  # the dead worker's lease still runs
    time.sleep(2.5)
    assert reaper.reap() == 1
    offered = _job(engine, job_id)
    assert (offered.status, offered.error, offered.attempts) == (
        JobStatus.WACHTEND, INTERRUPTED, 1)
    assert reaper.run_pending() == 1  # run again, no stall this time: one round, stored once
    done = _job(engine, job_id)
    assert done.status is JobStatus.KLAAR and done.attempts == 2
    after = _state(engine)
    assert after["rounds"] == before["rounds"] + 1 and after["matches"] == before["matches"] + 1
    assert after["persons_proposed"] == before["persons_proposed"] + 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db_url: str, stall: Path | None, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CODE, "serve", "--port", str(_free_port()),
                             "--workers", "1"], env=_env(db_url, stall), cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()


def test_a_server_stopped_mid_round_gives_the_job_back_and_runs_it_after_restart(
        sqlite_file_engine, tmp_path):
    engine, db_url = sqlite_file_engine
    job_id = _region_and_job(engine)
    before = _state(engine)
    stall = tmp_path / "gestopt-voor-commit"
    server = _serve(db_url, stall, tmp_path)
    try:
        assert _wait_for(stall.exists, process=server)
    finally:
        _stop(server)
    assert _state(engine) == before  # rolled back
    back = _job(engine, job_id)
    assert (back.status, back.attempts) == (JobStatus.WACHTEND, 0)  # given back, not counted
    restarted = _serve(db_url, None, tmp_path)
    try:
        done = _wait_for(lambda: _job(engine, job_id).finished and _job(engine, job_id),
                         process=restarted)
    finally:
        _stop(restarted)
    assert done.status is JobStatus.KLAAR and done.attempts == 1
    assert _state(engine)["rounds"] == before["rounds"] + 1


@pytest.fixture
def sqlite_file_engine(tmp_path):
    """The server test runs on a SQLite file of its own (the server's database), today."""
    from woonregie.store.db import make_engine
    from woonregie.store.schema import upgrade

    url = f"sqlite:///{tmp_path / 'server.db'}"
    engine = make_engine(url)
    upgrade(engine)
    yield engine, url
    engine.dispose()




def _children(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == pid:
                found.append(int(proc.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_worker_stops_when_the_server_is_killed(sqlite_file_engine, tmp_path):
    """`woonregie serve` killed hard (SIGKILL, no shutdown code runs): its job worker notices
    that its parent is gone and stops by itself instead of running on unattended."""
    _engine, db_url = sqlite_file_engine
    server = _serve(db_url, None, tmp_path)
    try:
        (worker,) = _wait_for(lambda: _children(server.pid), process=server)
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        _wait_for(lambda: not _alive(worker), timeout_s=30)
    finally:
        if server.poll() is None:
            server.kill()
