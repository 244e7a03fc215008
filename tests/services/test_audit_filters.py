"""The audit log's filters (services/audit.AuditFilter) on both databases: date range, action,
user, and person (entries about the person and lists naming them in their detail)."""

from __future__ import annotations

from datetime import date, datetime

from tests.web_support import OPERATOR
from woonregie.domain.clock import FakeClock
from woonregie.services import audit
from woonregie.services.access import Principal, Role
from woonregie.services.audit import AuditFilter
from woonregie.store.unit_of_work import UnitOfWork

AUDITOR = Principal(0, "test:toezicht", Role.AUDITOR, "GEM", OPERATOR.org_kind)


def _write(engine, when: datetime, action: str, key: str | None, detail=None) -> None:
    with UnitOfWork(engine, clock=FakeClock(when)) as uow:
        audit.record(uow, OPERATOR, action, "person", key, detail)
        uow.commit()


def _seqs(engine, where: AuditFilter) -> list[tuple[str, str | None]]:
    with UnitOfWork(engine) as uow:
        entries, total = audit.browse(uow, AUDITOR, where=where)
    assert total == len(entries)
    return sorted((e.action, e.entity_key) for e in entries)


def test_filters(engine):
    _write(engine, datetime(2026, 3, 1, 9), "read", "P-1")
    _write(engine, datetime(2026, 3, 2, 23, 59), "list", None, {"keys": ["P-10", "P-1"]})
    _write(engine, datetime(2026, 3, 3, 0, 0), "list", None, {"keys": ["P-10"]})
    _write(engine, datetime(2026, 3, 4), "read", "P_1")  # an underscore is not a wildcard
    assert _seqs(engine, AuditFilter(person="P-1")) == [("list", None), ("read", "P-1")]
    assert _seqs(engine, AuditFilter(person="P_1")) == [("read", "P_1")]
    assert _seqs(engine, AuditFilter(since=date(2026, 3, 2), until=date(2026, 3, 2))) == [
        ("list", None)]
    assert _seqs(engine, AuditFilter(action="read", since=date(2026, 3, 2))) == [
        ("read", "P_1")]
    assert _seqs(engine, AuditFilter(actor="iemand-anders")) == []
