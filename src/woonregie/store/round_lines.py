"""A stored round's lines (match_lines) as the round page reads them: one page at a time, only
lines of persons the reader may see, counted per reason in SQL. A national round has tens of
thousands of lines; none of this loads them all.

`visible` is the reader's visibility query (`person_key_query`): the lines are those of the
persons it selects (`person IN (…)`, probing the round's (round_id, person) index for each), so
a regisseur who sees 3,000 of 135,000 persons costs 3,000 probes, not a scan of the round. The
page makes that pass ONCE (`outline`: person, rank, housed, codes of each visible line, no
reasons); both lists, their keyset pages and their counts come from it, and only the lines
shown are read whole. (Four visibility-driven queries per page before: 212 ms for a second
page at scale 50 on SQLite, with OFFSET.)"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, and_, case, cast, func, not_, select
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


def window(positions: list[Any], housed: bool, limit: int | None, offset: int = 0,
           after: str | None = None) -> tuple[int, int, str | None]:
    """Where one page lies in `positions` (the lines' sort keys in order: (rank, person) for
    proposals, person for the rest): after the cursor `after` when given, else from `offset`;
    (start, stop, cursor of the next page or None)."""
    start = bisect_right(positions, parse_cursor(housed, after)) if after else offset
    stop = len(positions) if limit is None else min(len(positions), start + limit)
    if stop >= len(positions) or stop <= start:
        return start, stop, None
    last = positions[stop - 1]
    rank, person = last if housed else (None, last)
    return start, stop, line_cursor(housed, rank, person)


@dataclass(frozen=True, slots=True)
class _Outline:
    """What paging and counting need of a visible line (not its reasons)."""

    person: str
    rank: int | None
    housed: bool
    codes: tuple[str, ...]


class RoundLines:
    def __init__(self, session: Session, round_id: int, visible: Select) -> None:
        self.session = session
        self.round_id = round_id
        self.seen = L.person.in_(visible.order_by(None))
        self._outline: list[_Outline] | None = None

    def _lines(self, housed: bool | None, code: str | None, *, seen: bool = True) -> Select:
        q = select(L).where(L.round_id == self.round_id)
        if housed:  # proposals always carry a rank: a range on (round_id, rank) skips the rest
            q = q.where(L.rank.is_not(None), L.dwelling.is_not(None))
        elif housed is not None:
            q = q.where(L.dwelling.is_(None))
        if code is not None:
            q = q.where(_has_code(code))
        return q.where(self.seen if seen else not_(self.seen))

    def outline(self) -> list[_Outline]:
        """Every visible line of the round, without its reasons: ONE pass over the reader's
        visible persons (their (round_id, person) entries), which each list, page and count
        of the page shares; the reasons are read only for the lines shown."""
        if self._outline is None:
            q = select(L.person, L.rank, L.dwelling.is_not(None), L.codes).where(
                L.round_id == self.round_id, self.seen)
            self._outline = [_Outline(person, rank, bool(housed), tuple(codes or ()))
                             for person, rank, housed, codes in self.session.execute(q)]
        return self._outline

    def _positions(self, housed: bool, code: str | None) -> list[Any]:
        lines = [ln for ln in self.outline() if ln.housed == housed
                 and (code is None or code in ln.codes)]
        if housed:
            return sorted((ln.rank or 0, ln.person) for ln in lines)
        return sorted(ln.person for ln in lines)

    def page(self, housed: bool, code: str | None, limit: int | None,
             offset: int = 0, after: str | None = None) -> LinesPage:
        """Proposals by (rank, person), unhoused lines by person; visible ones only. After the
        cursor `after` (keyset), else from `offset`; BadCursor for a cursor not ours."""
        positions = self._positions(housed, code)
        start, stop, following = window(positions, housed, limit, offset, after)
        persons = [pos[1] if housed else pos for pos in positions[start:stop]]
        if not persons:
            return LinesPage([], following)
        rows = {row.person: row for row in self.session.scalars(
            select(L).where(L.round_id == self.round_id, L.person.in_(persons)))}
        return LinesPage([rows[p] for p in persons if p in rows], following)

    def count(self, housed: bool, code: str | None) -> Count:
        """Visible lines of one kind (with `code`): exact, from the outline."""
        return Count(len(self._positions(housed, code)), True)

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

