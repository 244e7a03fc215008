"""The client form (cliëntformulier) ↔ the API's input shape: Dutch form strings become the
same `PersonIn` fields the API takes (so pages and API validate alike), and a stored person
or a rejected post becomes the values the form shows again."""

from __future__ import annotations

from typing import Any

from woonregie.domain import locale_nl
from woonregie.domain.enums import FEATURES, HousingForm, SupportIntensity, TargetGroup
from woonregie.domain.model import Person
from woonregie.services.access import Principal
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.rendering import as_list


def empty() -> dict[str, Any]:
    return {"name": "", "target_group": "", "household_size": "1", "annual_income": "",
            "support_intensity": "geen", "support_team": "", "legal_urgency": False,
            "pension_age": False, "required_features": [], "allowed_forms": [],
            "acceptable_areas": "", "preferred_areas": ""}


def decimal(value: Any) -> str:
    """An amount as typed, for the Dutch reader in the input model (domain/locale_nl.py):
    `18.500`, `18.500,50` and `€ 1.050` are read there, once, as the import reads them."""
    return str(value or "").strip()


def to_input(form: dict[str, Any]) -> dict[str, Any]:
    """Form strings → the API's input shape (so pages and API validate alike)."""

    def areas(name: str) -> list[str]:
        return [a.strip() for a in str(form.get(name, "")).split(",") if a.strip()]

    data = {
        "name": str(form.get("name", "")),
        "target_group": form.get("target_group") or None,
        "household_size": str(form.get("household_size", "")).strip() or None,
        "annual_income": decimal(form.get("annual_income")) or None,
        "support_intensity": form.get("support_intensity") or "geen",
        "support_team": form.get("support_team") or None,
        "legal_urgency": form.get("legal_urgency") == "ja",
        "pension_age": form.get("pension_age") == "ja",
        "required_features": as_list(form.get("required_features")),
        "allowed_forms": as_list(form.get("allowed_forms")),
        "acceptable_areas": areas("acceptable_areas"),
        "preferred_areas": areas("preferred_areas"),
    }
    return {k: v for k, v in data.items() if v is not None}  # empty → "is verplicht"


def of_person(p: Person) -> dict[str, Any]:
    return {
        "name": p.name, "target_group": str(p.target_group),
        "household_size": str(p.household_size),
        "annual_income": locale_nl.amount_field(p.annual_income),
        "support_intensity": str(p.support_intensity), "support_team": p.support_team or "",
        "legal_urgency": p.legal_urgency, "pension_age": p.pension_age,
        "required_features": sorted(p.required_features),
        "allowed_forms": sorted(str(f) for f in p.allowed_forms),
        "acceptable_areas": ", ".join(p.acceptable_areas),
        "preferred_areas": ", ".join(p.preferred_areas),
    }


def shown(form: dict[str, Any]) -> dict[str, Any]:
    """A rejected post as the form shows it again (ticked boxes stay ticked)."""
    out = dict(form)
    out["legal_urgency"] = form.get("legal_urgency") == "ja"
    out["pension_age"] = form.get("pension_age") == "ja"
    out["required_features"] = as_list(form.get("required_features"))
    out["allowed_forms"] = as_list(form.get("allowed_forms"))
    return out


def choices(uow: UnitOfWork, principal: Principal) -> dict[str, Any]:
    """The options the form offers: groups, intensities, features, forms, own teams."""
    return {
        "groups": list(TargetGroup), "intensities": list(SupportIntensity),
        "features": FEATURES, "forms": list(HousingForm),
        "teams": [t for t in uow.teams.list() if t.organisation == principal.organisation],
    }
