"""Matches (bemiddelingen) in the API: the parties' lists, one match with its dated history,
a hand proposal by the regisseur, and one route per workflow action
(`POST /api/v1/matches/{key}/{action}`: confirm-support, offer, viewing, accept, decline,
refuse, withdraw, sign).

The answers follow one order (services/workflow.py): 403 for a role that never takes the
action, 404 for a party that is not involved, 409 (in Dutch, naming the step) for an action the
step does not allow or a concurrent change, 422 for missing or wrong input.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from woonregie.api import schemas as s
from woonregie.api.deps import WRITE_ERRORS, Cursor, Key, Limit, Offset, keyset_page
from woonregie.domain.match import MatchStep
from woonregie.domain.workflow import ACTIONS, MatchAction, Party
from woonregie.http.auth import ApiAuth, Uow
from woonregie.http.workflow_inputs import MatchActionIn, ProposalIn
from woonregie.services import match_views, matches, workflow

router = APIRouter(prefix="/matches", tags=["matches"])


class StepOut(BaseModel):
    source: MatchStep | None
    target: MatchStep
    on: date
    by: str
    reason: str
    details: dict[str, str] = Field(
        description="Wat de stap vastlegde: het begeleidingsplan (intensiteit en team alleen "
        "voor de zorgaanbieder), het aanbod, de code van een weigerreden")


class MatchOut(BaseModel):
    key: str
    person: str
    dwelling: str
    corporation: str
    care_provider: str
    round_id: int | None
    step: MatchStep
    live: bool
    opened_on: date
    step_on: date = Field(description="Datum waarop de huidige stap begon")
    days_in_step: int
    waiting_for: Party | None = Field(description="Partij die nu aan zet is")
    deadline: date | None = Field(description="Laatste dag binnen de termijn van de stap")
    stalled: bool = Field(description="Vastgelopen: langer in de stap dan de termijn")
    history: list[StepOut]
    actions: list[MatchAction] = Field(description="Wat u nu kunt doen")


def match_out(view: match_views.MatchView) -> MatchOut:
    return MatchOut.model_validate(view, from_attributes=True)


@router.get("", response_model=s.Page[MatchOut],
            summary="Bemiddelingen waarbij uw organisatie partij is")
def list_matches(
    who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0, cursor: Cursor = None,
    step: Annotated[MatchStep | None, Query(description="Alleen deze stap")] = None,
    organisation: Annotated[str | None, Query(
        max_length=32, pattern=r"^[A-Za-z0-9_.-]+$",
        description="Alleen met deze corporatie of zorgaanbieder")] = None,
    stalled: Annotated[bool, Query(description="Alleen vastgelopen bemiddelingen")] = False,
) -> dict[str, Any]:
    result = match_views.list_matches(uow, who.principal, step=step, organisation=organisation,
                                      stalled=stalled, limit=limit, offset=offset,
                                      cursor=cursor)
    return keyset_page([match_out(v) for v in result.items], result)


@router.post("", response_model=MatchOut, status_code=201, responses=WRITE_ERRORS,
             summary="Voordracht met de hand (regisseur), met een reden")
def propose(body: ProposalIn, who: ApiAuth, uow: Uow) -> MatchOut:
    match = matches.propose_by_hand(uow, who.principal, body.person, body.dwelling,
                                    body.reason)
    return match_out(match_views.get_match(uow, who.principal, match.key))


@router.get("/{key}", response_model=MatchOut, summary="Eén bemiddeling met haar stappen")
def get_match(key: Key, who: ApiAuth, uow: Uow) -> MatchOut:
    return match_out(match_views.get_match(uow, who.principal, key))


def _action_route(action: MatchAction) -> None:
    rule = ACTIONS[action]

    def take(key: Key, who: ApiAuth, uow: Uow, body: MatchActionIn | None = None) -> MatchOut:
        given = (body or MatchActionIn()).to_input()
        workflow.act(uow, who.principal, key, action, given)
        return match_out(match_views.get_match(uow, who.principal, key))

    take.__name__ = f"match_{action.value.replace('-', '_')}"
    router.add_api_route(
        f"/{{key}}/{action.value}", take, methods=["POST"], response_model=MatchOut,
        responses=WRITE_ERRORS,
        summary=f"{action.label} ({rule.party.label.lower()}): naar stap "
                f"«{rule.target.label}»")


for _action in MatchAction:
    _action_route(_action)
