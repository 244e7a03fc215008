"""Dutch error answers: validation errors name the field, domain errors map to HTTP codes;
JSON under /api, the pages' error page elsewhere (the app passes that renderer in).

The shape of a 422 is FastAPI's own (`detail: [{loc, msg, type}]`), so the OpenAPI document
describes it; only the messages are Dutch (http/validation.py).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from woonregie.domain.errors import DomainError, IllegalTransition
from woonregie.domain.match import MatchConflict
from woonregie.domain.signal import SignalConflict, SignalRefused
from woonregie.http.admission import BUSY_MESSAGE, RETRY_AFTER_S
from woonregie.http.error_page import MESSAGES, is_api
from woonregie.http.error_page import message as dutch_http
from woonregie.http.security_headers import header_pairs
from woonregie.http.validation import dutch_errors, label
from woonregie.services.access import Forbidden, NotFound
from woonregie.services.accounts import AccountError
from woonregie.services.consent import ConsentError
from woonregie.services.jobs import JobRefused
from woonregie.services.matching_rounds import RoundConflict
from woonregie.services.persons import FieldError
from woonregie.services.workflow import StepConflict
from woonregie.store.db import is_busy
from woonregie.store.repositories import ConcurrentUpdate


def _one_field(field: str, message: str, kind: str = "value_error") -> JSONResponse:
    body = {"detail": [{"loc": ["body", field], "msg": f"{label(field)}: {message}",
                        "type": kind}]}
    return JSONResponse(body, status_code=422)


UNREADABLE_BODY = "De inhoud van het verzoek is onleesbaar (geen geldig formulier of JSON)."
INTERNAL_ERROR = MESSAGES[500]

HtmlError = Callable[[Request, int, str], Response]

STATUS_OF: dict[type[Exception], int] = {
    Forbidden: 403, NotFound: 404, ConcurrentUpdate: 409, RoundConflict: 409,
    SignalConflict: 409, JobRefused: 409, StepConflict: 409, MatchConflict: 409,
}
"""Errors answered with a fixed status and their own (Dutch) message."""


def install(app: FastAPI, html_error: HtmlError | None = None) -> None:
    """Exception handlers: JSON under /api, an HTML page (via `html_error`) elsewhere."""

    def respond(request: Request, status: int, message: str) -> Response:
        if html_error is not None and not is_api(request.url.path):
            return html_error(request, status, message)
        return JSONResponse({"detail": message}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _validation(r: Request, exc: RequestValidationError) -> Response:
        """A bad query or path value (`?pagina=abc`, `/matchingsrondes/abc`): the API's 422
        shape under /api, a Dutch page naming the value elsewhere."""
        errors = dutch_errors(list(exc.errors()))
        if html_error is not None and not is_api(r.url.path):
            return html_error(r, 422, "Een waarde in het adres of formulier is ongeldig: "
                              + "; ".join(e["msg"] for e in errors) + ".")
        return JSONResponse({"detail": errors}, status_code=422)

    def with_status(status: int) -> Callable[[Request, Exception], Awaitable[Response]]:
        async def handler(r: Request, exc: Exception) -> Response:
            return respond(r, status, str(exc))
        return handler

    for kind, status in STATUS_OF.items():  # the most specific class wins over DomainError
        app.add_exception_handler(kind, with_status(status))

    @app.exception_handler(DomainError)
    async def _domain(_r: Request, exc: DomainError) -> JSONResponse:
        if isinstance(exc, FieldError | ConsentError | SignalRefused):
            return _one_field(exc.field, str(exc).split(": ", 1)[-1])
        if isinstance(exc, IllegalTransition):
            return _one_field("target", str(exc), "illegal_transition")
        if isinstance(exc, AccountError):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return _one_field("body", str(exc))

    async def _database(r: Request, exc: Exception) -> Response:
        """A bounded wait ran out (lock, pool, statement): 503, try again. Anything else from
        the database is a 500 without details (they could contain personal data)."""
        if is_busy(exc):
            response = respond(r, 503, BUSY_MESSAGE)
            response.headers["Retry-After"] = str(RETRY_AFTER_S)
            return response
        return respond(r, 500, "Er ging iets mis bij de database; probeer het later opnieuw.")

    app.add_exception_handler(sa_exc.DBAPIError, _database)
    app.add_exception_handler(sa_exc.TimeoutError, _database)

    @app.exception_handler(StarletteHTTPException)
    async def _http(r: Request, exc: StarletteHTTPException) -> Response:
        headers = getattr(exc, "headers", None)
        if exc.status_code in (301, 302, 303, 307) and headers:
            return Response(status_code=exc.status_code, headers=headers)
        # Starlette's own errors (404 for an unknown URL, 405, a malformed form body's 400)
        # carry the English reason phrase: they get the Dutch sentence for their status.
        message = UNREADABLE_BODY if exc.status_code == 400 else dutch_http(
            exc.status_code, exc.detail)
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
