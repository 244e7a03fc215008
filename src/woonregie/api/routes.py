"""The JSON API under /api/v1. Routes only translate: HTTP in, a service call, HTTP out.
Access, audit and transactions are the services' business."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from woonregie.api import schemas as s
from woonregie.api.auth import Auth, api_auth, get_uow
from woonregie.domain.enums import AreaLevel, DwellingStatus, HousingForm, OrgKind, TargetGroup
from woonregie.domain.model import Person
from woonregie.domain.status import PersonStatus
from woonregie.services import audit, consent, dwellings, persons, round_reports
from woonregie.services.access import CorporationCandidateView, RegieView
from woonregie.store.unit_of_work import UnitOfWork

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": s.ErrorOut, "description": "Niet ingelogd of ongeldig token"},
    403: {"model": s.ErrorOut, "description": "Geen toegang voor deze rol"},
    404: {"model": s.ErrorOut, "description": "Niet gevonden (of niet van u)"},
    422: {"model": s.ValidationErrorOut, "description": "Ongeldige invoer"},
}
WRITE_ERRORS = ERRORS | {409: {"model": s.ErrorOut, "description": "Intussen gewijzigd"}}

router = APIRouter(prefix="/api/v1", responses=ERRORS)

Uow = Annotated[UnitOfWork, Depends(get_uow)]
Who = Annotated[Auth, Depends(api_auth)]
Limit = Annotated[int, Query(ge=1, le=500, description="Aantal per pagina")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Aantal over te slaan")]
Cursor = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]*$",
                                     description="Waarde van `next` van de vorige pagina")]
Key = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]
Code = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]


# --- Conversion ------------------------------------------------------------------------------


def person_out(p: Person) -> s.PersonOut:
    today = date.today()
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


def view_out(view: Any) -> s.PersonOut | s.CandidateOut | s.RegieOut:
    if isinstance(view, Person):
        return person_out(view)
    if isinstance(view, CorporationCandidateView):
        return s.CandidateOut.model_validate(view, from_attributes=True)
    assert isinstance(view, RegieView)
    return s.RegieOut.model_validate(view, from_attributes=True)


def fields_of(body: s.PersonIn) -> persons.PersonFields:
    return persons.PersonFields(**converted(body.model_dump()))


def converted(data: dict[str, Any]) -> dict[str, Any]:
    """Pydantic lists → the domain's frozensets and tuples."""
    out = dict(data)
    for name in ("required_features", "allowed_forms"):
        if out.get(name) is not None:
            out[name] = frozenset(out[name])
    for name in ("acceptable_areas", "preferred_areas"):
        if out.get(name) is not None:
            out[name] = tuple(out[name])
    return out


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"items": items[offset: offset + limit], "total": len(items), "limit": limit,
            "offset": offset}


def page_out(items: list[Any], result: persons.Page) -> dict[str, Any]:
    """A service page as the API's Page: total (capped), and the cursor of the next page."""
    return {"items": items, "total": result.total, "limit": result.limit,
            "offset": result.offset, "next": result.next, "total_exact": result.total_exact}


# --- Who am I --------------------------------------------------------------------------------


@router.get("/me", response_model=s.MeOut, tags=["account"], summary="De ingelogde gebruiker")
def me(who: Who) -> s.MeOut:
    p = who.principal
    return s.MeOut(username=p.username, role=str(p.role), organisation=p.organisation,
                   organisation_kind=p.org_kind)


# --- Persons ---------------------------------------------------------------------------------


@router.get("/persons", response_model=s.Page[s.PersonAny], tags=["personen"],
            summary="Personen die u mag zien")
def list_persons(who: Who, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                 status: PersonStatus | None = None,
                 target_group: TargetGroup | None = None,
                 cursor: Cursor = None) -> dict[str, Any]:
    result = persons.list_persons(
        uow, who.principal, status=status, target_group=target_group, limit=limit,
        offset=offset, cursor=cursor,
    )
    return page_out([view_out(v) for v in result.items], result)


@router.post("/persons", response_model=s.PersonOut, status_code=201, tags=["personen"],
             responses=WRITE_ERRORS, summary="Cliënt aanmelden")
def create_person(body: s.PersonIn, who: Who, uow: Uow) -> s.PersonOut:
    return person_out(persons.register_person(uow, who.principal, fields_of(body)))


@router.get("/persons/{key}", response_model=s.PersonAny, tags=["personen"],
            summary="Eén persoon, in de weergave die uw rol toestaat")
def get_person(key: Key, who: Who, uow: Uow) -> Any:
    return view_out(persons.get_person(uow, who.principal, key))


@router.patch("/persons/{key}", response_model=s.PersonOut, tags=["personen"],
              responses=WRITE_ERRORS, summary="Gegevens van een cliënt wijzigen")
