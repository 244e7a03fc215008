"""Walking a match through the three-party workflow in tests (services/workflow.act): each
step with the input it needs, taken by the party it belongs to."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine

from woonregie.domain.clock import Clock
from woonregie.domain.enums import OrgKind
from woonregie.domain.match import MatchStep
from woonregie.domain.workflow import ACTIONS, MatchAction, Party
from woonregie.services import workflow
from woonregie.services.access import Principal, Role
from woonregie.services.workflow import ActionInput
from woonregie.store.unit_of_work import UnitOfWork

A = MatchAction
FORWARD = (A.CONFIRM_SUPPORT, A.OFFER, A.VIEWING, A.ACCEPT, A.SIGN)
"""The way from voorgesteld to a signed contract."""


def caseworker_of(care_provider: str) -> Principal:
    return Principal(90, f"begeleider-{care_provider}", Role.TRAJECTBEGELEIDER, care_provider,
                     OrgKind.ZORGAANBIEDER)


def input_for(action: MatchAction, on: date) -> ActionInput:
    """A complete input for `action` taken on `on`."""
    if action is A.CONFIRM_SUPPORT:
        return ActionInput(support_start=on, contact="J. Jansen, 06-12345678", consent=True)
    if action is A.OFFER:
        return ActionInput(viewing_date=on, rent=550.0, start=on)
    if action is A.DECLINE:
        return ActionInput(reason_code="te_ver_van_netwerk")
    if action is A.REFUSE:
        return ActionInput(reason_code="huurverleden")
    if action is A.WITHDRAW:
        return ActionInput(reason="dubbel voorgesteld")
    return ActionInput()


def take(engine: Engine, clock: Clock | None, key: str, action: MatchAction,
         actors: dict[Party, Principal], given: ActionInput | None = None) -> None:
    with UnitOfWork(engine, clock) as uow:
        on = uow.clock.today()
        workflow.act(uow, actors[ACTIONS[action].party], key, action,
                     given or input_for(action, on))


def walk(engine: Engine, clock: Clock | None, key: str, actors: dict[Party, Principal],
         until: MatchStep = MatchStep.CONTRACT_GETEKEND) -> None:
    """Take the forward steps from where the match is until it reaches `until`."""
    with UnitOfWork(engine, clock) as uow:
        match = uow.matches.get(key)
        assert match is not None
        step = match.step
    for action in FORWARD:
        if step == until:
            return
        if ACTIONS[action].target in _after(step):
            take(engine, clock, key, action, actors)
            step = ACTIONS[action].target
    assert step == until, f"{key} stopped at {step}"


def _after(step: MatchStep) -> frozenset[MatchStep]:
    from woonregie.domain.match import ALLOWED

    return ALLOWED[step]


def actors_for(care_provider: str, corporation: Principal,
               regisseur: Principal) -> dict[Party, Principal]:
    return {Party.ZORGAANBIEDER: caseworker_of(care_provider), Party.CORPORATIE: corporation,
            Party.GEMEENTE: regisseur}


def day_after(on: date, days: int = 1) -> date:
    return on + timedelta(days=days)
