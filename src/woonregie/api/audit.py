"""The audit log (auditlog) in the API: the auditor browses it, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from woonregie.api import schemas as s
from woonregie.api.deps import Limit, Offset, page
from woonregie.http.auth import ApiAuth, Uow
from woonregie.services import audit

router = APIRouter(tags=["audit"])


@router.get("/audit", response_model=s.Page[s.AuditEntryOut],
            summary="Auditlog (alleen auditor), nieuwste eerst")
def audit_log(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0,
              actor: Annotated[str | None, Query(max_length=64)] = None,
              entity_key: Annotated[str | None, Query(max_length=64)] = None,
              action: Annotated[str | None, Query(max_length=32)] = None) -> dict:
    entries, total = audit.browse(uow, who.principal, limit=limit, offset=offset, actor=actor,
                                  entity_key=entity_key, action=action)
    return page([s.AuditEntryOut.model_validate(e, from_attributes=True) for e in entries],
                total, limit, offset)
