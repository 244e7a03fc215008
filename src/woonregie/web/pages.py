"""Dutch, server-rendered pages (Jinja2 + htmx). Like the API, routes only translate: the
services decide access (which records, which fields), audit and commit."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from woonregie.api import schemas as s
from woonregie.api.auth import (
    CSRF_FIELD,
    Auth,
    clear_session_cookie,
    get_uow,
    page_auth,
    set_session_cookie,
)
from woonregie.api.errors import LABELS, field_errors
from woonregie.api.routes import converted
from woonregie.api.security_headers import is_https
from woonregie.domain.enums import (
    FEATURES,
    DwellingStatus,
    HousingForm,
    SupportIntensity,
    TargetGroup,
)
from woonregie.domain.errors import DomainError, IllegalTransition
from woonregie.domain.model import Person
from woonregie.domain.status import ALLOWED, NEEDS_REASON
from woonregie.services import accounts, audit, consent, dwellings, persons
from woonregie.services.access import (
    Action,
    CorporationCandidateView,
    Forbidden,
    NotFound,
    Principal,
    Role,
    allowed,
    require,
)
from woonregie.services.consent import ConsentError, LegalBasis
from woonregie.services.persons import FieldError
from woonregie.store.unit_of_work import UnitOfWork

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["zip_self"] = lambda items: [(str(x), str(x)) for x in items]
templates.env.filters["zip_with"] = lambda codes, names: list(zip(codes, names, strict=True))
router = APIRouter(include_in_schema=False)

LOGIN_CSRF_COOKIE = "woonregie_login_csrf"

NAV: list[tuple[str, str, Action]] = [
    ("Mijn cliënten", "/clienten", Action.PERSON_CREATE),
    ("Kandidaten", "/kandidaten", Action.DWELLING_CREATE),
    ("Woningen", "/woningen", Action.DWELLING_LIST),
    ("Regio", "/regio", Action.REGION_OVERVIEW),
    ("Matchingsrondes", "/matchingsrondes", Action.MATCH_READ),
    ("Afspraken", "/afspraken", Action.AGREEMENT_READ),
    ("Auditlog", "/audit", Action.AUDIT_READ),
    ("Gebruikers", "/beheer/gebruikers", Action.USER_ADMIN),
]
"""Menu entries, shown when the policy allows their action (the policy decides, not templates)."""

HOME: dict[Role, str] = {
    Role.TRAJECTBEGELEIDER: "/clienten",
    Role.VERHUURMAKELAAR: "/woningen",
    Role.REGISSEUR: "/regio",
    Role.AUDITOR: "/audit",
    Role.ADMIN: "/beheer/gebruikers",
}

STATUS_LABELS = {
    "aangemeld": "Aangemeld", "in_voorbereiding": "In voorbereiding",
    "uitstroomklaar": "Uitstroomklaar", "voorgedragen": "Voorgedragen",
    "gehuisvest": "Gehuisvest", "nazorg": "Nazorg", "afgesloten": "Afgesloten",
    "teruggevallen": "Teruggevallen", "uitgeschreven": "Uitgeschreven",
}
DWELLING_STATUS_LABELS = {
    "vrij": "Vrij", "verhuurd": "Verhuurd", "niet_beschikbaar": "Niet beschikbaar",
}


def render(request: Request, name: str, auth: Auth | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    principal = auth.principal if auth else None
    nav = [(label, url) for label, url, action in NAV
           if principal is not None and allowed(principal, action)]
    return templates.TemplateResponse(
        request, name,
        {"principal": principal, "csrf": auth.session.csrf_token if auth and auth.session
         else "", "nav": nav, "path": request.url.path, "labels": LABELS,
         "status_labels": STATUS_LABELS, "dwelling_labels": DWELLING_STATUS_LABELS,
         **context},
        status_code=status_code,
    )


def html_error(request: Request, status: int, message: str) -> Response:
    """Error page for page routes (used by the app's exception handlers)."""
    titles = {403: "Geen toegang", 404: "Niet gevonden", 409: "Intussen gewijzigd"}
    return templates.TemplateResponse(
        request, "error.html",
        {"principal": None, "csrf": "", "nav": [], "path": request.url.path,
         "title": titles.get(status, "Fout"), "message": message, "status": status},
        status_code=status,
    )


async def form_of(request: Request) -> dict[str, Any]:
    """Form fields; repeated names (checkboxes) become lists."""
    form = await request.form()
    out: dict[str, Any] = {}
    for name in form:
        values = [v for v in form.getlist(name) if isinstance(v, str)]
        out[name] = values if len(values) > 1 else (values[0] if values else "")
    return out


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return run_in_threadpool(fn, *args, **kwargs)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


# --- Login -----------------------------------------------------------------------------------


def _login_page(request: Request, status_code: int = 200, error: str = "",
                username: str = "") -> HTMLResponse:
    """The login form with a fresh login CSRF token, also set as a cookie (double submit:
    there is no session yet to hold it)."""
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", None, status_code, login_csrf=token, error=error,
                      username=username)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=is_https(request.scope), path="/login")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _login_page(request)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request, uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)
    username = str(form.get("username", ""))[:64]
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    sent = str(form.get(CSRF_FIELD, ""))
    address = request.client.host if request.client else "onbekend"
    error = ""
    if not cookie or not secrets.compare_digest(cookie, sent):
        error = "Het formulier is verlopen. Probeer het opnieuw."
    else:
        try:
            principal = await call(accounts.authenticate, uow, username,
                                   str(form.get("password", "")), address)
        except accounts.AccountError as exc:
            error = str(exc)
    if error:
        return _login_page(request, 400, error, username)
    session = await call(_start, uow, principal)
    response = redirect(HOME[principal.role])
    set_session_cookie(response, request, session.token)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


