"""The region's workflow configuration: decline reasons and step deadlines.

Every party reads the decline reasons (it chooses one when it declines); only the regisseur
changes them and the deadlines. Local rules — "urgency lapses after one refusal without a valid
reason", "a person who cannot be reached waits 30 days" — are these rows, not code. A reason is
never deleted (declines refer to its code): it is switched off. Changes are audited.
"""

from __future__ import annotations

from collections.abc import Mapping

from woonregie.domain.match import LIVE, MatchStep
from woonregie.domain.workflow import DeclineReason
from woonregie.services import audit
from woonregie.services.access import Action, Principal, require
from woonregie.services.persons import FieldError
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import DeadlineRepository, DeclineReasonRepository

LIVE_STEPS = tuple(s for s in MatchStep if s in LIVE)


def reasons(uow: UnitOfWork, principal: Principal, active_only: bool = False
            ) -> list[DeclineReason]:
    require(principal, Action.MATCH_LIST)
    assert uow.session is not None
    return DeclineReasonRepository(uow.session).list(active_only)


def save_reason(uow: UnitOfWork, principal: Principal, reason: DeclineReason) -> None:
    require(principal, Action.WORKFLOW_CONFIG)
    if reason.needs_approval and not reason.urgency_lapses:
        raise FieldError("needs_approval", "goedkeuring geldt alleen als de urgentie vervalt")
    assert uow.session is not None
    DeclineReasonRepository(uow.session).put(reason)
    audit.record(uow, principal, "update", "decline_reason", reason.code,
                 {"label": reason.label, "declined_by": str(reason.declined_by),
                  "pause_days": reason.pause_days, "urgency_lapses": reason.urgency_lapses,
                  "needs_approval": reason.needs_approval, "active": reason.active})
    uow.commit()


def deadlines(uow: UnitOfWork, principal: Principal) -> dict[str, int | None]:
    require(principal, Action.MATCH_LIST)
    assert uow.session is not None
    return DeadlineRepository(uow.session).all()


def set_deadlines(uow: UnitOfWork, principal: Principal,
                  days: Mapping[str, int | None]) -> None:
    """Days per live step (None: no deadline, the step never stalls)."""
    require(principal, Action.WORKFLOW_CONFIG)
    clean: dict[str, int | None] = {}
    for step in LIVE_STEPS:
        value = days.get(str(step))
        if value is not None and not 1 <= value <= 365:
            raise FieldError(f"days_{step}", "tussen 1 en 365 dagen, of leeg (geen termijn)")
        clean[str(step)] = value
    assert uow.session is not None
    DeadlineRepository(uow.session).replace(clean)
    audit.record(uow, principal, "update", "step_deadlines", None, dict(clean))
    uow.commit()
