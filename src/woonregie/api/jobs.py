"""Background jobs (achtergrondtaken) in the API: the status of a job the caller started, e.g.
a matching round (POST /match-rounds answers 202 with this job's URL)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from woonregie.api import schemas as s
from woonregie.http.auth import ApiAuth, Uow
from woonregie.services import jobs

router = APIRouter(prefix="/jobs", tags=["jobs"])

JobId = Annotated[int, Path(ge=1, le=2_147_483_647, description="Nummer van de taak")]

RESULTS: dict[str, str] = {
    "ronde": "/api/v1/match-rounds/{}",
    "proefronde": "/api/v1/match-rounds/dry-runs/{}",
}
"""Where a job's result reference (`kind:id`) is read; a feature adding a kind adds its line."""


def job_url(job_id: int) -> str:
    return f"/api/v1/jobs/{job_id}"


def job_out(job: jobs.JobView) -> s.JobOut:
    kind, _, key = (job.result_ref or "").partition(":")
    result = RESULTS[kind].format(key) if kind in RESULTS and key else None
    p = job.progress
    return s.JobOut(
        id=job.id, kind=job.kind, kind_label=job.kind_label, status=job.status.value,
        status_label=job.status.label,
        progress=s.JobProgressOut(done=p.done, total=p.total, percent=p.percent,
                                  message=p.message),
        created_at=job.created_at, started_at=job.started_at, finished_at=job.finished_at,
        attempts=job.attempts, error=job.error, url=job_url(job.id), result_url=result)


@router.get("/{job_id}", response_model=s.JobOut, summary="Status en voortgang van een taak")
def get_job(job_id: JobId, who: ApiAuth, uow: Uow) -> s.JobOut:
    """Only the user who started the job sees it (anyone else: 404)."""
    return job_out(jobs.get(uow, who.principal, job_id))