def _start(uow: UnitOfWork, principal: Principal) -> accounts.WebSession:
    session = accounts.start_session(uow, principal)
    uow.commit()
    return session


@router.post("/logout")
async def logout(request: Request, auth: Auth = Depends(page_auth),
                 uow: UnitOfWork = Depends(get_uow)) -> Response:
    assert auth.session is not None

    def end() -> None:
        accounts.end_session(uow, auth.session.token)  # type: ignore[union-attr]
        uow.commit()

    await call(end)
    response = redirect("/login")
    clear_session_cookie(response)
    return response


@router.get("/")
def home(auth: Auth = Depends(page_auth)) -> Response:
    return redirect(HOME[auth.principal.role])


# --- Clients (caseworker) --------------------------------------------------------------------


@router.get("/clienten", response_class=HTMLResponse)
def clients(request: Request, auth: Auth = Depends(page_auth),
            uow: UnitOfWork = Depends(get_uow), status: str = "",
            pagina: int = 1) -> HTMLResponse:
    require(auth.principal, Action.PERSON_CREATE)  # "my clients": the caseworker's page
    status_filter = status if status in STATUS_LABELS else None
    pagina = max(1, min(pagina, 100_000))
    result = persons.list_persons(uow, auth.principal, status=status_filter, limit=25,
                                  offset=(pagina - 1) * 25)
    name = "clients/table.html" if request.headers.get("hx-request") else "clients/list.html"
    return render(request, name, auth, page=result, status=status_filter or "",
                  pagina=pagina, today=date.today())


@router.get("/kandidaten", response_class=HTMLResponse)
def candidates(request: Request, auth: Auth = Depends(page_auth),
               uow: UnitOfWork = Depends(get_uow)) -> HTMLResponse:
    require(auth.principal, Action.DWELLING_CREATE)  # the corporation's page
    result = persons.list_persons(uow, auth.principal, limit=100)
    return render(request, "candidates.html", auth, page=result)


def _empty_form() -> dict[str, Any]:
    return {"name": "", "target_group": "", "household_size": "1", "annual_income": "",
            "support_intensity": "geen", "support_team": "", "legal_urgency": False,
            "pension_age": False, "required_features": [], "allowed_forms": [],
            "acceptable_areas": "", "preferred_areas": ""}


