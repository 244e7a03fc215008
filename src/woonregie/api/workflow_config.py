"""The region's workflow configuration in the API, to read: the decline reasons (each party
picks one when it declines) and the step deadlines. The regisseur edits both on /weigerredenen.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from woonregie.domain.match import MatchStep
from woonregie.domain.workflow import Decliner
from woonregie.http.auth import ApiAuth, Uow
from woonregie.services import workflow_config

router = APIRouter(tags=["matches"])


class DeclineReasonOut(BaseModel):
    code: str
    label: str
    declined_by: Decliner
    pause_days: int = Field(description="Dagen dat de persoon daarna niet wordt voorgedragen")
    urgency_lapses: bool = Field(description="De urgentie van de persoon vervalt")
    needs_approval: bool = Field(description="Het vervallen wacht op de regisseur")
    active: bool


class DeadlineOut(BaseModel):
    step: MatchStep
    days: int | None = Field(description="Dagen in de stap voordat de bemiddeling vastloopt; "
                             "leeg: geen termijn")


@router.get("/decline-reasons", response_model=list[DeclineReasonOut],
            summary="Weigerredenen van de regio")
def decline_reasons(who: ApiAuth, uow: Uow, active: bool = False) -> list[DeclineReasonOut]:
    found = workflow_config.reasons(uow, who.principal, active_only=active)
    return [DeclineReasonOut.model_validate(r, from_attributes=True) for r in found]


@router.get("/step-deadlines", response_model=list[DeadlineOut],
            summary="Termijnen per stap van de bemiddeling")
def step_deadlines(who: ApiAuth, uow: Uow) -> list[DeadlineOut]:
    days = workflow_config.deadlines(uow, who.principal)
    return [DeadlineOut(step=s, days=days.get(str(s)))
            for s in workflow_config.LIVE_STEPS]