def update_person(key: Key, body: s.PersonPatch, who: Who, uow: Uow) -> s.PersonOut:
    raw = body.model_dump(exclude_unset=True)
    changes = {k: v for k, v in raw.items() if v is not None or k in ("support_team", "zrm")}
    updated = persons.update_person(uow, who.principal, key, converted(changes))
    return person_out(updated)


@router.get("/persons/{key}/status-changes", response_model=list[s.StatusChangeOut],
            tags=["personen"], summary="Statusgeschiedenis")
def status_history(key: Key, who: Who, uow: Uow) -> list[s.StatusChangeOut]:
    return [
        s.StatusChangeOut(source=t.source, target=t.target, on=t.on, by=t.by, reason=t.reason)
        for t in persons.history(uow, who.principal, key)
    ]


@router.post("/persons/{key}/status-changes", response_model=s.PersonOut, status_code=201,
             tags=["personen"], responses=WRITE_ERRORS, summary="Status wijzigen")
def change_status(key: Key, body: s.StatusChangeIn, who: Who, uow: Uow) -> s.PersonOut:
    moved = persons.change_status(uow, who.principal, key, body.target, body.reason, body.on)
    return person_out(moved)


@router.get("/persons/{key}/consents", response_model=list[s.ConsentOut], tags=["personen"],
            summary="Grondslagen en toestemmingen voor delen")
def list_consents(key: Key, who: Who, uow: Uow) -> list[s.ConsentOut]:
    return [s.ConsentOut.model_validate(b, from_attributes=True)
            for b in consent.list_bases(uow, who.principal, key)]


@router.post("/persons/{key}/consents", response_model=s.ConsentOut, status_code=201,
             tags=["personen"], responses=WRITE_ERRORS, summary="Grondslag vastleggen")
def add_consent(key: Key, body: s.ConsentIn, who: Who, uow: Uow) -> s.ConsentOut:
    basis = consent.record_basis(uow, who.principal, key, body.purpose, body.party,
                                 str(body.legal_basis), body.valid_from, body.valid_until)
    return s.ConsentOut.model_validate(basis, from_attributes=True)


# --- Dwellings and reference data ------------------------------------------------------------


@router.get("/dwellings", response_model=s.Page[s.DwellingOut], tags=["woningen"],
            summary="Woningen (een corporatie ziet alleen haar eigen)")
def list_dwellings(who: Who, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                   status: DwellingStatus | None = None,
                   housing_form: HousingForm | None = None,
                   corporation: Annotated[str | None, Query(max_length=32)] = None,
                   cursor: Cursor = None) -> dict[str, Any]:
    result = dwellings.list_dwellings(uow, who.principal, status=status,
                                      housing_form=housing_form, corporation=corporation,
                                      limit=limit, offset=offset, cursor=cursor)
    return page_out([s.DwellingOut.model_validate(d, from_attributes=True)
                     for d in result.items], result)


@router.post("/dwellings", response_model=s.DwellingOut, status_code=201, tags=["woningen"],
             responses=WRITE_ERRORS, summary="Vrijkomende woning aanmelden")
def create_dwelling(body: s.DwellingIn, who: Who, uow: Uow) -> s.DwellingOut:
    data = body.model_dump()
    data["features"] = frozenset(data["features"])
    made = dwellings.register_vacancy(uow, who.principal, **data)
    return s.DwellingOut.model_validate(made, from_attributes=True)


@router.get("/dwellings/{code}", response_model=s.DwellingOut, tags=["woningen"],
            summary="Eén woning")
def get_dwelling(code: Code, who: Who, uow: Uow) -> s.DwellingOut:
    found = dwellings.get_dwelling(uow, who.principal, code)
    return s.DwellingOut.model_validate(found, from_attributes=True)


@router.get("/complexes", response_model=s.Page[s.ComplexOut], tags=["woningen"],
            summary="Complexen")
def list_complexes(who: Who, uow: Uow, limit: Limit = 50, offset: Offset = 0) -> dict:
    items = [s.ComplexOut.model_validate(c, from_attributes=True)
             for c in dwellings.list_complexes(uow, who.principal)]
    return page(items, limit, offset)


@router.get("/areas", response_model=s.Page[s.AreaOut], tags=["gebieden"], summary="Gebieden")
def list_areas(who: Who, uow: Uow, limit: Limit = 50, offset: Offset = 0,
               level: AreaLevel | None = None,
               parent: Annotated[str | None, Query(max_length=16)] = None) -> dict:
    items = [s.AreaOut.model_validate(a, from_attributes=True)
             for a in dwellings.list_areas(uow, who.principal, level=level, parent=parent)]
    return page(items, limit, offset)


