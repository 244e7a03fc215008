"""The three-party workflow on the pages: each party's to-do list (wacht op mij), the matches
(bemiddelingen) it is a party to, one match with its dated steps and the forms for the steps
this party may take now, the regisseur's stalled overview, decline reasons and deadlines
(/weigerredenen) and pauses (/pauzes). Forms validate with the API's input models; every
decision (access, step, input) is the services'."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.domain.enums import SupportIntensity
from woonregie.domain.match import MatchStep
from woonregie.domain.vocabulary import label_of
from woonregie.domain.workflow import (
    DECLINER_OF,
    Decliner,
    DeclineReason,
    LapseState,
    MatchAction,
)
from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.http.workflow_inputs import DeclineReasonIn, LiftIn, MatchActionIn, ProposalIn
from woonregie.services import match_views, matches, pauses, todo, workflow, workflow_config
from woonregie.services.access import Action, require
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.forms import FormError, FormErrors, submit
from woonregie.web.rendering import code, keyset_args, page_number, query_base, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50

MatchKey = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]


@router.get("/wacht-op-mij", response_class=HTMLResponse)
def waiting(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    found = todo.todo(uow, auth.principal)
    return render(request, "workflow/todo.html", auth, todo=found)


def _list(request: Request, auth: Auth, uow: UnitOfWork, stap: str, organisatie: str,
          vastgelopen: bool, na: str, pagina: int, status: int = 200,
          errors: FormErrors | None = None, form: dict[str, Any] | None = None,
          path: str = "/bemiddelingen") -> HTMLResponse:
    step = stap if stap in set(map(str, MatchStep)) else None
    org = code(organisatie)
    result = match_views.list_matches(uow, auth.principal, step=step, organisation=org,
                                      stalled=vastgelopen, **keyset_args(pagina, na, PAGE_SIZE))
    return render(request, "workflow/list.html", auth, status, page=result, stap=step or "",
                  organisatie=org or "", vastgelopen=vastgelopen, pagina=page_number(pagina),
                  size=PAGE_SIZE, steps=list(MatchStep), errors=errors or {}, form=form or {},
                  can_propose=auth.principal.role == "regisseur", path=path,
                  base=query_base(path, stap=step, organisatie=org,
                                  vastgelopen="ja" if vastgelopen and path == "/bemiddelingen"
                                  else None))


@router.get("/bemiddelingen", response_class=HTMLResponse)
def match_list(request: Request, auth: PageAuth, uow: Uow, stap: str = "",
               organisatie: str = "", vastgelopen: str = "", na: str = "",
               pagina: int = 1) -> HTMLResponse:
    return _list(request, auth, uow, stap, organisatie, vastgelopen == "ja", na, pagina)


@router.get("/bemiddelingen/vastgelopen", response_class=HTMLResponse)
def stalled_overview(request: Request, auth: PageAuth, uow: Uow, stap: str = "",
                     organisatie: str = "", na: str = "", pagina: int = 1) -> HTMLResponse:
    """The regisseur's overview of stalled matches in its gemeente."""
    require(auth.principal, Action.WORKFLOW_CONFIG)
    return _list(request, auth, uow, stap, organisatie, True, na, pagina,
                 path="/bemiddelingen/vastgelopen")


@router.post("/bemiddelingen", response_class=HTMLResponse)
async def propose(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = ProposalIn(person=code(form.get("person")) or "",
                          dwelling=code(form.get("dwelling")) or "",
                          reason=str(form.get("reason", "")))
        made = matches.propose_by_hand(uow, auth.principal, body.person, body.dwelling,
                                       body.reason)
        return f"/bemiddelingen/{made.key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _list(request, auth, uow, "", "", False, "", 1, status, errors, form)

    return await submit(request, uow, save, again, default_field="person")


DATES = frozenset({"support_start", "viewing_date", "start", "pause_until"})
VOCABULARY_OF = {"intensity": SupportIntensity, "urgency": LapseState,
                 "declined_by": Decliner}


def shown(key: str, value: str) -> str:
    """A step detail as a person reads it: dates as dd-mm-jjjj, amounts in euro, labels."""
    if key in DATES and value:
        return date.fromisoformat(value).strftime("%d-%m-%Y")
    if key == "rent" and value:
        return "€ " + f"{float(value):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    if key in VOCABULARY_OF:
        return label_of(value, VOCABULARY_OF[key])
    return value


def _detail(request: Request, auth: Auth, uow: UnitOfWork, key: str, status: int = 200,
            errors: FormErrors | None = None, form: dict[str, Any] | None = None,
            ) -> HTMLResponse:
    view = match_views.get_match(uow, auth.principal, key)
    reasons = {a: [r for r in workflow_config.reasons(uow, auth.principal, active_only=True)
                   if r.declined_by in DECLINER_OF[a]] for a in DECLINER_OF}
    return render(request, "workflow/detail.html", auth, status, m=view,
                  errors=errors or {}, form=form or {}, reasons=reasons,
                  today=uow.clock.today(), intensities=list(SupportIntensity), shown=shown)


@router.get("/bemiddelingen/{key}", response_class=HTMLResponse)
def match_detail(request: Request, key: MatchKey, auth: PageAuth, uow: Uow) -> HTMLResponse:
    return _detail(request, auth, uow, key)


def _action_input(form: dict[str, Any]) -> MatchActionIn:
    fields = ("reason_code", "intensity", "team", "support_start", "contact", "viewing_date",
              "rent", "start")
    data: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in fields}
    data = {k: v for k, v in data.items() if v}
    if "rent" in data:
        data["rent"] = data["rent"].replace(".", "").replace(",", ".") \
            if "," in data["rent"] else data["rent"]
    return MatchActionIn(**data, reason=str(form.get("reason", "")),
                         consent=form.get("consent") == "ja")


