"""Input models of the three-party workflow (issue 9), for both HTTP edges: an action on a
match, a hand proposal, a decline reason, deadlines, lifting a pause.

An action's body has every field optional and bounded in shape only: which fields an action
needs is the use case's rule (services/workflow.py), checked after the role, the party and the
step, so a wrong step answers 409 before a missing field answers 422.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field

from woonregie.domain.enums import SupportIntensity
from woonregie.domain.workflow import Decliner
from woonregie.http.inputs import NO_CONTROL, Code, SaneDate, Strict
from woonregie.services.workflow import ActionInput

Reason = Annotated[str, Field(max_length=400, pattern=NO_CONTROL)]


def _positive(value: float | None) -> float | None:
    if value is not None and not 0 < value <= 10_000:
        raise ValueError("moet tussen 0 en 10.000 liggen")
    return value


class MatchActionIn(Strict):
    """The body of POST /api/v1/matches/{key}/{action} (and of the action forms)."""

    reason: Reason = ""
    reason_code: Annotated[str, Field(max_length=40, pattern=r"^[a-z0-9_]*$")] = ""
    intensity: SupportIntensity | None = None
    team: Code | None = None
    support_start: SaneDate | None = None
    contact: Annotated[str, Field(max_length=120, pattern=NO_CONTROL)] = ""
    consent: bool = False
    viewing_date: SaneDate | None = None
    rent: Annotated[float | None, AfterValidator(_positive)] = None
    start: SaneDate | None = None

    def to_input(self) -> ActionInput:
        return ActionInput(
            reason=self.reason, reason_code=self.reason_code,
            intensity=str(self.intensity) if self.intensity else None, team=self.team,
            support_start=self.support_start, contact=self.contact, consent=self.consent,
            viewing_date=self.viewing_date, rent=self.rent, start=self.start)


class ProposalIn(Strict):
    """A hand proposal by the regisseur (outside a round): a reason is required."""

    person: Code
    dwelling: Code
    reason: Annotated[str, Field(min_length=1, max_length=400, pattern=NO_CONTROL)]


class DeclineReasonIn(Strict):
    """One decline reason as the regisseur configures it."""

    code: Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")]
    label: Annotated[str, Field(min_length=1, max_length=120, pattern=NO_CONTROL)]
    declined_by: Decliner
    pause_days: Annotated[int, Field(ge=0, le=730)] = 0
    urgency_lapses: bool = False
    needs_approval: bool = False
    active: bool = True


class LiftIn(Strict):
    """Lifting a pause (or refusing an urgency lapse): the regisseur says why."""

    reason: Annotated[str, Field(min_length=1, max_length=400, pattern=NO_CONTROL)]


__all__ = ["DeclineReasonIn", "LiftIn", "MatchActionIn", "ProposalIn", "date"]
