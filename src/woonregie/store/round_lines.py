"""A stored round's lines (match_lines) as the round page reads them: one page at a time, only
lines of persons the reader may see, counted per reason in SQL. A national round has tens of
thousands of lines; none of this loads them all.

`visible` is the reader's visibility query (`person_key_query`): the lines are those of the
persons it selects (`person IN (…)`, probing the round's (round_id, person) index for each), so
a regisseur who sees 3,000 of 135,000 persons costs 3,000 probes, not a scan of the round."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, and_, case, cast, func, not_, or_, select
from sqlalchemy.orm import Session

from woonregie.store import tables as t
from woonregie.store.pagination import (
    PAGE_COUNT_CAP,
    BadCursor,
    Count,
    capped_count,
    decode_cursor,
    encode_cursor,
)

L = t.MatchLineRow


def _has_code(code: str) -> Any:
    """The line's codes (a JSON list of strings) hold `code`: the quoted string is exact, so
    `geen_passende_woning` does not match `geen_passende_woning_huur`. Written as "the text
    shrinks when the code is cut out" rather than LIKE '%…%': PostgreSQL estimates such a LIKE
    on a cast at one row and then probes visibility per line (0.6 s at scale 50 instead of
    30 ms); this form gets the default estimate, and the plan joins the visible persons."""
    text_ = cast(L.codes, String)
    return func.length(text_) > func.length(func.replace(text_, f'"{code}"', ""))


@dataclass(frozen=True, slots=True)
class LinesPage:
    lines: list[t.MatchLineRow]
    next: str | None  # cursor of the following page; None on the last one


def line_cursor(housed: bool, rank: int | None, person: str) -> str:
    """The cursor after a line: proposals are ordered by (rank, person), the rest by person."""
    return encode_cursor(f"{rank}:{person}" if housed else person)


def parse_cursor(housed: bool, cursor: str) -> tuple[int, str] | str:
    """(rank, person) of a proposals cursor, the person of an unhoused one; BadCursor when
    this server did not hand it out."""
    text_ = decode_cursor(cursor)
    if not housed:
        return text_
    rank, sep, person = text_.partition(":")
    if not sep or not rank.isdigit():
        raise BadCursor(cursor)
    return int(rank), person


class RoundLines:
    def __init__(self, session: Session, round_id: int, visible: Select) -> None:
        self.session = session
        self.round_id = round_id
        self.seen = L.person.in_(visible.order_by(None))

    def _lines(self, housed: bool | None, code: str | None, *, seen: bool = True) -> Select:
        q = select(L).where(L.round_id == self.round_id)
        if housed:  # proposals always carry a rank: a range on (round_id, rank) skips the rest
            q = q.where(L.rank.is_not(None), L.dwelling.is_not(None))
        elif housed is not None:
            q = q.where(L.dwelling.is_(None))
        if code is not None:
            q = q.where(_has_code(code))
        return q.where(self.seen if seen else not_(self.seen))

    def page(self, housed: bool, code: str | None, limit: int | None,
             offset: int = 0, after: str | None = None) -> LinesPage:
        """Proposals by (rank, person), unhoused lines by person; visible ones only. After the
        cursor `after` (keyset: an index range whatever the depth), else from `offset`."""
        order = (L.rank, L.person) if housed else (L.person,)
        q = self._lines(housed, code).order_by(*order)
        if after:
            q = q.where(_after(housed, after))
        elif offset:
            q = q.offset(offset)
        rows = list(self.session.scalars(q.limit(None if limit is None else limit + 1)))
        if limit is None or len(rows) <= limit:
            return LinesPage(rows, None)
        last = rows[limit - 1]
        return LinesPage(rows[:limit], line_cursor(housed, last.rank, last.person))

    def count(self, housed: bool, code: str | None) -> Count:
        """Visible lines of one kind (with `code`), counted up to PAGE_COUNT_CAP."""
        return capped_count(self.session, self._lines(housed, code), PAGE_COUNT_CAP)

    def hidden(self) -> Count:
        """Lines of persons the reader may not see: counted (up to the cap), never shown."""
        return capped_count(self.session, self._lines(None, None, seen=False), PAGE_COUNT_CAP)

    def code_counts(self, codes: list[str]) -> dict[str, int]:
        """Unhoused lines per reason code, every line counted (aggregates need no basis). One
        pass over the round's lines: the caller keeps the answer (a stored round's lines do
        not change)."""
        if not codes:
            return {}
        columns = [func.sum(case((_has_code(c), 1), else_=0)) for c in codes]
        q = select(*columns).where(and_(L.round_id == self.round_id, L.dwelling.is_(None)))
        row = self.session.execute(q).one()
        return {c: int(n or 0) for c, n in zip(codes, row, strict=True)}


def _after(housed: bool, cursor: str) -> Any:
    position = parse_cursor(housed, cursor)
    if isinstance(position, tuple):
        rank, person = position
        return or_(L.rank > rank, and_(L.rank == rank, L.person > person))
    return L.person > position
