"""Domain records → rows of the exchange layout (for export). The reverse, with every check,
is the import service's job."""

from __future__ import annotations

from typing import Any

from woonregie.domain.model import (
    Agreement,
    Area,
    Complex,
    Dwelling,
    Organisation,
    Person,
    Region,
    SupportTeam,
)
from woonregie.domain.placement import Placement

Record = dict[str, Any]


def area_record(a: Area) -> Record:
    return {"code": a.code, "naam": a.name, "niveau": a.level, "ouder": a.parent,
            "leefbaarheid": a.liveability, "plafond": a.cap}


def organisation_record(o: Organisation) -> Record:
    return {"code": o.code, "naam": o.name, "soort": o.kind, "gemeente": o.gemeente}


def team_record(t: SupportTeam) -> Record:
    return {"code": t.code, "naam": t.name, "organisatie": t.organisation,
            "gebieden": t.areas, "capaciteit": t.capacity}


def complex_record(c: Complex) -> Record:
    return {"code": c.code, "naam": c.name, "corporatie": c.corporation, "buurt": c.buurt,
            "plafond": c.cap}


def dwelling_record(d: Dwelling) -> Record:
    return {
        "code": d.code, "corporatie": d.corporation, "buurt": d.buurt, "complex": d.complex,
        "adres": d.address, "huur": d.rent, "kamers": d.rooms, "woonvorm": d.housing_form,
        "min_huishouden": d.min_household, "max_huishouden": d.max_household,
        "kenmerken": sorted(d.features), "status": d.status,
        "beschikbaar_vanaf": d.available_from,
    }


def person_record(p: Person) -> Record:
    return {
        "sleutel": p.key, "naam": p.name, "doelgroep": p.target_group,
        "zorgaanbieder": p.care_provider, "huishouden": p.household_size,
        "inkomen": p.annual_income, "begeleiding": p.support_intensity, "team": p.support_team,
        "urgentie": p.legal_urgency, "pensioen": p.pension_age,
        "kenmerken_nodig": sorted(p.required_features),
        "woonvormen": sorted(str(f) for f in p.allowed_forms),
        "gebieden": p.acceptable_areas, "voorkeursgebieden": p.preferred_areas,
        "zrm": p.zrm or None, "status": p.status,
        "status_sinds": p.history[-1].on if p.history else None,
    }


def history_records(p: Person) -> list[Record]:
    return [
        {"sleutel": p.key, "volgnummer": i, "van": t.source, "naar": t.target, "datum": t.on,
         "door": t.by, "reden": t.reason}
        for i, t in enumerate(p.history, start=1)
    ]


def agreement_record(a: Agreement) -> Record:
    return {"gemeente": a.gemeente, "corporatie": a.corporation, "doelgroep": a.target_group,
            "jaar": a.year, "woningen": a.dwellings}


def placement_record(p: Placement) -> Record:
    return {"sleutel": p.person, "woning": p.dwelling, "begindatum": p.start,
            "einddatum": p.end, "einde_reden": p.end_reason}


def region_records(region: Region) -> dict[str, list[Record]]:
    """Every record of the region by layout name, in a stable order (by key)."""
    persons = sorted(region.persons, key=lambda p: p.key)
    return {
        "gebieden": [area_record(a) for a in sorted(region.areas, key=lambda a: a.code)],
        "organisaties": [organisation_record(o)
                         for o in sorted(region.organisations, key=lambda o: o.code)],
        "teams": [team_record(t) for t in sorted(region.support_teams, key=lambda t: t.code)],
        "complexen": [complex_record(c) for c in sorted(region.complexes, key=lambda c: c.code)],
        "woningen": [dwelling_record(d) for d in sorted(region.dwellings, key=lambda d: d.code)],
        "personen": [person_record(p) for p in persons],
        "statushistorie": [r for p in persons for r in history_records(p)],
        "afspraken": [agreement_record(a)
                      for a in sorted(region.agreements, key=lambda a: a.key)],
        "plaatsingen": [placement_record(p) for p in sorted(
            region.placements, key=lambda p: (p.person, p.start))],
    }