@router.get("/areas/{code}", response_model=s.AreaOut, tags=["gebieden"], summary="Eén gebied")
def get_area(code: Code, who: Who, uow: Uow) -> s.AreaOut:
    return s.AreaOut.model_validate(dwellings.get_area(uow, who.principal, code),
                                    from_attributes=True)


@router.get("/organisations", response_model=s.Page[s.OrganisationOut],
            tags=["organisaties"], summary="Organisaties")
def list_organisations(who: Who, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                       kind: OrgKind | None = None) -> dict:
    items = [s.OrganisationOut.model_validate(o, from_attributes=True)
             for o in dwellings.list_organisations(uow, who.principal, kind=kind)]
    return page(items, limit, offset)


@router.get("/organisations/{code}", response_model=s.OrganisationOut, tags=["organisaties"],
            summary="Eén organisatie")
def get_organisation(code: Code, who: Who, uow: Uow) -> s.OrganisationOut:
    return s.OrganisationOut.model_validate(
        dwellings.get_organisation(uow, who.principal, code), from_attributes=True
    )


@router.get("/agreements", response_model=s.Page[s.AgreementOut], tags=["afspraken"],
            summary="Contingentafspraken")
def list_agreements(who: Who, uow: Uow, limit: Limit = 50, offset: Offset = 0,
                    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                    target_group: TargetGroup | None = None) -> dict:
    items = [s.AgreementOut.model_validate(a, from_attributes=True)
             for a in dwellings.list_agreements(uow, who.principal, year=year,
                                                target_group=target_group)]
    return page(items, limit, offset)


@router.get("/overview", response_model=s.OverviewOut, tags=["regie"],
            summary="Aantallen per doelgroep/woonvorm en status")
def overview(who: Who, uow: Uow) -> dict:
    return dwellings.overview(uow, who.principal).to_json()


# --- Matching rounds (regisseur) ------------------------------------------------------------

RoundId = Annotated[int, Path(ge=1, le=2_147_483_647, description="Nummer van de ronde")]
UnhousedCode = Annotated[str | None, Query(max_length=64, pattern=r"^[a-z_]+$",
                                           description="Alleen niet-gehuisveste personen "
                                           "met deze code, bijv. team_vol")]


def round_detail_out(detail: round_reports.RoundDetail) -> s.RoundDetailOut:
    return s.RoundDetailOut.model_validate(detail, from_attributes=True)


@router.get("/match-rounds", response_model=s.Page[s.RoundOut], tags=["matching"],
            summary="Opgeslagen matchingsrondes, nieuwste eerst")
def list_match_rounds(who: Who, uow: Uow, limit: Limit = 50, offset: Offset = 0) -> dict:
    items, total = round_reports.list_rounds(uow, who.principal, limit=limit, offset=offset)
    return {"items": [s.RoundOut.model_validate(r, from_attributes=True) for r in items],
            "total": total, "limit": limit, "offset": offset}


@router.get("/match-rounds/{round_id}", response_model=s.RoundDetailOut, tags=["matching"],
            summary="Eén ronde: voordrachten en wie niet gehuisvest is, met redenen")
def get_match_round(round_id: RoundId, who: Who, uow: Uow,
                    code: UnhousedCode = None) -> s.RoundDetailOut:
    return round_detail_out(round_reports.get_round(uow, who.principal, round_id, code))


@router.post("/match-rounds", response_model=s.RoundDetailOut, status_code=201,
             tags=["matching"], summary="Ronde draaien (of een proefronde)",
             responses=WRITE_ERRORS | {200: {"model": s.RoundDetailOut,
                                             "description": "Proefronde: niets opgeslagen"}})
def run_match_round(body: s.RoundIn, who: Who, uow: Uow,
                    response: Response) -> s.RoundDetailOut:
    detail = round_reports.start_round(uow, who.principal, policy=body.policy,
                                       dry_run=body.dry_run)
    if body.dry_run:
        response.status_code = 200
    return round_detail_out(detail)


# --- Audit -----------------------------------------------------------------------------------


@router.get("/audit", response_model=s.Page[s.AuditEntryOut], tags=["audit"],
            summary="Auditlog (alleen auditor), nieuwste eerst")
def audit_log(who: Who, uow: Uow, limit: Limit = 50, offset: Offset = 0,
              actor: Annotated[str | None, Query(max_length=64)] = None,
              entity_key: Annotated[str | None, Query(max_length=64)] = None,
              action: Annotated[str | None, Query(max_length=32)] = None) -> dict:
    entries, total = audit.browse(uow, who.principal, limit=limit, offset=offset, actor=actor,
                                  entity_key=entity_key, action=action)
    return {"items": [s.AuditEntryOut.model_validate(e, from_attributes=True) for e in entries],
            "total": total, "limit": limit, "offset": offset}