def _as_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    return value if isinstance(value, list) else [value]


def _person_input(form: dict[str, Any]) -> dict[str, Any]:
    """Form strings → the API's input shape (so pages and API validate alike)."""
    income = str(form.get("annual_income", "")).strip().replace(" ", "")
    if "," in income and "." not in income:
        income = income.replace(",", ".")

    def areas(name: str) -> list[str]:
        return [a.strip() for a in str(form.get(name, "")).split(",") if a.strip()]

    data = {
        "name": str(form.get("name", "")),
        "target_group": form.get("target_group") or None,
        "household_size": str(form.get("household_size", "")).strip() or None,
        "annual_income": income or None,
        "support_intensity": form.get("support_intensity") or "geen",
        "support_team": form.get("support_team") or None,
        "legal_urgency": form.get("legal_urgency") == "ja",
        "pension_age": form.get("pension_age") == "ja",
        "required_features": _as_list(form.get("required_features")),
        "allowed_forms": _as_list(form.get("allowed_forms")),
        "acceptable_areas": areas("acceptable_areas"),
        "preferred_areas": areas("preferred_areas"),
    }
    return {k: v for k, v in data.items() if v is not None}  # empty → "is verplicht"


def _form_context(uow: UnitOfWork, principal: Principal) -> dict[str, Any]:
    return {
        "groups": list(TargetGroup), "intensities": list(SupportIntensity),
        "features": FEATURES, "forms": list(HousingForm),
        "teams": [t for t in uow.teams.list() if t.organisation == principal.organisation],
    }


def _form_from_person(p: Person) -> dict[str, Any]:
    return {
        "name": p.name, "target_group": str(p.target_group),
        "household_size": str(p.household_size), "annual_income": f"{p.annual_income:.0f}",
        "support_intensity": str(p.support_intensity), "support_team": p.support_team or "",
        "legal_urgency": p.legal_urgency, "pension_age": p.pension_age,
        "required_features": sorted(p.required_features),
        "allowed_forms": sorted(str(f) for f in p.allowed_forms),
        "acceptable_areas": ", ".join(p.acceptable_areas),
        "preferred_areas": ", ".join(p.preferred_areas),
    }


def _named_error(exc: DomainError, default: str) -> dict[str, str]:
    """{field: Dutch message} for a service error that names its field (FieldError,
    ConsentError), as the form shows it beside that field."""
    field = getattr(exc, "field", default)
    return {field: f"{LABELS.get(field, field)}: {str(exc).split(': ', 1)[-1]}"}


def _validated_person(form: dict[str, Any],
                      save: Callable[[dict[str, Any]], Any]) -> tuple[Any, dict[str, str]]:
    """Validate the person form as the API validates its body, then `save` the converted
    fields: (what save returned, {}) or (None, {field: Dutch message})."""
    try:
        body = s.PersonIn.model_validate(_person_input(form))
        return save(converted(body.model_dump())), {}
    except ValidationError as exc:
        return None, field_errors(exc)
    except FieldError as exc:
        return None, _named_error(exc, "invoer")


def _checked_form(form: dict[str, Any]) -> dict[str, Any]:
    shown = dict(form)
    shown["legal_urgency"] = form.get("legal_urgency") == "ja"
    shown["pension_age"] = form.get("pension_age") == "ja"
    shown["required_features"] = _as_list(form.get("required_features"))
    shown["allowed_forms"] = _as_list(form.get("allowed_forms"))
    return shown


@router.get("/clienten/nieuw", response_class=HTMLResponse)
def new_client_form(request: Request, auth: Auth = Depends(page_auth),
                    uow: UnitOfWork = Depends(get_uow)) -> HTMLResponse:
    require(auth.principal, Action.PERSON_CREATE)
    return render(request, "clients/form.html", auth, form=_empty_form(), errors={},
                  editing=None, **_form_context(uow, auth.principal))


