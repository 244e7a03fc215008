"""Dutch validation messages: every pydantic error becomes a sentence that names the field by
its Dutch label. The API returns them in FastAPI's 422 shape, the pages show them beside the
field, so both say the same thing about the same input."""

from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

LABELS: dict[str, str] = {
    "name": "Naam", "target_group": "Doelgroep", "household_size": "Huishoudgrootte",
    "annual_income": "Jaarinkomen", "support_intensity": "Begeleidingsintensiteit",
    "support_team": "Begeleidingsteam", "legal_urgency": "Urgentie",
    "pension_age": "AOW-leeftijd", "required_features": "Benodigde kenmerken",
    "allowed_forms": "Toegestane woonvormen", "acceptable_areas": "Acceptabele gebieden",
    "preferred_areas": "Voorkeursgebieden", "zrm": "ZRM-scores", "target": "Nieuwe status",
    "reason": "Reden", "on": "Datum", "purpose": "Doel", "party": "Partij",
    "legal_basis": "Grondslag", "valid_from": "Geldig vanaf", "valid_until": "Geldig tot",
    "buurt": "Buurt", "address": "Adres", "rent": "Huur", "rooms": "Kamers",
    "housing_form": "Woonvorm", "min_household": "Minimale huishoudgrootte",
    "max_household": "Maximale huishoudgrootte", "features": "Kenmerken",
    "complex": "Complex", "available_from": "Beschikbaar vanaf", "limit": "Aantal",
    "offset": "Begin", "status": "Status", "level": "Niveau", "parent": "Bovenliggend gebied",
    "kind": "Soort", "year": "Jaar", "corporation": "Corporatie", "key": "Sleutel",
    "code": "Code", "actor": "Gebruiker", "entity_key": "Sleutel", "action": "Handeling",
    "policy": "Beleid", "dry_run": "Proefronde", "round_id": "Ronde", "invoer": "Invoer",
    "cursor": "Cursor",
    # signals and the three-party agreement (issue 9)
    "dwelling": "Woning", "note": "Toelichting", "amount": "Bedrag", "months": "Maanden",
    "outcome": "Uitkomst", "body": "Sjabloon", "days": "Dagen",
    # the monitor's query (issue 10)
    "van": "Van", "tot": "Tot", "gemeente": "Gemeente", "doelgroep": "Doelgroep",
    "corporatie": "Corporatie", "zorgaanbieder": "Zorgaanbieder",
    # slot: workflow
    "reason_code": "Reden", "intensity": "Begeleidingsintensiteit", "team": "Begeleidingsteam",
    "support_start": "Start begeleiding", "contact": "Contactpersoon",
    "consent": "Toestemming voor bemiddeling", "viewing_date": "Datum bezichtiging",
    "start": "Ingangsdatum huur", "person": "Persoon", "label": "Omschrijving",
    "declined_by": "Geweigerd door", "pause_days": "Pauze (dagen)",
    "urgency_lapses": "Urgentie vervalt", "needs_approval": "Goedkeuring regisseur nodig",
    "active": "Actief", "organisation": "Organisatie", "stalled": "Vastgelopen",
    "pause_until": "Geparkeerd tot", "urgency": "Urgentie",

    # slot: dashboard

    # slot: dutch
    "pagina": "Pagina", "vpagina": "Pagina (voordrachten)", "na": "Vanaf", "zoek": "Zoeken",
    "sleutel": "Sleutel", "gebruiker": "Gebruiker", "handeling": "Handeling",
    "persoon": "Persoon", "job_id": "Taak", "token_id": "Token", "van_datum": "Van",
    "tot_datum": "Tot en met", "bestand": "Bestand", "soort": "Soort",

    # slot: simulate
    "scenarios": "Scenario's", "bestanden": "Eigen scenariobestanden", "jaren": "Jaren",
    "replicaties": "Replicaties", "seed": "Seed",

    # slot: other

}

_MESSAGES: dict[str, str] = {
    "missing": "is verplicht",
    "string_too_short": "moet minstens {min_length} teken(s) hebben",
    "string_too_long": "mag hoogstens {max_length} tekens hebben",
    "string_pattern_mismatch": "bevat ongeldige tekens",
    "string_type": "moet tekst zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "float_parsing": "moet een getal zijn",
    "float_type": "moet een getal zijn",
    "finite_number": "moet een eindig getal zijn",
    "greater_than_equal": "moet minstens {ge} zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "enum": "moet een van deze waarden zijn: {expected}",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "bool_parsing": "moet ja of nee zijn",
    "bool_type": "moet ja of nee zijn",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_inexact": "moet een datum zijn zonder tijd",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "list_type": "moet een lijst zijn",
    "too_long": "mag hoogstens {max_length} elementen hebben",
    "dict_type": "moet een object zijn",
    "model_type": "moet een object zijn",
    "model_attributes_type": "moet een object zijn",
    "extra_forbidden": "is geen bekend veld",
    "json_invalid": "is geen geldige JSON",
    "json_type": "is geen geldige JSON",
    "union_tag_invalid": "ongeldige soort",
}


def label(field: str) -> str:
    return LABELS.get(field, field)


def dutch_message(error: dict[str, Any]) -> str:
    """One pydantic error as a Dutch sentence that names the field."""
    if error.get("type") == "json_invalid":  # loc is (body, character position), not a field
        at = [p for p in error.get("loc", ()) if isinstance(p, int)]
        where = f" (bij teken {at[0]})" if at else ""
        return f"Verzoek: de inhoud is geen geldige JSON{where}."
    loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    field = next((p for p in reversed(loc) if not p.isdigit() and p in LABELS), None)
    field = field or (loc[0] if loc else "invoer")
    kind = error.get("type", "")
    ctx = dict(error.get("ctx") or {})
    if kind == "value_error":
        text = str(ctx.get("error", "ongeldige waarde")).removeprefix("Value error, ")
    else:
        try:
            text = _MESSAGES[kind].format(**ctx)
        except (KeyError, IndexError):
            text = "ongeldige waarde"
        text = text.replace("' or '", "' of '")  # pydantic lists choices in English
    return f"{label(field)}: {text}"


def dutch_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"loc": [p if isinstance(p, int) else str(p) for p in e.get("loc", ())] or ["body"],
         "msg": dutch_message(e), "type": str(e.get("type", "value_error"))}
        for e in errors
    ]


def field_errors(exc: ValidationError | RequestValidationError) -> dict[str, str]:
    """{field: Dutch message} for forms (first error per field)."""
    out: dict[str, str] = {}
    for e in exc.errors():
        loc = [str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path")]
        out.setdefault(loc[0] if loc else "invoer", dutch_message(e))
    return out
