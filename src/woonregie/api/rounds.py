"""Matching rounds (matchingsrondes) in the API: the regisseur runs a round or a dry run and
reads stored rounds with, per person, the proposal or the reasons nobody was proposed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from woonregie.api import schemas as s
from woonregie.api.deps import WRITE_ERRORS, Cursor, Limit, Offset, page
from woonregie.api.jobs import job_out, job_url
from woonregie.http.auth import ApiAuth, Uow
from woonregie.http.inputs import RoundIn
from woonregie.services import round_jobs, round_reports

router = APIRouter(prefix="/match-rounds", tags=["matching"])

RoundId = Annotated[int, Path(ge=1, le=2_147_483_647, description="Nummer van de ronde")]
UnhousedCode = Annotated[str | None, Query(max_length=64, pattern=r"^[a-z_]+$",
                                           description="Alleen niet-gehuisveste personen "
                                           "met deze code, bijv. team_vol")]


def round_detail_out(detail: round_reports.RoundDetail) -> s.RoundDetailOut:
    return s.RoundDetailOut.model_validate(detail, from_attributes=True)


@router.get("", response_model=s.Page[s.RoundOut],
            summary="Opgeslagen matchingsrondes, nieuwste eerst")
def list_match_rounds(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0) -> dict:
    items, total = round_reports.list_rounds(uow, who.principal, limit=limit, offset=offset)
    return page([s.RoundOut.model_validate(r, from_attributes=True) for r in items], total,
                limit, offset)


@router.get("/{round_id}", response_model=s.RoundDetailOut,
            summary="Eén ronde: voordrachten en wie niet gehuisvest is, met redenen (per pagina)")
def get_match_round(round_id: RoundId, who: ApiAuth, uow: Uow, code: UnhousedCode = None,
                    limit: Limit = 50, proposals_cursor: Cursor = None,
                    unhoused_cursor: Cursor = None) -> s.RoundDetailOut:
    """The round's figures and counts per reason, with one page (`limit`) of each list, by
    key: follow `proposals_next` / `unhoused_next` (or page one list alone with
    `.../proposals` and `.../unhoused`)."""
    return round_detail_out(round_reports.get_round(
        uow, who.principal, round_id, code, limit=limit, after=unhoused_cursor,
        proposals_after=proposals_cursor))


@router.get("/{round_id}/proposals", response_model=s.Page[s.RoundLineOut],
            summary="Voordrachten van een ronde, op rang (per pagina, met cursor)")
def list_round_proposals(round_id: RoundId, who: ApiAuth, uow: Uow, limit: Limit = 50,
                         offset: Offset = 0, cursor: Cursor = None) -> dict:
    found = round_reports.round_lines_page(uow, who.principal, round_id, True, limit=limit,
                                           offset=offset, after=cursor)
    return _lines_page(found, limit, offset)


@router.get("/{round_id}/unhoused", response_model=s.Page[s.RoundLineOut],
            summary="Niet-gehuisvesten van een ronde met redenen (per pagina, met cursor)")
def list_round_unhoused(round_id: RoundId, who: ApiAuth, uow: Uow, code: UnhousedCode = None,
                        limit: Limit = 50, offset: Offset = 0, cursor: Cursor = None) -> dict:
    found = round_reports.round_lines_page(uow, who.principal, round_id, False, code,
                                           limit=limit, offset=offset, after=cursor)
    return _lines_page(found, limit, offset)


def _lines_page(found: round_reports.LinePage, limit: int, offset: int) -> dict:
    items = [s.RoundLineOut.model_validate(ln, from_attributes=True) for ln in found.lines]
    return page(items, found.total, limit, offset, found.next, found.exact)


@router.get("/dry-runs/{job_id}", response_model=s.RoundDetailOut,
            summary="Resultaat van een proefronde (een week bewaard, per pagina)")
def get_dry_run(job_id: RoundId, who: ApiAuth, uow: Uow, code: UnhousedCode = None,
                limit: Limit = 50, proposals_cursor: Cursor = None,
                unhoused_cursor: Cursor = None) -> s.RoundDetailOut:
    return round_detail_out(round_reports.dry_run_detail(
        uow, who.principal, job_id, code, limit=limit, after=unhoused_cursor,
        proposals_after=proposals_cursor))


@router.post("", response_model=s.JobOut, status_code=202,
             summary="Ronde (of proefronde) starten als achtergrondtaak",
             responses=WRITE_ERRORS)
def run_match_round(body: RoundIn, who: ApiAuth, uow: Uow, response: Response) -> s.JobOut:
    """Answers 202 at once with the job (`Location`: its URL); poll it until `klaar`, then
    read `result_url`. While a round for the region is open, another is refused (409)."""
    job = round_jobs.start(uow, who.principal, policy=body.policy, dry_run=body.dry_run)
    response.headers["Location"] = job_url(job.id)
    return job_out(job)
