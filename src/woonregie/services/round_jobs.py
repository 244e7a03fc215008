"""A matching round as a background job (job kind `matchingsronde`).

The regisseur starts a round (stored or dry) from the web or the API; `start` checks access and
queues the job, at most one open round job per region (the job table's partial unique index on
`exclusive_key`); the worker runs `run` with progress per step. A stored round commits its lines,
its matches and the job's completion in one transaction; a dry run commits its audit entry and
the job's completion with the result (the lines, kept for RESULTS_KEPT) in one transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine

from woonregie.domain.clock import Clock
from woonregie.matching.engine import POLICIES
from woonregie.services import jobs
from woonregie.services.access import Action, Forbidden, Principal, require
from woonregie.services.matching_rounds import RoundConflict, RoundOutcome, run_round
from woonregie.services.persons import FieldError
from woonregie.store.unit_of_work import UnitOfWork

KIND = "matchingsronde"
REGION = "regio"
"""Rounds are region-wide in this version (one round covers the whole database): one key.
When rounds carry a gemeente, the key becomes that gemeente's code."""
BUSY = ("Er loopt al een matchingsronde voor deze regio. Wacht tot die klaar is en start "
        "daarna eventueel een nieuwe.")
CONFLICT = ("Ronde afgebroken: personen of woningen zijn tijdens de ronde gewijzigd; er is niets "
            "opgeslagen. Start de ronde opnieuw.")
NO_LONGER_ALLOWED = "U mag geen matchingsrondes meer draaien; de ronde is niet uitgevoerd."


def start(uow: UnitOfWork, principal: Principal, *, policy: str = "optimal",
          dry_run: bool = False) -> jobs.JobView:
    """Queue a round for `principal` (regisseur); JobRefused when one is already open."""
    require(principal, Action.MATCH_RUN)
    if policy not in POLICIES:
        raise FieldError("policy", f"onbekend beleid {policy!r}")
    params = {"policy": policy, "dry_run": dry_run, "today": uow.clock.today().isoformat(),
              "region": REGION}
    return jobs.start(uow, principal, KIND, params, busy_message=BUSY)


def dry_run_payload(outcome: RoundOutcome, today: date) -> dict[str, Any]:
    """What a dry run keeps for its result page: lines as compact lists."""
    lines = [[a.candidate, a.dwelling, a.rank, a.fit, list(a.codes), list(a.reasons)]
             for a in outcome.result.assignments]
    lines += [[u.candidate, None, None, None, list(u.codes), list(u.reasons)]
              for u in outcome.unassigned]
    return {"policy": outcome.policy, "today": today.isoformat(),
            "comparison": outcome.comparison, "lines": lines}


def run(ctx: jobs.JobContext) -> None:
    p = ctx.params
    actor, today = ctx.actor, date.fromisoformat(p["today"])
    try:
        require(actor, Action.MATCH_RUN)
    except Forbidden as exc:
        raise jobs.JobFailed(NO_LONGER_ALLOWED) from exc

    def finish(uow: UnitOfWork, outcome: RoundOutcome) -> None:
        if p["dry_run"]:
            ctx.complete_in(uow, ref=f"proefronde:{ctx.job_id}",
                            result=dry_run_payload(outcome, today),
                            message=f"Klaar: {outcome.housed} zouden worden voorgedragen")
        else:
            ctx.complete_in(uow, ref=f"ronde:{outcome.round_id}",
                            message=f"Klaar: {outcome.housed} voorgedragen")

    with ctx.uow() as uow:
        try:
            run_round(uow, today=today, actor=actor, policy=p["policy"], dry_run=p["dry_run"],
                      compare=POLICIES if p["dry_run"] else (), progress=ctx.progress,
                      finish=finish)
        except RoundConflict as exc:
            raise jobs.JobFailed(CONFLICT) from exc


def run_here(engine: Engine, clock: Clock, actor: Principal, *, policy: str = "optimal",
             dry_run: bool = False, today: date | None = None) -> RoundOutcome:
    """A round run by the command line, in this process, under the region's round lock like
    one from the web or the API: it is a job of this kind, claimed as it starts
    (`jobs.running_here`), so while it runs another round for the region is refused, and it is
    refused (JobRefused, in Dutch) while another is open. The round's effect and the job's
    completion commit together."""
    require(actor, Action.MATCH_RUN)
    today = today or clock.today()
    params = {"policy": policy, "dry_run": dry_run, "today": today.isoformat(),
              "region": REGION}

    with jobs.running_here(engine, clock, actor, KIND, params, busy_message=BUSY) as ctx:
        def finish(uow: UnitOfWork, outcome: RoundOutcome) -> None:
            ref = None if dry_run else f"ronde:{outcome.round_id}"
            verb = "zouden worden voorgedragen" if dry_run else "voorgedragen"
            ctx.complete_in(uow, ref=ref, message=f"Klaar: {outcome.housed} {verb}")

        with ctx.uow() as uow:
            return run_round(uow, today=today, actor=actor, policy=policy, dry_run=dry_run,
                             progress=ctx.progress, finish=finish)


jobs.register(jobs.JobKind(KIND, "Matchingsronde", run, max_attempts=2,
                           exclusive=lambda params: f"{KIND}:{params['region']}"))
