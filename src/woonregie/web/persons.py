"""Persons (cliënten) on the pages: the caseworker's list, register and edit form, the detail
page in the view each role is allowed (full, corporation, regie), status moves and the legal
bases for sharing (grondslagen)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.domain.enums import TargetGroup
from woonregie.domain.model import Person
from woonregie.domain.status import ALLOWED, NEEDS_REASON, PersonStatus
from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.http.inputs import ConsentIn, PersonIn, StatusChangeIn, converted
from woonregie.services import consent, persons
from woonregie.services.access import Action, CorporationCandidateView, Forbidden, require
from woonregie.services.consent import LegalBasis
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web import person_form
from woonregie.web.forms import FormErrors, message_of, submit
from woonregie.web.rendering import code, keyset_args, page_number, query_base, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25


@router.get("/clienten", response_class=HTMLResponse)
def clients(request: Request, auth: PageAuth, uow: Uow, status: str = "", groep: str = "",
            zoek: str = "", na: str = "", pagina: int = 1) -> HTMLResponse:
    require(auth.principal, Action.PERSON_CREATE)  # "my clients": the caseworker's page
    status_filter = status if status in set(PersonStatus) else None
    group = groep if groep in set(TargetGroup) else None
    zoek = zoek.strip()[:80]
    result = persons.list_persons(uow, auth.principal, status=status_filter, target_group=group,
                                  search=zoek, **keyset_args(pagina, na, PAGE_SIZE))
    name = "clients/table.html" if request.headers.get("hx-request") else "clients/list.html"
    return render(request, name, auth, page=result, status=status_filter or "",
                  groep=group or "", zoek=zoek, pagina=page_number(pagina), size=PAGE_SIZE,
                  today=uow.clock.today(),
                  base=query_base("/clienten", status=status_filter, groep=group, zoek=zoek))


def _form_page(request: Request, auth: Auth, uow: UnitOfWork, form: dict[str, Any],
               errors: FormErrors, editing: Person | None, status_code: int = 200
               ) -> HTMLResponse:
    return render(request, "clients/form.html", auth, status_code, form=form, errors=errors,
                  editing=editing, **person_form.choices(uow, auth.principal))


def _person_data(form: dict[str, Any]) -> dict[str, Any]:
    """Validate the person form as the API validates its body; the service's fields."""
    return converted(PersonIn.model_validate(person_form.to_input(form)).model_dump())


@router.get("/clienten/nieuw", response_class=HTMLResponse)
def new_client_form(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    require(auth.principal, Action.PERSON_CREATE)
    return _form_page(request, auth, uow, person_form.empty(), {}, None)


@router.post("/clienten/nieuw", response_class=HTMLResponse)
async def new_client(request: Request, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        fields = persons.PersonFields(**_person_data(form))
        return f"/clienten/{persons.register_person(uow, auth.principal, fields).key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _form_page(request, auth, uow, person_form.shown(form), errors, None, status)

    return await submit(request, uow, save, again)


@router.get("/clienten/{key}", response_class=HTMLResponse)
def client_detail(request: Request, key: str, auth: PageAuth, uow: Uow) -> HTMLResponse:
    return _detail(request, key, auth, uow)


def _detail(request: Request, key: str, auth: Auth, uow: UnitOfWork, status_code: int = 200,
            status_error: str = "", consent_errors: FormErrors | None = None
            ) -> HTMLResponse:
    view = persons.get_person(uow, auth.principal, key)
    kind = {Person: "volledig", CorporationCandidateView: "corporatie"}.get(type(view), "regie")
    context: dict[str, Any] = {"view": view, "kind": kind, "today": uow.clock.today(),
                               "status_error": status_error,
                               "consent_errors": consent_errors or {}}
    if isinstance(view, Person):
        context["moves"] = sorted(ALLOWED[view.status])
        context["needs_reason"] = sorted(NEEDS_REASON)
        context["bases"] = consent.list_bases(uow, auth.principal, key)
        context["legal_bases"] = list(LegalBasis)
    return render(request, "clients/detail.html", auth, status_code, **context)


@router.get("/clienten/{key}/bewerken", response_class=HTMLResponse)
def edit_client_form(request: Request, key: str, auth: PageAuth, uow: Uow) -> HTMLResponse:
    require(auth.principal, Action.PERSON_UPDATE)
    view = persons.get_person(uow, auth.principal, key)
    if not isinstance(view, Person):  # other roles never edit
        raise Forbidden()
    return _form_page(request, auth, uow, person_form.of_person(view), {}, view)


@router.post("/clienten/{key}/bewerken", response_class=HTMLResponse)
async def edit_client(request: Request, key: str, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        persons.update_person(uow, auth.principal, key, _person_data(form))
        return f"/clienten/{key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        editing = persons.get_person(uow, auth.principal, key)
        return _form_page(request, auth, uow, person_form.shown(form), errors,
                          editing if isinstance(editing, Person) else None, status)

    return await submit(request, uow, save, again)


@router.post("/clienten/{key}/status", response_class=HTMLResponse)
async def client_status(request: Request, key: str, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = StatusChangeIn.model_validate(
            {"target": form.get("target") or None, "reason": form.get("reason", "")})
        persons.change_status(uow, auth.principal, key, body.target, body.reason)
        return f"/clienten/{key}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _detail(request, key, auth, uow, status, status_error=message_of(errors))

    return await submit(request, uow, save, again)


@router.post("/clienten/{key}/grondslagen", response_class=HTMLResponse)
async def client_consent(request: Request, key: str, auth: PageAuth, uow: Uow) -> Response:
    def save(form: dict[str, Any]) -> str:
        body = ConsentIn.model_validate({
            name: form.get(name) or None
            for name in ("purpose", "legal_basis", "valid_from", "valid_until")}
            | {"party": code(form.get("party"))})  # a picker: the code as typed or chosen
        consent.record_basis(uow, auth.principal, key, body.purpose, body.party,
                             str(body.legal_basis), body.valid_from, body.valid_until)
        return f"/clienten/{key}#grondslagen"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _detail(request, key, auth, uow, status, consent_errors=errors)

    return await submit(request, uow, save, again)
