"""Import and export on the pages (uitwisseling): upload CSV or Excel, read the check report
with every problem (file, row, column, Dutch message) before anything is written, confirm;
download the templates and one's own data (services/uploads.py decides what each role may
send and receive)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from woonregie.exchange.template_files import WORKBOOK, shipped_templates
from woonregie.http.auth import Auth, PageAuth, Uow
from woonregie.services import uploads
from woonregie.services.access import Action, NotFound, require
from woonregie.services.imports import ImportReport
from woonregie.services.table_files import XLSX_TYPE
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.web.rendering import call, redirect, render

router = APIRouter(include_in_schema=False)
URL = "/uitwisseling"
MAX_FILES = 20


def _page(request: Request, auth: Auth, status_code: int = 200, *,
          report: ImportReport | None = None, token: str = "", done: bool = False,
          error: str = "", files: list[str] | None = None) -> HTMLResponse:
    return render(request, "exchange.html", auth, status_code, kinds=uploads.kinds(
        auth.principal), report=report, token=token, done=done, error=error,
        files=files or [], errors={"bestand": error} if error else {})


NOTICES = {
    "bestand": "Bestand: kies een of meer CSV- of Excel-bestanden",
    "verlopen": ("Bestand: deze controle is verlopen (na een uur) of niet van u; lees de "
                 "bestanden opnieuw in"),
}
"""Messages after a redirect back to the page (`?fout=…`): nothing chosen, or a confirmation
of an upload that is gone."""


@router.get(URL, response_class=HTMLResponse)
def exchange_page(request: Request, auth: PageAuth, fout: str = "") -> HTMLResponse:
    require(auth.principal, Action.EXCHANGE)
    return _page(request, auth, error=NOTICES.get(fout, ""))


async def _files(request: Request) -> tuple[list[tuple[str, bytes]], str]:
    form = await request.form()
    found: list[tuple[str, bytes]] = []
    for item in form.getlist("bestand"):
        if not isinstance(item, UploadFile) or not item.filename:
            continue
        name = uploads.safe_name(item.filename)
        if name is None:
            return [], (f"Bestand: '{item.filename}' is geen CSV- of Excel-bestand "
                        "(.csv of .xlsx)")
        found.append((name, await item.read()))
    if not found:
        return [], ""
    if len(found) > MAX_FILES:
        return [], f"Bestand: hoogstens {MAX_FILES} bestanden tegelijk"
    return found, ""


@router.post(URL + "/controleren", response_class=HTMLResponse)
async def check_upload(request: Request, auth: PageAuth, uow: Uow) -> Response:
    require(auth.principal, Action.EXCHANGE)
    files, error = await _files(request)
    if error:
        return _page(request, auth, 422, error=error)
    if not files:  # nothing chosen: back to the form, which says so
        return redirect(URL + "?fout=bestand")

    def work() -> Response:
        upload = uploads.keep(auth.principal, files)
        report = uploads.check(uow, auth.principal, upload)
        if not report.ok:
            uploads.discard(upload)
        return _page(request, auth, 200 if report.ok else 422, report=report,
                     token=upload.token if report.ok else "",
                     files=[name for name, _ in files])

    return await call(work)


@router.post(URL + "/bevestigen", response_class=HTMLResponse)
async def confirm_upload(request: Request, auth: PageAuth, uow: Uow) -> Response:
    form = await request.form()
    token = str(form.get("token", ""))

    def work() -> Response:
        try:
            upload = uploads.kept(auth.principal, token)
        except NotFound:
            return redirect(URL + "?fout=verlopen")
        names = [p.name for p in upload.paths]
        report = uploads.confirm(uow, auth.principal, upload)
        return _page(request, auth, 200 if report.written else 422, report=report,
                     done=report.written, files=names)

    return await call(work)


@router.get(URL + "/sjabloon.xlsx")
def template(auth: PageAuth) -> Response:
    require(auth.principal, Action.EXCHANGE)
    path = next(p for p in shipped_templates() if p.name == WORKBOOK)
    return Response(path.read_bytes(), media_type=XLSX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{WORKBOOK}"'})


def _own(auth: Auth, uow: UnitOfWork, kind: str) -> Response:
    records = uploads.own_records(uow, auth.principal)
    headers = uploads.headers_for(auth.principal)
    if kind == "xlsx":
        body, media, name = uploads.workbook(records, headers), XLSX_TYPE, "gegevens.xlsx"
    else:
        body, media, name = uploads.csv_zip(records, headers), "application/zip", "gegevens.zip"
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


@router.get(URL + "/eigen-gegevens.xlsx")
def own_xlsx(auth: PageAuth, uow: Uow) -> Response:
    return _own(auth, uow, "xlsx")


@router.get(URL + "/eigen-gegevens.zip")
def own_zip(auth: PageAuth, uow: Uow) -> Response:
    return _own(auth, uow, "zip")


