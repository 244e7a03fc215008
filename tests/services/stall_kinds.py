"""A job kind for the crash tests: a real stored matching round that, when STALL_ENV names a
file, stops right before its commit — its lines, dwelling claims and person moves written but
not committed — writes that file and waits there to be killed. Loaded by a worker process
through WOONREGIE_JOB_MODULES."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from woonregie.services import jobs
from woonregie.services.matching_rounds import RoundOutcome, run_round
from woonregie.store.unit_of_work import UnitOfWork

KIND = "test_round_stall"
STALL_ENV = "WOONREGIE_TEST_STALL_FILE"


def _run(ctx: jobs.JobContext) -> None:
    def finish(uow: UnitOfWork, outcome: RoundOutcome) -> None:
        stall = os.environ.get(STALL_ENV)
        if stall:
            Path(stall).write_text(str(outcome.housed))
            while True:
                time.sleep(0.1)
        ctx.complete_in(uow, ref=f"ronde:{outcome.round_id}")

    with ctx.uow() as uow:
        run_round(uow, today=date.fromisoformat(ctx.params["today"]), actor=ctx.actor,
                  progress=ctx.progress, finish=finish)


jobs.register(jobs.JobKind(KIND, "Ronde die blijft hangen", _run, max_attempts=2))