@router.post("/clienten/nieuw", response_class=HTMLResponse)
async def new_client(request: Request, auth: Auth = Depends(page_auth),
                     uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)

    def work() -> Response:
        person, errors = _validated_person(form, lambda data: persons.register_person(
            uow, auth.principal, persons.PersonFields(**data)))
        if not errors:
            return redirect(f"/clienten/{person.key}")
        uow.rollback()
        return render(request, "clients/form.html", auth, 422, form=_checked_form(form),
                      errors=errors, editing=None, **_form_context(uow, auth.principal))

    return await call(work)


@router.get("/clienten/{key}", response_class=HTMLResponse)
def client_detail(request: Request, key: str, auth: Auth = Depends(page_auth),
                  uow: UnitOfWork = Depends(get_uow)) -> HTMLResponse:
    return _detail(request, key, auth, uow)


def _detail(request: Request, key: str, auth: Auth, uow: UnitOfWork, status_code: int = 200,
            status_error: str = "", consent_errors: dict[str, str] | None = None
            ) -> HTMLResponse:
    view = persons.get_person(uow, auth.principal, key)
    kind = {Person: "volledig", CorporationCandidateView: "corporatie"}.get(type(view), "regie")
    context: dict[str, Any] = {"view": view, "kind": kind, "today": date.today(),
                               "status_error": status_error,
                               "consent_errors": consent_errors or {}}
    if isinstance(view, Person):
        context["moves"] = sorted(ALLOWED[view.status])
        context["needs_reason"] = sorted(NEEDS_REASON)
        context["bases"] = consent.list_bases(uow, auth.principal, key)
        context["parties"] = [o for o in uow.organisations.list()
                              if o.kind in ("woningcorporatie", "gemeente")]
        context["legal_bases"] = list(LegalBasis)
    return render(request, "clients/detail.html", auth, status_code, **context)


@router.get("/clienten/{key}/bewerken", response_class=HTMLResponse)
def edit_client_form(request: Request, key: str, auth: Auth = Depends(page_auth),
                     uow: UnitOfWork = Depends(get_uow)) -> HTMLResponse:
    require(auth.principal, Action.PERSON_UPDATE)
    view = persons.get_person(uow, auth.principal, key)
    if not isinstance(view, Person):  # other roles never edit
        raise Forbidden()
    return render(request, "clients/form.html", auth, form=_form_from_person(view), errors={},
                  editing=view, **_form_context(uow, auth.principal))


@router.post("/clienten/{key}/bewerken", response_class=HTMLResponse)
async def edit_client(request: Request, key: str, auth: Auth = Depends(page_auth),
                      uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)

    def work() -> Response:
        _, errors = _validated_person(form, lambda data: persons.update_person(
            uow, auth.principal, key, data))
        if not errors:
            return redirect(f"/clienten/{key}")
        uow.rollback()
        editing = persons.get_person(uow, auth.principal, key)
        return render(request, "clients/form.html", auth, 422, form=_checked_form(form),
                      errors=errors, editing=editing, **_form_context(uow, auth.principal))

    return await call(work)


@router.post("/clienten/{key}/status", response_class=HTMLResponse)
async def client_status(request: Request, key: str, auth: Auth = Depends(page_auth),
                        uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)

    def work() -> Response:
        try:
            body = s.StatusChangeIn.model_validate(
                {"target": form.get("target") or None, "reason": form.get("reason", "")}
            )
            persons.change_status(uow, auth.principal, key, body.target, body.reason)
        except ValidationError as exc:
            message = "; ".join(field_errors(exc).values())
        except IllegalTransition as exc:
            message = str(exc)
        else:
            return redirect(f"/clienten/{key}")
        uow.rollback()
        return _detail(request, key, auth, uow, 422, status_error=message)

    return await call(work)


