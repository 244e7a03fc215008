"""Signals (signalering) in the API: a corporation raises a signal about its tenant, the care
provider (or, without consent, the gemeente) acknowledges it with an action, and it is closed
with an outcome. The corporation's answers never carry the action (SignalOut); the recipient's
do (SignalDetailOut)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from woonregie.api import schemas as s
from woonregie.api.deps import WRITE_ERRORS, Limit, Offset, page
from woonregie.domain.signal import SignalStatus
from woonregie.http.auth import ApiAuth, Uow
from woonregie.http.inputs import AcknowledgeIn, CloseIn, SignalIn
from woonregie.services import signals
from woonregie.services.signals import SignalSummary, SignalView

router = APIRouter(prefix="/signals", tags=["signals"])

SignalKey = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$",
                                description="Sleutel van het signaal (S-…)")]
SignalAnswer = s.SignalDetailOut | s.SignalOut


def signal_out(view: SignalSummary) -> s.SignalOut:
    model = s.SignalDetailOut if isinstance(view, SignalView) else s.SignalOut
    return model.model_validate(view, from_attributes=True)


@router.get("", response_model=s.Page[SignalAnswer],
            summary="Signalen van uw organisatie (gemeld of ontvangen), nieuwste eerst")
def list_signals(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                 status: Annotated[SignalStatus | None, Query(description="Alleen deze status")]
                 = None,
                 open: Annotated[bool, Query(description="Alleen niet-gesloten signalen")]
                 = False) -> dict:
    found = signals.list_signals(uow, who.principal, status=status, open_only=open,
                                 limit=limit + 1, offset=offset)
    items = [signal_out(v) for v in found[:limit]]
    return page(items, offset + len(found), limit, offset, total_exact=len(found) <= limit)


@router.post("", response_model=SignalAnswer, status_code=201, responses=WRITE_ERRORS,
             summary="Signaal melden (corporatie): naar de zorgaanbieder met toestemming, "
             "anders alleen naar de gemeente")
def raise_signal(body: SignalIn, who: ApiAuth, uow: Uow) -> s.SignalOut:
    return signal_out(signals.raise_signal(uow, who.principal, body.dwelling, body.kind,
                                           body.note, body.amount, body.months))


@router.get("/{key}", response_model=SignalAnswer, summary="Eén signaal")
def get_signal(key: SignalKey, who: ApiAuth, uow: Uow) -> s.SignalOut:
    return signal_out(signals.get_signal(uow, who.principal, key))


@router.post("/{key}/acknowledge", response_model=SignalAnswer, responses=WRITE_ERRORS,
             summary="Signaal bevestigen en de actie vastleggen (ontvanger)")
def acknowledge_signal(key: SignalKey, body: AcknowledgeIn, who: ApiAuth,
                       uow: Uow) -> s.SignalOut:
    return signal_out(signals.acknowledge(uow, who.principal, key, body.action))


@router.post("/{key}/close", response_model=SignalAnswer, responses=WRITE_ERRORS,
             summary="Signaal sluiten met een uitkomst")
def close_signal(key: SignalKey, body: CloseIn, who: ApiAuth, uow: Uow) -> s.SignalOut:
    return signal_out(signals.close(uow, who.principal, key, body.outcome))
