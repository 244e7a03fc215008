"""The command line takes "today" from its injected clock (`CliState.clock`), never the
machine's: a sample built without `--today` is dated by the clock, and so is a round."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select
from typer.testing import CliRunner

from woonregie.cli.context import CliState
from woonregie.cli.main import app
from woonregie.domain.clock import FakeClock
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()
DAY = date(2031, 5, 6)


def test_sample_and_round_take_today_from_the_clock(engine, db_url):
    state = CliState(db_url, FakeClock(datetime(2031, 5, 6, 9, 30)))
    result = runner.invoke(app, ["--db", db_url, "sample", "--seed", "3", "--scale", "0.1"],
                           obj=state)
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--db", db_url, "match", "--json"], obj=state)
    assert result.exit_code == 0, result.output
    with UnitOfWork(engine) as uow:
        assert uow.session is not None
        newest = uow.session.scalar(select(func.max(t.StatusTransitionRow.on_date)))
        assert newest is not None and date(2031, 1, 1) <= newest <= DAY
        assert uow.session.scalar(select(t.MatchRoundRow.run_on)) == DAY
