"""Signals (signalering) on the pages: the corporation raises a signal about its tenant and
follows its status; the zorgaanbieder (or, without consent, the gemeente) acknowledges it with an
action; the regisseur sees what escalated. Forms validate with the API's input models; access,
views (never the action for a corporation) and audit are the service's."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.domain.signal import SignalKind, SignalOutcome
from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.http.inputs import AcknowledgeIn, CloseIn, SignalIn
from woonregie.services import signals
from woonregie.services.access import Action, allowed
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.forms import FormErrors, submit
from woonregie.web.rendering import render

router = APIRouter(include_in_schema=False)

SignalKey = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]


def _list(request: Request, auth: Auth, uow: UnitOfWork, status: int = 200,
          errors: FormErrors | None = None, form: dict[str, Any] | None = None,
          alle: bool = False) -> HTMLResponse:
    principal = auth.principal
    found = signals.list_signals(uow, principal, open_only=not alle)
    homes = (signals.tenancies(uow, principal) if allowed(principal, Action.SIGNAL_RAISE)
             else [])
    return render(request, "signals/list.html", auth, status, items=found, homes=homes,
                  errors=errors or {}, form=form or {}, alle=alle, kinds=list(SignalKind))


@router.get("/signalen", response_class=HTMLResponse)
def signal_list(request: Request, auth: PageAuth, uow: Uow, alle: str = "") -> HTMLResponse:
    return _list(request, auth, uow, alle=alle == "ja")


def _raise_input(form: dict[str, Any]) -> SignalIn:
    data = {k: form.get(k) or None for k in ("dwelling", "kind", "amount", "months")}
    return SignalIn(**{k: v for k, v in data.items() if v is not None},
                    note=str(form.get("note", "")))


@router.post("/signalen", response_class=HTMLResponse)
async def signal_raise(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = _raise_input(form)
        made = signals.raise_signal(uow, auth.principal, body.dwelling, body.kind, body.note,
                                    body.amount, body.months)
        return f"/signalen/{made.key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _list(request, auth, uow, status, errors, form)

    return await submit(request, uow, save, again)


def _detail(request: Request, auth: Auth, uow: UnitOfWork, key: str, status: int = 200,
            errors: FormErrors | None = None, form: dict[str, Any] | None = None,
            ) -> HTMLResponse:
    signal = signals.get_signal(uow, auth.principal, key)
    principal = auth.principal
    can_ack = (signal.recipient == principal.organisation and signal.acknowledged_on is None
               and signal.closed_on is None
               and allowed(principal, Action.SIGNAL_ACKNOWLEDGE))
    can_close = signal.closed_on is None and allowed(principal, Action.SIGNAL_CLOSE)
    return render(request, "signals/detail.html", auth, status, s=signal, can_ack=can_ack,
                  can_close=can_close, errors=errors or {}, form=form or {},
                  outcomes=list(SignalOutcome))


@router.get("/signalen/{key}", response_class=HTMLResponse)
def signal_detail(request: Request, key: SignalKey, auth: PageAuth, uow: Uow) -> HTMLResponse:
    return _detail(request, auth, uow, key)


@router.post("/signalen/{key}/bevestigen", response_class=HTMLResponse)
async def signal_acknowledge(request: Request, key: SignalKey, auth: PageAuth,
                             uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = AcknowledgeIn(action=str(form.get("action", "")))
        signals.acknowledge(uow, auth.principal, key, body.action)
        return f"/signalen/{key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _detail(request, auth, uow, key, status, errors, form)

    return await submit(request, uow, save, again, default_field="action")


@router.post("/signalen/{key}/sluiten", response_class=HTMLResponse)
async def signal_close(request: Request, key: SignalKey, auth: PageAuth,
                       uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = CloseIn(outcome=form.get("outcome") or "")
        signals.close(uow, auth.principal, key, body.outcome)
        return f"/signalen/{key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _detail(request, auth, uow, key, status, errors, form)

    return await submit(request, uow, save, again, default_field="outcome")
