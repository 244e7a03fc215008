"""The audit log's filters (services/audit.AuditFilter) on both databases: date range, action,
user, and person (entries about the person and lists naming them in their detail)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import event, inspect

from tests.web_support import OPERATOR
from woonregie.domain.clock import FakeClock
from woonregie.services import audit
from woonregie.services.access import Principal, Role
from woonregie.services.audit import AuditFilter
from woonregie.store.pagination import BadCursor, encode_cursor
from woonregie.store.unit_of_work import UnitOfWork

AUDITOR = Principal(0, "test:toezicht", Role.AUDITOR, "GEM", OPERATOR.org_kind)


def _write(engine, when: datetime, action: str, key: str | None, detail=None) -> None:
    with UnitOfWork(engine, clock=FakeClock(when)) as uow:
        audit.record(uow, OPERATOR, action, "person", key, detail)
        uow.commit()


def _seqs(engine, where: AuditFilter) -> list[tuple[str, str | None]]:
    with UnitOfWork(engine) as uow:
        page = audit.browse_page(uow, AUDITOR, where, limit=100)
    assert page.total == len(page.items) and page.total_exact
    return sorted((e.action, e.entity_key) for e in page.items)


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


def _walk(engine, where: AuditFilter, size: int) -> tuple[list[int], list[int]]:
    """Every page by cursor: the sequence numbers shown and each page's length."""
    seqs, lengths, cursor = [], [], None
    while True:
        with UnitOfWork(engine) as uow:
            page = audit.browse_page(uow, AUDITOR, where, limit=size, cursor=cursor)
        seqs += [e.seq for e in page.items]
        lengths.append(len(page.items))
        if page.next is None:
            return seqs, lengths
        cursor = page.next


def test_pages_follow_the_cursor_newest_first_without_gaps_or_repeats(engine):
    # Times out of chain order and entries in the same instant: the page order is time, then
    # sequence, and a cursor names both, so a tie never loses or repeats an entry.
    times = [datetime(2026, 3, d, h) for d, h in ((1, 9), (2, 9), (2, 9), (2, 9), (1, 12),
                                                  (3, 8), (2, 9), (4, 1))]
    for n, when in enumerate(times):
        _write(engine, when, "read", f"P-{n}")
    with UnitOfWork(engine) as uow:
        everything = audit.browse_page(uow, AUDITOR, AuditFilter(), limit=100).items
    newest = sorted(everything, key=lambda e: (e.at, e.seq), reverse=True)
    seqs, lengths = _walk(engine, AuditFilter(), 3)
    assert seqs == [e.seq for e in newest] and lengths == [3, 3, 2]
    in_range = AuditFilter(since=date(2026, 3, 2), until=date(2026, 3, 2))
    seqs, _ = _walk(engine, in_range, 2)
    assert seqs == [e.seq for e in newest if e.at.date() == date(2026, 3, 2)]
    assert len(seqs) == 4


def test_the_page_count_stops_at_the_cap_and_a_foreign_cursor_is_refused(engine):
    for n in range(5):
        _write(engine, datetime(2026, 3, 1, n), "read", f"P-{n}")
    with UnitOfWork(engine) as uow:
        capped = audit.browse_page(uow, AUDITOR, AuditFilter(), limit=2, count_cap=3)
        full = audit.browse_page(uow, AUDITOR, AuditFilter(action="read"), limit=10)
        deep = audit.browse_page(uow, AUDITOR, AuditFilter(), limit=2, offset=4)
    assert (capped.total, capped.total_exact, len(capped.items)) == (3, False, 2)
    assert (full.total, full.total_exact, full.next) == (5, True, None)
    assert [e.entity_key for e in deep.items] == ["P-0"]  # a hand-typed page number
    for cursor in ("bm9nIGVlbg", "!!", encode_cursor("2026-03-01T00:00:00 abc")):
        with UnitOfWork(engine) as uow, pytest.raises(BadCursor):
            audit.browse_page(uow, AUDITOR, AuditFilter(), cursor=cursor)


def test_the_time_filter_and_page_order_read_the_time_index(engine):
    """The page's query (as the repository sends it) is planned as a range of
    ix_audit_log_at_seq on both databases, not a scan of the log."""
    assert {"name": "ix_audit_log_at_seq", "columns": ["at", "seq"]} in [
        {"name": i["name"], "columns": i["column_names"]}
        for i in inspect(engine).get_indexes("audit_log")]
    _write(engine, datetime(2026, 3, 1, 9), "read", "P-1")
    sent: list[tuple[str, object]] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many):
        if "ORDER BY audit_log.at DESC" in statement and "count(" not in statement:
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        with UnitOfWork(engine) as uow:
            first = audit.browse_page(uow, AUDITOR, AuditFilter(since=date(2026, 3, 1)),
                                      limit=1)
            assert first.items
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    (statement, parameters), = sent
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection.cursor()
        if engine.dialect.name == "postgresql":
            raw.execute("SET enable_seqscan = off")
            raw.execute("EXPLAIN " + statement, parameters)
        else:
            raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        plan = " ".join(str(row) for row in raw.fetchall())
    assert "ix_audit_log_at_seq" in plan, plan
    assert "Sort" not in plan and "TEMP B-TREE" not in plan, plan