@router.post("/clienten/{key}/grondslagen", response_class=HTMLResponse)
async def client_consent(request: Request, key: str, auth: Auth = Depends(page_auth),
                         uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)

    def work() -> Response:
        try:
            body = s.ConsentIn.model_validate({
                "purpose": form.get("purpose") or None, "party": form.get("party") or None,
                "legal_basis": form.get("legal_basis") or None,
                "valid_from": form.get("valid_from") or None,
                "valid_until": form.get("valid_until") or None,
            })
            consent.record_basis(uow, auth.principal, key, body.purpose, body.party,
                                 str(body.legal_basis), body.valid_from, body.valid_until)
        except ValidationError as exc:
            errors = field_errors(exc)
        except ConsentError as exc:
            errors = _named_error(exc, "invoer")
        else:
            return redirect(f"/clienten/{key}#grondslagen")
        uow.rollback()
        return _detail(request, key, auth, uow, 422, consent_errors=errors)

    return await call(work)


# --- Dwellings (corporation, regisseur) ------------------------------------------------------


@router.get("/woningen", response_class=HTMLResponse)
def dwelling_list(request: Request, auth: Auth = Depends(page_auth),
                  uow: UnitOfWork = Depends(get_uow), status: str = "",
                  pagina: int = 1) -> HTMLResponse:
    status_filter = status if status in set(DwellingStatus) else None
    pagina = max(1, min(pagina, 100_000))
    result = dwellings.list_dwellings(uow, auth.principal, status=status_filter, limit=50,
                                      offset=(pagina - 1) * 50)
    complexes = dwellings.list_complexes(uow, auth.principal)
    return render(request, "dwellings/list.html", auth, page=result, complexes=complexes,
                  status=status_filter or "", statuses=list(DwellingStatus), pagina=pagina,
                  can_create=allowed(auth.principal, Action.DWELLING_CREATE))


def _dwelling_context(uow: UnitOfWork, principal: Principal) -> dict[str, Any]:
    return {
        "buurten": [a for a in uow.areas.list() if a.level == "buurt"],
        "complexes": dwellings.list_complexes(uow, principal),
        "forms": list(HousingForm), "features": FEATURES,
    }


@router.get("/woningen/nieuw", response_class=HTMLResponse)
def new_dwelling_form(request: Request, auth: Auth = Depends(page_auth),
                      uow: UnitOfWork = Depends(get_uow)) -> HTMLResponse:
    require(auth.principal, Action.DWELLING_CREATE)
    form = {"buurt": "", "address": "", "rent": "", "rooms": "1", "housing_form": "zelfstandig",
            "min_household": "1", "max_household": "4", "features": [], "complex": "",
            "available_from": ""}
    return render(request, "dwellings/form.html", auth, form=form, errors={},
                  **_dwelling_context(uow, auth.principal))


@router.post("/woningen/nieuw", response_class=HTMLResponse)
async def new_dwelling(request: Request, auth: Auth = Depends(page_auth),
                       uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)

    def work() -> Response:
        rent = str(form.get("rent", "")).strip()
        if "," in rent and "." not in rent:
            rent = rent.replace(",", ".")
        data = {
            "buurt": form.get("buurt") or None, "address": form.get("address", ""),
            "rent": rent or None, "rooms": form.get("rooms") or None,
            "housing_form": form.get("housing_form") or "zelfstandig",
            "min_household": form.get("min_household") or 1,
            "max_household": form.get("max_household") or 20,
            "features": _as_list(form.get("features")),
            "complex": form.get("complex") or None,
            "available_from": form.get("available_from") or None,
        }
        data = {k: v for k, v in data.items() if v is not None}  # empty → "is verplicht"
        try:
            body = s.DwellingIn.model_validate(data)
            values = body.model_dump()
            values["features"] = frozenset(values["features"])
            dwellings.register_vacancy(uow, auth.principal, **values)
        except ValidationError as exc:
            errors = field_errors(exc)
        except (Forbidden, NotFound):
            raise
        except (FieldError, DomainError) as exc:
            errors = _named_error(exc, "rent")
        else:
            return redirect("/woningen")
        uow.rollback()
        shown = dict(form)
        shown["features"] = _as_list(form.get("features"))
        return render(request, "dwellings/form.html", auth, 422, form=shown, errors=errors,
                      **_dwelling_context(uow, auth.principal))

    return await call(work)


# --- Regie, agreements, audit, users ---------------------------------------------------------


