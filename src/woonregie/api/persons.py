"""Persons (personen) in the API: list, register, read in the view the caller's role allows,
edit, status changes with their history, and the legal bases for sharing (grondslagen)."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter

from woonregie.api import schemas as s
from woonregie.api.deps import WRITE_ERRORS, Cursor, Key, Limit, Offset, keyset_page
from woonregie.domain.enums import TargetGroup
from woonregie.domain.model import Person
from woonregie.domain.status import PersonStatus
from woonregie.http.auth import ApiAuth, Uow
from woonregie.http.inputs import ConsentIn, PersonIn, PersonPatch, StatusChangeIn, converted
from woonregie.services import consent, persons
from woonregie.services.access import CorporationCandidateView, RegieView

router = APIRouter(prefix="/persons", tags=["personen"])


def person_out(p: Person, today: date) -> s.PersonOut:
    """The full record; waiting days and rent limit as of `today` (the request's clock)."""
    return s.PersonOut(
        key=p.key, name=p.name, target_group=p.target_group, care_provider=p.care_provider,
        household_size=p.household_size, annual_income=p.annual_income,
        support_intensity=p.support_intensity, support_team=p.support_team, zrm=p.zrm,
        legal_urgency=p.legal_urgency, pension_age=p.pension_age,
        required_features=sorted(p.required_features), allowed_forms=sorted(p.allowed_forms),
        acceptable_areas=list(p.acceptable_areas), preferred_areas=list(p.preferred_areas),
        status=p.status, priority=p.priority, ready_since=p.ready_since,
        waiting_days=p.waiting_days(today), max_rent=p.max_rent(today.year),
    )


def view_out(view: Any, today: date) -> s.PersonOut | s.CandidateOut | s.RegieOut:
    if isinstance(view, Person):
        return person_out(view, today)
    if isinstance(view, CorporationCandidateView):
        return s.CandidateOut.model_validate(view, from_attributes=True)
    assert isinstance(view, RegieView)
    return s.RegieOut.model_validate(view, from_attributes=True)


@router.get("", response_model=s.Page[s.PersonAny], summary="Personen die u mag zien")
def list_persons(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                 status: PersonStatus | None = None,
                 target_group: TargetGroup | None = None,
                 cursor: Cursor = None) -> dict[str, Any]:
    result = persons.list_persons(
        uow, who.principal, status=status, target_group=target_group, limit=limit,
        offset=offset, cursor=cursor,
    )
    today = uow.clock.today()
    return keyset_page([view_out(v, today) for v in result.items], result)


@router.post("", response_model=s.PersonOut, status_code=201, responses=WRITE_ERRORS,
             summary="Cliënt aanmelden")
def create_person(body: PersonIn, who: ApiAuth, uow: Uow) -> s.PersonOut:
    fields = persons.PersonFields(**converted(body.model_dump()))
    return person_out(persons.register_person(uow, who.principal, fields), uow.clock.today())


@router.get("/{key}", response_model=s.PersonAny,
            summary="Eén persoon, in de weergave die uw rol toestaat")
def get_person(key: Key, who: ApiAuth, uow: Uow) -> Any:
    return view_out(persons.get_person(uow, who.principal, key), uow.clock.today())


@router.patch("/{key}", response_model=s.PersonOut, responses=WRITE_ERRORS,
              summary="Gegevens van een cliënt wijzigen")
def update_person(key: Key, body: PersonPatch, who: ApiAuth, uow: Uow) -> s.PersonOut:
    raw = body.model_dump(exclude_unset=True)
    changes = {k: v for k, v in raw.items() if v is not None or k in ("support_team", "zrm")}
    updated = persons.update_person(uow, who.principal, key, converted(changes))
    return person_out(updated, uow.clock.today())


@router.get("/{key}/status-changes", response_model=list[s.StatusChangeOut],
            summary="Statusgeschiedenis")
def status_history(key: Key, who: ApiAuth, uow: Uow) -> list[s.StatusChangeOut]:
    return [
        s.StatusChangeOut(source=t.source, target=t.target, on=t.on, by=t.by, reason=t.reason)
        for t in persons.history(uow, who.principal, key)
    ]


@router.post("/{key}/status-changes", response_model=s.PersonOut, status_code=201,
             responses=WRITE_ERRORS, summary="Status wijzigen")
def change_status(key: Key, body: StatusChangeIn, who: ApiAuth, uow: Uow) -> s.PersonOut:
    moved = persons.change_status(uow, who.principal, key, body.target, body.reason, body.on)
    return person_out(moved, uow.clock.today())


@router.get("/{key}/consents", response_model=list[s.ConsentOut],
            summary="Grondslagen en toestemmingen voor delen")
def list_consents(key: Key, who: ApiAuth, uow: Uow) -> list[s.ConsentOut]:
    return [s.ConsentOut.model_validate(b, from_attributes=True)
            for b in consent.list_bases(uow, who.principal, key)]


@router.post("/{key}/consents", response_model=s.ConsentOut, status_code=201,
             responses=WRITE_ERRORS, summary="Grondslag vastleggen")
def add_consent(key: Key, body: ConsentIn, who: ApiAuth, uow: Uow) -> s.ConsentOut:
    basis = consent.record_basis(uow, who.principal, key, body.purpose, body.party,
                                 str(body.legal_basis), body.valid_from, body.valid_until)
    return s.ConsentOut.model_validate(basis, from_attributes=True)
