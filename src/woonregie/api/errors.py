"""Dutch error messages: validation errors name the field, domain errors map to HTTP codes.

The shape of a 422 is FastAPI's own (`detail: [{loc, msg, type}]`), so the OpenAPI document
describes it; only the messages are Dutch.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from woonregie.api.security_headers import header_pairs
from woonregie.domain.errors import DomainError, IllegalTransition
from woonregie.services.access import Forbidden, NotFound
from woonregie.services.accounts import AccountError
from woonregie.services.consent import ConsentError
from woonregie.services.matching_rounds import RoundConflict
from woonregie.services.persons import FieldError
from woonregie.store.repositories import ConcurrentUpdate

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


def _one_field(field: str, message: str, kind: str = "value_error") -> JSONResponse:
    body = {"detail": [{"loc": ["body", field], "msg": f"{label(field)}: {message}",
                        "type": kind}]}
    return JSONResponse(body, status_code=422)


UNREADABLE_BODY = "De inhoud van het verzoek is onleesbaar (geen geldig formulier of JSON)."
INTERNAL_ERROR = ("Er ging iets mis aan onze kant; er is niets opgeslagen. Probeer het later "
                  "opnieuw of neem contact op met de beheerder.")

HtmlError = Callable[[Request, int, str], Response]

STATUS_OF: dict[type[Exception], int] = {
    Forbidden: 403, NotFound: 404, ConcurrentUpdate: 409, RoundConflict: 409,
}
"""Errors answered with a fixed status and their own (Dutch) message."""


def install(app: FastAPI, html_error: HtmlError | None = None) -> None:
    """Exception handlers: JSON under /api, an HTML page (via `html_error`) elsewhere."""

    def respond(request: Request, status: int, message: str) -> Response:
        if html_error is not None and not request.url.path.startswith("/api/"):
            return html_error(request, status, message)
        return JSONResponse({"detail": message}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _validation(_r: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": dutch_errors(list(exc.errors()))}, status_code=422)

    def with_status(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
        async def handler(r: Request, exc: Exception) -> Response:
            return respond(r, status, str(exc))
        return handler

    for kind, status in STATUS_OF.items():  # the most specific class wins over DomainError
        app.add_exception_handler(kind, with_status(status))

    @app.exception_handler(DomainError)
    async def _domain(_r: Request, exc: DomainError) -> JSONResponse:
        if isinstance(exc, FieldError | ConsentError):
            return _one_field(exc.field, str(exc).split(": ", 1)[-1])
        if isinstance(exc, IllegalTransition):
            return _one_field("target", str(exc), "illegal_transition")
        if isinstance(exc, AccountError):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return _one_field("body", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(r: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if exc.status_code in (301, 302, 303, 307) and headers:
            return Response(status_code=exc.status_code, headers=headers)
        # Starlette's own 400s (a malformed form or multipart body) carry English text.
        message = UNREADABLE_BODY if exc.status_code == 400 else str(exc.detail)
        response = respond(r, exc.status_code, message)
        response.headers.update(headers or {})
        return response

    @app.exception_handler(500)
    async def _crash(r: Request, _exc: Exception) -> Response:
        """A Dutch 500 without internals. Starlette sends it from its outermost layer, past the
        security-headers middleware, so the headers are added here."""
        response = respond(r, 500, INTERNAL_ERROR)
        response.headers.update(header_pairs(r.scope))
        return response
