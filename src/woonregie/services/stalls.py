"""Stall alerts (vastgelopen bemiddelingen) and signal escalation as periodic tasks.

A match that stays in a step longer than the step's deadline is stalled: the party it waits
for sees it marked on its to-do page, the regisseur in its overview (both computed on read,
services/match_views.py). This task raises the alert once per match and step entry
(`stall_alerts`, unique), audited, so the weekly digest can say what stalled this week. The
signal escalation of services/signals.escalate_due (idempotent) runs here daily too.
"""

from __future__ import annotations

from woonregie.domain.match import MatchStep
from woonregie.domain.workflow import WAITING_FOR
from woonregie.services import audit, periodic, signals
from woonregie.store.workflow_repository import DeadlineRepository, StallAlertRepository


def raise_stall_alerts(ctx: periodic.TaskContext) -> str:
    session = ctx.uow.session
    assert session is not None
    alerts = StallAlertRepository(session)
    stalled = alerts.stalled(DeadlineRepository(session).all(), ctx.today)
    new = [s for s in stalled if s not in alerts.known(stalled)]
    alerts.add_all([{"match_key": key, "step": step, "step_on": since,
                     "waiting_for": str(WAITING_FOR[MatchStep(step)]), "raised_on": ctx.today}
                    for key, step, since in new])
    for key, step, since in new:
        audit.record(ctx.uow, ctx.actor, "stall", "match", key,
                     {"step": step, "since": since.isoformat()})
    return f"{len(stalled)} vastgelopen bemiddeling(en), {len(new)} nieuw gemeld"


def escalate_signals(ctx: periodic.TaskContext) -> str:
    escalated = signals.escalate_due(ctx.uow, ctx.actor, ctx.today)
    return f"{len(escalated)} signaal/signalen geëscaleerd naar de regisseur"


periodic.register(periodic.PeriodicTask(
    "vastgelopen", "Vastgelopen bemiddelingen melden", raise_stall_alerts, periodic.daily))
periodic.register(periodic.PeriodicTask(
    "signalen_escaleren", "Niet bevestigde signalen escaleren", escalate_signals,
    periodic.daily))