@router.get("/regio", response_class=HTMLResponse)
def region(request: Request, auth: Auth = Depends(page_auth),
           uow: UnitOfWork = Depends(get_uow), status: str = "uitstroomklaar",
           pagina: int = 1) -> HTMLResponse:
    grid = dwellings.overview(uow, auth.principal)
    status_filter = status if status in STATUS_LABELS else None
    pagina = max(1, min(pagina, 100_000))
    people = (persons.list_persons(uow, auth.principal, status=status_filter, limit=50,
                                   offset=(pagina - 1) * 50)
              if allowed(auth.principal, Action.PERSON_LIST) else None)
    return render(request, "regio.html", auth, overview=grid.to_json(), people=people,
                  status=status_filter or "", pagina=pagina)


@router.get("/afspraken", response_class=HTMLResponse)
def agreements(request: Request, auth: Auth = Depends(page_auth),
               uow: UnitOfWork = Depends(get_uow)) -> HTMLResponse:
    items = dwellings.list_agreements(uow, auth.principal)
    return render(request, "agreements.html", auth, agreements=items)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, auth: Auth = Depends(page_auth),
               uow: UnitOfWork = Depends(get_uow), sleutel: str = "", gebruiker: str = "",
               pagina: int = 1) -> HTMLResponse:
    pagina = max(1, min(pagina, 100_000))
    entries, total = audit.browse(uow, auth.principal, limit=50, offset=(pagina - 1) * 50,
                                  entity_key=sleutel[:64] or None,
                                  actor=gebruiker[:64] or None)
    check = audit.verify(uow)
    return render(request, "audit.html", auth, entries=entries, total=total, pagina=pagina,
                  sleutel=sleutel, gebruiker=gebruiker, check=check)


@router.get("/audit/export")
def audit_export(auth: Auth = Depends(page_auth),
                 uow: UnitOfWork = Depends(get_uow)) -> Response:
    lines = [json.dumps(e, ensure_ascii=False) + "\n" for e in audit.export(uow, auth.principal)]
    return StreamingResponse(iter(lines), media_type="application/x-ndjson", headers={
        "Content-Disposition": 'attachment; filename="auditlog.jsonl"'})


@router.get("/beheer/gebruikers", response_class=HTMLResponse)
def users_page(request: Request, auth: Auth = Depends(page_auth),
               uow: UnitOfWork = Depends(get_uow)) -> HTMLResponse:
    return _users(request, auth, uow)


def _users(request: Request, auth: Auth, uow: UnitOfWork, status_code: int = 200,
           error: str = "", form: dict[str, Any] | None = None) -> HTMLResponse:
    users = accounts.admin_list_users(uow, auth.principal)
    return render(request, "users.html", auth, status_code, users=users, error=error,
                  form=form or {}, roles=list(Role), organisations=uow.organisations.list())


@router.post("/beheer/gebruikers", response_class=HTMLResponse)
async def add_user(request: Request, auth: Auth = Depends(page_auth),
                   uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)

    def work() -> Response:
        try:
            accounts.admin_add_user(
                uow, auth.principal, str(form.get("username", "")),
                str(form.get("password", "")), str(form.get("role", "")),
                str(form.get("organisation", "")), str(form.get("display_name", ""))[:160],
            )
        except accounts.AccountError as exc:
            uow.rollback()
            shown = {k: v for k, v in form.items() if k != "password"}
            return _users(request, auth, uow, 422, str(exc), shown)
        return redirect("/beheer/gebruikers")

    return await call(work)


@router.post("/beheer/gebruikers/{username}/blokkeren", response_class=HTMLResponse)
async def block_user(request: Request, username: str, auth: Auth = Depends(page_auth),
                     uow: UnitOfWork = Depends(get_uow)) -> Response:
    form = await form_of(request)

    def work() -> Response:
        try:
            accounts.admin_set_active(uow, auth.principal, username,
                                      form.get("actief") == "ja")
        except accounts.AccountError as exc:
            uow.rollback()
            return _users(request, auth, uow, 422, str(exc))
        return redirect("/beheer/gebruikers")

    return await call(work)
