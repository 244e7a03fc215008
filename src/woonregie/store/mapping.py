"""Conversion between domain entities and table rows (as plain dicts, so bulk inserts can use
them directly)."""

from __future__ import annotations

from typing import Any

from woonregie.domain.enums import (
    AreaLevel,
    DwellingStatus,
    HousingForm,
    OrgKind,
    SupportIntensity,
    TargetGroup,
)
from woonregie.domain.model import (
    Agreement,
    Area,
    Complex,
    Dwelling,
    Organisation,
    Person,
    SupportTeam,
)
from woonregie.domain.status import PersonStatus, StatusTransition


def area_row(a: Area) -> dict[str, Any]:
    return {
        "code": a.code, "name": a.name, "level": str(a.level), "parent": a.parent,
        "liveability": a.liveability, "cap": a.cap,
    }


def area_from(r: Any) -> Area:
    return Area(r.code, r.name, AreaLevel(r.level), r.parent, r.liveability, r.cap)


def organisation_row(o: Organisation) -> dict[str, Any]:
    return {"code": o.code, "name": o.name, "kind": str(o.kind), "gemeente": o.gemeente}


def organisation_from(r: Any) -> Organisation:
    return Organisation(r.code, r.name, OrgKind(r.kind), r.gemeente)


def team_row(t: SupportTeam) -> dict[str, Any]:
    return {
        "code": t.code, "name": t.name, "organisation": t.organisation,
        "areas": list(t.areas), "capacity": t.capacity,
    }


def team_from(r: Any) -> SupportTeam:
    return SupportTeam(r.code, r.name, r.organisation, tuple(r.areas), r.capacity)


def complex_row(c: Complex) -> dict[str, Any]:
    return {
        "code": c.code, "name": c.name, "corporation": c.corporation, "buurt": c.buurt,
        "cap": c.cap,
    }


def complex_from(r: Any) -> Complex:
    return Complex(r.code, r.name, r.corporation, r.buurt, r.cap)


def dwelling_row(d: Dwelling) -> dict[str, Any]:
    return {
        "code": d.code, "corporation": d.corporation, "buurt": d.buurt, "complex": d.complex,
        "address": d.address, "rent": d.rent, "rooms": d.rooms,
        "housing_form": str(d.housing_form), "min_household": d.min_household,
        "max_household": d.max_household, "features": sorted(d.features),
        "status": str(d.status), "available_from": d.available_from,
    }


def dwelling_from(r: Any) -> Dwelling:
    return Dwelling(
        code=r.code, corporation=r.corporation, buurt=r.buurt, rent=float(r.rent),
        rooms=r.rooms, housing_form=HousingForm(r.housing_form),
        min_household=r.min_household, max_household=r.max_household,
        features=frozenset(r.features or ()), complex=r.complex,
        status=DwellingStatus(r.status), available_from=r.available_from, address=r.address,
    )


def person_row(p: Person) -> dict[str, Any]:
    return {
        "key": p.key, "name": p.name, "target_group": str(p.target_group),
        "care_provider": p.care_provider, "household_size": p.household_size,
        "annual_income": p.annual_income, "support_intensity": str(p.support_intensity),
        "support_team": p.support_team, "zrm": p.zrm, "legal_urgency": p.legal_urgency,
        "pension_age": p.pension_age, "required_features": sorted(p.required_features),
        "allowed_forms": sorted(str(f) for f in p.allowed_forms),
        "acceptable_areas": list(p.acceptable_areas),
        "preferred_areas": list(p.preferred_areas), "status": str(p.status),
    }


def transition_rows(p: Person) -> list[dict[str, Any]]:
    return [
        {
            "person": p.key, "seq": i, "source": str(t.source) if t.source else None,
            "target": str(t.target), "on_date": t.on, "by": t.by, "reason": t.reason,
        }
        for i, t in enumerate(p.history)
    ]


def transition_from(r: Any) -> StatusTransition:
    source = PersonStatus(r.source) if r.source else None
    return StatusTransition(source, PersonStatus(r.target), r.on_date, r.by, r.reason)


def person_from(r: Any, history: list[StatusTransition]) -> Person:
    return Person(
        key=r.key, name=r.name, target_group=TargetGroup(r.target_group),
        care_provider=r.care_provider, household_size=r.household_size,
        annual_income=float(r.annual_income),
        support_intensity=SupportIntensity(r.support_intensity),
        support_team=r.support_team, zrm=r.zrm, legal_urgency=bool(r.legal_urgency),
        pension_age=bool(r.pension_age), required_features=frozenset(r.required_features or ()),
        allowed_forms=frozenset(HousingForm(f) for f in r.allowed_forms or ()),
        acceptable_areas=tuple(r.acceptable_areas or ()),
        preferred_areas=tuple(r.preferred_areas or ()), status=PersonStatus(r.status),
        history=history,
    )


def agreement_row(a: Agreement) -> dict[str, Any]:
    return {
        "gemeente": a.gemeente, "corporation": a.corporation,
        "target_group": str(a.target_group), "year": a.year, "dwellings": a.dwellings,
    }


def agreement_from(r: Any) -> Agreement:
    return Agreement(r.gemeente, r.corporation, TargetGroup(r.target_group), r.year, r.dwellings)
