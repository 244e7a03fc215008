"""Keyset pages cover every row once, in order; counts stop at the cap."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select

from woonregie.store import pagination
from woonregie.store import tables as t
from woonregie.store.pagination import COUNT_CAP, decode_cursor, encode_cursor, page_of_keys
from woonregie.store.unit_of_work import UnitOfWork


def _areas(engine: Engine, n: int) -> None:
    with engine.begin() as conn:
        conn.execute(insert(t.AreaRow), [
            {"code": f"GM{i:05d}", "name": f"G{i}", "level": "gemeente", "parent": None}
            for i in range(n)])


def test_cursor_pages_walk_every_row_once(engine: Engine):
    _areas(engine, 23)
    q = select(t.AreaRow.code).order_by(t.AreaRow.code)
    seen, cursor = [], None
    with UnitOfWork(engine) as uow:
        while True:
            page = page_of_keys(uow.session, q, t.AreaRow.code, 5, after=cursor)
            assert page.count.value == 23 and page.count.exact
            seen += page.keys
            cursor = page.next
            if cursor is None:
                break
    assert seen == sorted(f"GM{i:05d}" for i in range(23))


def test_count_stops_at_the_cap(engine: Engine, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", 10)
    _areas(engine, 12)
    q = select(t.AreaRow.code).order_by(t.AreaRow.code)
    with UnitOfWork(engine) as uow:
        page = page_of_keys(uow.session, q, t.AreaRow.code, 5)
    assert (page.count.value, page.count.exact) == (10, False)
    assert COUNT_CAP == 10_000


def test_cursor_round_trips():
    assert decode_cursor(encode_cursor("P-00A1")) == "P-00A1"
