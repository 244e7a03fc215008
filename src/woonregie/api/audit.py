"""The audit log (auditlog) in the API: the auditor browses it, newest first.

Like the auditor's page, the list follows a cursor (`next`): an index range on the log's time,
so the millionth entry costs what the first does; `offset` is kept for hand-made requests.
The filters are those of the page, dates as ISO or as Dutch users type them (31-12-2026)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from woonregie.api import schemas as s
from woonregie.api.deps import Cursor, Limit, Offset, page
from woonregie.http.auth import ApiAuth, Uow
from woonregie.http.inputs import SaneDate
from woonregie.services import audit
from woonregie.services.persons import FieldError
from woonregie.store.pagination import BadCursor

router = APIRouter(tags=["audit"])

Text = Annotated[str | None, Query(max_length=64)]


@router.get("/audit", response_model=s.Page[s.AuditEntryOut],
            summary="Auditlog (alleen auditor), nieuwste eerst")
def audit_log(who: ApiAuth, uow: Uow, limit: Limit = 50, offset: Offset = 0,
              cursor: Cursor = None, actor: Text = None, entity_key: Text = None,
              action: Annotated[str | None, Query(max_length=32)] = None,
              person: Annotated[str | None, Query(
                  max_length=64, description="Alle regels over deze persoon")] = None,
              since: Annotated[SaneDate | None, Query(description="Vanaf deze dag (UTC)")] = None,
              until: Annotated[SaneDate | None, Query(
                  description="Tot en met deze dag (UTC)")] = None) -> dict:
    where = audit.AuditFilter(actor=actor, entity_key=entity_key, action=action, person=person,
                              since=since, until=until)
    try:
        result = audit.browse_page(uow, who.principal, where, limit=limit,
                                   offset=0 if cursor else offset, cursor=cursor)
    except BadCursor:
        raise FieldError("cursor", "ongeldige cursor; gebruik de waarde van 'next'") from None
    return page([s.AuditEntryOut.model_validate(e, from_attributes=True) for e in result.items],
                result.total, limit, offset, result.next, result.total_exact)
