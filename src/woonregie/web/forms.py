"""The one way a page handles a posted form: read it, run the use case, and on bad input roll
back and show the form again with a Dutch message beside each field.

Every form page used to repeat validate → service → rollback → re-render; `submit` is that
sequence once. The page supplies what differs: `save` (validate and call the service; returns
where to go next, or a page to show) and `again` (the form page with its errors).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import ValidationError

from woonregie.domain.errors import DomainError
from woonregie.domain.match import MatchConflict
from woonregie.http.validation import field_errors, label
from woonregie.services.access import Forbidden, NotFound
from woonregie.services.jobs import JobRefused
from woonregie.services.matching_rounds import RoundConflict
from woonregie.services.workflow import StepConflict
from woonregie.store.repositories import ConcurrentUpdate
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.rendering import call, form_of, redirect

FormErrors = dict[str, str]
"""{field: Dutch message}, as the form macros show them beside each field."""
Save = Callable[[dict[str, Any]], str | Response]
Again = Callable[[dict[str, Any], FormErrors, int], Response]

PAGE_ERRORS = (Forbidden, NotFound, ConcurrentUpdate)
"""Not the input's fault: these go to the error page (403, 404, 409) like on any other page."""


class FormError(DomainError):
    """A rule the page itself checks before calling a service (e.g. "Kies een beleid.")."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def errors_of(exc: DomainError, default_field: str | None = None) -> FormErrors:
    """A service's refusal as form errors: one that names its field (FieldError, ConsentError)
    is shown beside it with the field's Dutch label; any other beside `default_field`, or as a
    message for the whole form."""
    if isinstance(exc, FormError):
        return {exc.field: str(exc)}
    field = getattr(exc, "field", default_field)
    if field is None:
        return {"invoer": str(exc)}
    return {field: f"{label(field)}: {str(exc).split(': ', 1)[-1]}"}


def message_of(errors: FormErrors) -> str:
    """The errors as one sentence, for forms that show a single message."""
    return "; ".join(errors.values())


async def submit(request: Request, uow: UnitOfWork, save: Save, again: Again,
                 default_field: str | None = None) -> Response:
    """Post a form: `save(form)` validates and calls the service, then the browser goes to the
    URL it returns (303) or sees the page it returns. Bad input (a pydantic ValidationError or
    a service's DomainError) rolls the unit of work back, so nothing is half-written, and
    answers `again(form, errors, status)`: 422, or 409 when a round met a conflict."""
    form = await form_of(request)

    def work() -> Response:
        try:
            outcome = save(form)
        except ValidationError as exc:
            errors, status = field_errors(exc), 422
        except PAGE_ERRORS:
            raise
        except DomainError as exc:
            errors = errors_of(exc, default_field)
            status = 409 if isinstance(exc, RoundConflict | JobRefused | StepConflict
                                       | MatchConflict) else 422
        else:
            return redirect(outcome) if isinstance(outcome, str) else outcome
        uow.rollback()
        return again(form, errors, status)

    return await call(work)
