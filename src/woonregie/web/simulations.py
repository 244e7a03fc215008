"""Simulatie: the regisseur's page to run scenarios ahead and compare them.

The form picks shipped scenarios and/or uploads TOML files, with years, replications and seed;
posting it queues a background job (services/simulation_jobs.py) and goes to the job's progress
page (web/jobs.py), which moves on to the comparison when the run is done: a table of every
figure (median with its 5–95 % band) and a chart per figure. Access, the checks of the files
(Dutch messages naming file and key) and the stored result are the service's.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.http.validation import label
from woonregie.services import simulation_jobs as sj
from woonregie.services.persons import FieldError
from woonregie.simulate.report import rows
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web import simulation_charts
from woonregie.web.forms import FormError, FormErrors, submit
from woonregie.web.rendering import as_list, render

router = APIRouter(include_in_schema=False)

JobId = Annotated[int, Path(ge=1, le=2_147_483_647)]
DEFAULTS = {"jaren": "5", "replicaties": "50", "seed": "1", "scenarios": ["basis.toml"]}


def _form_page(request: Request, auth: Auth, uow: UnitOfWork, status_code: int = 200,
               errors: FormErrors | None = None, form: dict[str, Any] | None = None
               ) -> HTMLResponse:
    form = {**DEFAULTS, **(form or {})}
    form["scenarios"] = as_list(form.get("scenarios"))
    return render(request, "simulations/form.html", auth, status_code,
                  shipped=sj.shipped(), runs=sj.recent(uow, auth.principal),
                  errors=errors or {}, form=form, limits=sj)


@router.get("/simulaties", response_class=HTMLResponse)
def simulation_form(request: Request, auth: PageAuth, uow: Uow) -> HTMLResponse:
    return _form_page(request, auth, uow)


async def _uploads(request: Request) -> list[sj.Upload]:
    """The uploaded scenario files (empty file inputs are skipped); text must be UTF-8."""
    form = await request.form()
    out = []
    for item in form.getlist("bestanden"):
        if not isinstance(item, UploadFile) or not item.filename:
            continue
        raw = await item.read(sj.MAX_UPLOAD_CHARS * 4 + 1)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = "\ufffd"  # refused below with the file's name
        name = item.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:100]
        out.append(sj.Upload(name, text))
    return out


def _integer(form: dict[str, Any], field: str) -> int:
    value = str(form.get(field, "")).strip()
    try:
        return int(value)
    except ValueError:
        raise FormError(field, f"{label(field)}: moet een geheel getal zijn") from None


@router.post("/simulaties", response_class=HTMLResponse)
async def simulation_start(request: Request, auth: PageAuth, uow: Uow) -> Response:
    """Queue a run and go to its progress page; bad input shows the form again (422), a
    second run while one of the user's runs is open is refused (409)."""
    uploads = await _uploads(request)

    def save(form: dict[str, Any]) -> str:
        for up in uploads:
            if "\ufffd" in up.text:
                raise FormError("bestanden", f"{label('bestanden')}: {up.name}: geen "
                                             "UTF-8-tekst")
        years, runs, seed = (_integer(form, f) for f in ("jaren", "replicaties", "seed"))
        try:
            job = sj.start(uow, auth.principal, chosen=as_list(form.get("scenarios")),
                           uploads=uploads, years=years, runs=runs, seed=seed)
        except FieldError as e:
            message = str(e).split(": ", 1)[-1]
            raise FormError(e.field, f"{label(e.field)}: {message}") from None
        return f"/taken/{job.id}"

    def again(form: dict[str, Any], errors: FormErrors, status: int) -> Response:
        return _form_page(request, auth, uow, status, errors, form)

    return await submit(request, uow, save, again)


@router.get("/simulaties/{job_id}", response_class=HTMLResponse)
def simulation_result(request: Request, job_id: JobId, auth: PageAuth, uow: Uow
                      ) -> HTMLResponse:
    """The comparison of a finished run the user started."""
    found = sj.result(uow, auth.principal, job_id)
    return render(request, "simulations/result.html", auth, run=found,
                  rows=rows(found.named, found.years),
                  titles=[title for title, _ in found.named],
                  charts=simulation_charts.charts(found.named))