@router.post("/bemiddelingen/{key}/stap", response_class=HTMLResponse)
async def match_step(request: Request, key: MatchKey, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        try:
            action = MatchAction(str(form.get("actie", "")))
        except ValueError:
            raise FormError("actie", "Kies een handeling.") from None
        workflow.act(uow, auth.principal, key, action, _action_input(form).to_input())
        return f"/bemiddelingen/{key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _detail(request, auth, uow, key, status, errors, form)

    return await submit(request, uow, save, again)


# --- The regisseur's configuration ----------------------------------------------------------


def _reasons_page(request: Request, auth: Auth, uow: UnitOfWork, status: int = 200,
                  errors: FormErrors | None = None,
                  form: dict[str, Any] | None = None) -> HTMLResponse:
    require(auth.principal, Action.WORKFLOW_CONFIG)
    return render(request, "workflow/reasons.html", auth, status,
                  reasons=workflow_config.reasons(uow, auth.principal),
                  deadlines=workflow_config.deadlines(uow, auth.principal),
                  steps=workflow_config.LIVE_STEPS, decliners=list(Decliner),
                  errors=errors or {}, form=form or {})


@router.get("/weigerredenen", response_class=HTMLResponse)
def reasons_page(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    return _reasons_page(request, auth, uow)


@router.post("/weigerredenen", response_class=HTMLResponse)
async def reason_save(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = DeclineReasonIn(
            code=str(form.get("code", "")).strip().lower(), label=str(form.get("label", "")),
            declined_by=form.get("declined_by") or "", pause_days=form.get("pause_days") or 0,
            urgency_lapses=form.get("urgency_lapses") == "ja",
            needs_approval=form.get("needs_approval") == "ja",
            active=form.get("active", "ja") == "ja")
        workflow_config.save_reason(uow, auth.principal, DeclineReason(
            body.code, body.label, body.declined_by, body.pause_days, body.urgency_lapses,
            body.needs_approval, body.active))
        return "/weigerredenen"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _reasons_page(request, auth, uow, status, errors, form)

    return await submit(request, uow, save, again, default_field="code")


@router.post("/weigerredenen/termijnen", response_class=HTMLResponse)
async def deadlines_save(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        days: dict[str, int | None] = {}
        for step in workflow_config.LIVE_STEPS:
            raw = str(form.get(f"days_{step}", "")).strip()
            if raw and not raw.isdigit():
                raise FormError(f"days_{step}", f"{step.label}: vul een aantal dagen in, of "
                                "laat leeg voor geen termijn.")
            days[str(step)] = int(raw) if raw else None
        workflow_config.set_deadlines(uow, auth.principal, days)
        return "/weigerredenen"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _reasons_page(request, auth, uow, status, errors, form)

    return await submit(request, uow, save, again)


def _pauses_page(request: Request, auth: Auth, uow: UnitOfWork, status: int = 200,
                 errors: FormErrors | None = None,
                 form: dict[str, Any] | None = None) -> HTMLResponse:
    return render(request, "workflow/pauses.html", auth, status,
                  items=pauses.open_pauses(uow, auth.principal), errors=errors or {},
                  form=form or {})


@router.get("/pauzes", response_class=HTMLResponse)
def pauses_page(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    return _pauses_page(request, auth, uow)


@router.post("/pauzes/{pause_id}/opheffen", response_class=HTMLResponse)
async def pause_lift(request: Request, pause_id: int, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = LiftIn(reason=str(form.get("reason", "")))
        pauses.lift(uow, auth.principal, pause_id, body.reason)
        return "/pauzes"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _pauses_page(request, auth, uow, status, errors, form)

    return await submit(request, uow, save, again, default_field="reason")


@router.post("/pauzes/{pause_id}/urgentie", response_class=HTMLResponse)
async def pause_urgency(request: Request, pause_id: int, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        decision = str(form.get("besluit", ""))
        if decision not in ("vervallen", "handhaven"):
            raise FormError("besluit", "Kies: urgentie laten vervallen of handhaven.")
        pauses.decide_lapse(uow, auth.principal, pause_id, decision == "vervallen",
                            str(form.get("reason", ""))[:400])
        return "/pauzes"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _pauses_page(request, auth, uow, status, errors, form)

    return await submit(request, uow, save, again, default_field="reason")

