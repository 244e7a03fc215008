"""Taken: the page of one background job (services/jobs.py) that its starter watches.

The page shows the job's progress and polls a fragment of itself with htmx every second; when
the job is done the fragment answers with `HX-Redirect` to the result. Without JavaScript the
page refreshes itself and shows a link to the result. Only the user who started a job sees it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.services import jobs
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.rendering import redirect, render

router = APIRouter(include_in_schema=False)

JobId = Annotated[int, Path(ge=1, le=2_147_483_647)]

RESULT_PAGES: dict[str, str] = {
    "ronde": "/matchingsrondes/{}",
    "proefronde": "/matchingsrondes/proefronde/{}",
    "simulatie": "/simulaties/{}",
}
"""Where a job's result reference (`kind:id`) is shown; a feature adding a kind adds its line."""


def result_page(ref: str | None) -> str | None:
    if not ref or ":" not in ref:
        return None
    kind, _, key = ref.partition(":")
    page = RESULT_PAGES.get(kind)
    return page.format(key) if page else None


def _show(request: Request, auth: Auth, uow: UnitOfWork, job_id: int,
          fragment: bool) -> Response:
    job = jobs.get(uow, auth.principal, job_id)
    target = result_page(job.result_ref)
    name = "jobs/progress.html" if fragment else "jobs/job.html"
    response = render(request, name, auth, job=job, result_url=target)
    if fragment and job.finished and target:
        response.headers["HX-Redirect"] = target
    return response


@router.get("/taken/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: JobId, auth: PageAuth, uow: Uow) -> Response:
    return _show(request, auth, uow, job_id, fragment=False)


@router.get("/taken/{job_id}/voortgang", response_class=HTMLResponse)
def job_progress(request: Request, job_id: JobId, auth: PageAuth, uow: Uow) -> Response:
    """The progress block alone, for htmx to swap in."""
    return _show(request, auth, uow, job_id, fragment=True)


@router.post("/taken/{job_id}/afbreken")
def job_cancel(job_id: JobId, auth: PageAuth, uow: Uow) -> Response:
    """Stop a job that has not started yet (the CSRF token is checked by PageAuth)."""
    jobs.cancel(uow, auth.principal, job_id)
    return redirect(f"/taken/{job_id}")
