"""Stalls and the periodic tasks (issue 9, part 3) on a fake clock: a match past its step's
deadline is stalled on the waiting party's to-do list and in the regisseur's overview;
`woonregie jobs run`'s tasks raise each stall alert once, escalate unacknowledged signals once,
and write a weekly digest per organisation; a second run in the same period does nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select
from typer.testing import CliRunner

from tests.services.match_region import (
    ACTORS,
    CASEWORKER,
    CORPORATION,
    REGISSEUR,
    START,
    clock,
    loaded,
)
from tests.signal_fixtures import consent_to_signals, sign_contract
from tests.workflow_support import walk
from woonregie.cli.main import app
from woonregie.domain.match import MatchStep
from woonregie.domain.signal import SignalKind
from woonregie.services import match_views, matches, periodic, signals, todo, workflow_config
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

__all__ = ["clock", "loaded"]


def _alerts(engine) -> int:
    with UnitOfWork(engine) as uow:
        return uow.session.scalar(select(func.count()).select_from(t.StallAlertRow))


def test_a_match_past_its_deadline_is_stalled_for_the_waiting_party(loaded, clock, tmp_path):
    with UnitOfWork(loaded, clock) as uow:
        match = matches.propose_by_hand(uow, REGISSEUR, "P-1", "W-1", "spoed")
    clock.advance(10)  # voorgesteld: 10 days; the tenth is still in time
    with UnitOfWork(loaded, clock) as uow:
        (waiting,) = todo.todo(uow, CASEWORKER).matches
        assert waiting.key == match.key and not waiting.stalled and waiting.days_in_step == 10
        assert todo.todo(uow, REGISSEUR).stalled == []
    clock.advance(1)
    with UnitOfWork(loaded, clock) as uow:
        (waiting,) = todo.todo(uow, CASEWORKER).matches
        assert waiting.stalled and waiting.deadline == START + timedelta(days=10)
        assert [v.key for v in todo.todo(uow, REGISSEUR).stalled] == [match.key]
        assert todo.todo(uow, CORPORATION).matches == []  # not its turn (nor its business)
        listed = match_views.list_matches(uow, REGISSEUR, stalled=True)
        assert [v.key for v in listed.items] == [match.key]
    first = periodic.run_due(loaded, clock, tmp_path)
    assert {r.name: r.ran for r in first} == {"vastgelopen": True, "signalen_escaleren": True,
                                              "weekoverzicht": True}
    assert _alerts(loaded) == 1
    again = periodic.run_due(loaded, clock, tmp_path)
    assert not any(r.ran for r in again)
    periodic.run_due(loaded, clock, tmp_path, only="vastgelopen", force=True)
    assert _alerts(loaded) == 1  # one alert per match and step, however often it runs
    week = periodic.weekly(clock.today())
    text = (tmp_path / week / "ZA-A.txt").read_text()
    assert match.key in text and "VASTGELOPEN" in text and "Client P-1" not in text
    html = (tmp_path / week / "GEM-VW.html").read_text()
    assert match.key in html and "1 nieuw deze week" in html
    # the next step starts a new clock: confirmed, the match waits for the corporation
    walk(loaded, clock, match.key, ACTORS, MatchStep.BEGELEIDING_BEVESTIGD)
    with UnitOfWork(loaded, clock) as uow:
        assert todo.todo(uow, CASEWORKER).matches == []
        (waiting,) = todo.todo(uow, CORPORATION).matches
        assert not waiting.stalled and waiting.days_in_step == 0


def test_a_step_without_deadline_never_stalls(loaded, clock):
    with UnitOfWork(loaded, clock) as uow:
        workflow_config.set_deadlines(uow, REGISSEUR, {"voorgesteld": None})
        matches.propose_by_hand(uow, REGISSEUR, "P-1", "W-1", "spoed")
    clock.advance(400)
    with UnitOfWork(loaded, clock) as uow:
        assert not todo.todo(uow, CASEWORKER).matches[0].stalled
        assert match_views.list_matches(uow, REGISSEUR, stalled=True).items == []


def test_the_periodic_run_escalates_an_unacknowledged_signal_once(loaded, clock, tmp_path):
    sign_contract(loaded, clock, "P-1", "W-1", REGISSEUR, CORPORATION)
    with UnitOfWork(loaded, clock) as uow:
        consent_to_signals(uow, "P-1", START)
        uow.commit()
    with UnitOfWork(loaded, clock) as uow:
        raised = signals.raise_signal(uow, CORPORATION, "W-1", SignalKind.HUURACHTERSTAND,
                                      amount=Decimal("800"), months=2)
    with UnitOfWork(loaded, clock) as uow:
        assert [s.key for s in todo.todo(uow, CASEWORKER).signals] == [raised.key]
    clock.advance(6)  # acknowledge within 5 days
    runs = {r.name: r for r in periodic.run_due(loaded, clock, tmp_path)}
    assert runs["signalen_escaleren"].summary.startswith("1 ")
    clock.advance(1)
    runs = {r.name: r for r in periodic.run_due(loaded, clock, tmp_path)}
    assert runs["signalen_escaleren"].ran and runs["signalen_escaleren"].summary.startswith("0 ")
    with UnitOfWork(loaded, clock) as uow:
        (escalated,) = signals.list_signals(uow, REGISSEUR)
        assert escalated.escalated_on == START + timedelta(days=6)
        assert [s.key for s in todo.todo(uow, REGISSEUR).signals] == [raised.key]


def test_jobs_run_on_the_command_line_is_idempotent(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner(env={"COLUMNS": "250"})
    args = ["--db", db, "jobs", "run", "--dir", str(tmp_path / "uit"), "--today", "2026-03-02"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "Weekoverzicht per organisatie" in first.output and "ja" in first.output
    second = runner.invoke(app, args)
    assert second.exit_code == 0 and "al uitgevoerd" in second.output
    listed = runner.invoke(app, ["--db", db, "jobs", "run", "--list"])
    assert "vastgelopen" in listed.output and "signalen_escaleren" in listed.output
    assert runner.invoke(app, ["--db", db, "jobs", "run", "--task", "nope"]).exit_code != 0
