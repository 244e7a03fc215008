"""Repositories of matches (bemiddelingen) and placements (verhuringen).

`MatchRepository` remembers every match it handed out or took in (`seen`), so the unit of work
can collect the events they recorded; `save` checks the version it read, so two writers cannot
both move one match on. The partial unique indexes on `matches.live` back that up in the
database: one live match per dwelling and per person, whatever the code does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.orm import Session

from woonregie.domain.enums import HousingForm, TargetGroup
from woonregie.domain.match import Match, MatchStep, MatchTransition
from woonregie.domain.placement import EndReason, Placement
from woonregie.store import tables as t
from woonregie.store.repositories import ConcurrentUpdate, insert_chunked


def _transition_rows(m: Match, start: int = 0) -> list[dict[str, Any]]:
    return [
        {"match_key": m.key, "seq": i, "source": str(tr.source) if tr.source else None,
         "target": str(tr.target), "on_date": tr.on, "by": tr.by, "reason": tr.reason,
         "details": dict(tr.details) or None}
        for i, tr in enumerate(m.history) if i >= start
    ]


def _match_row(m: Match) -> dict[str, Any]:
    return {"key": m.key, "person": m.person, "dwelling": m.dwelling, "round_id": m.round_id,
            "step": str(m.step), "live": m.live, "opened_on": m.opened_on, "version": 1,
            "step_on": m.step_on, "confirmed_on": m.confirmed_on}


class MatchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: dict[str, Match] = {}
        self._versions: dict[str, int] = {}
        self._stored: dict[str, int] = {}

    def add(self, m: Match) -> None:
        self.add_all([m])

    def add_all(self, matches: Sequence[Match]) -> None:
        insert_chunked(self.session, t.MatchRow, (_match_row(m) for m in matches))
        insert_chunked(self.session, t.MatchTransitionRow,
                       (row for m in matches for row in _transition_rows(m)))
        for m in matches:
            self.seen[m.key] = m
            self._versions[m.key] = 1
            self._stored[m.key] = len(m.history)

    def save(self, m: Match) -> None:
        """Write the step and new history; fails if someone else moved the match first."""
        version = self._versions[m.key]
        result = self.session.execute(
            update(t.MatchRow)
            .where(t.MatchRow.key == m.key, t.MatchRow.version == version)
            .values(step=str(m.step), live=m.live, version=version + 1, step_on=m.step_on,
                    confirmed_on=m.confirmed_on)
        )
        if result.rowcount != 1:
            raise ConcurrentUpdate(f"bemiddeling {m.key} is intussen door iemand anders gewijzigd")
        self._versions[m.key] = version + 1
        new = _transition_rows(m, self._stored[m.key])
        if new:
            self.session.execute(insert(t.MatchTransitionRow), new)
        self._stored[m.key] = len(m.history)
        self.seen[m.key] = m

    def get(self, key: str) -> Match | None:
        found = self._load(select(t.MatchRow).where(t.MatchRow.key == key))
        return found[0] if found else None

    def get_many(self, keys: Sequence[str]) -> list[Match]:
        """The matches of `keys`, in key order (a page of a list)."""
        found: list[Match] = []
        for i in range(0, len(keys), 900):
            found += self._load(select(t.MatchRow).where(t.MatchRow.key.in_(keys[i:i + 900])))
        return sorted(found, key=lambda m: m.key)

    def live_for_person(self, person: str) -> Match | None:
        found = self._load(select(t.MatchRow).where(t.MatchRow.person == person, t.MatchRow.live))
        return found[0] if found else None

    def find(self, *, person: str | None = None, dwelling: str | None = None,
             live: bool | None = None, round_id: int | None = None) -> list[Match]:
        q = select(t.MatchRow).order_by(t.MatchRow.opened_on, t.MatchRow.key)
        for col, value in ((t.MatchRow.person, person), (t.MatchRow.dwelling, dwelling),
                           (t.MatchRow.live, live), (t.MatchRow.round_id, round_id)):
            if value is not None:
                q = q.where(col == value)
        return self._load(q)

    def _load(self, q: Select) -> list[Match]:
        rows = list(self.session.scalars(q))
        history = self._histories([r.key for r in rows])
        out = []
        for r in rows:
            m = self.seen.get(r.key)
            if m is None or self._versions.get(r.key) != r.version:
                m = Match(r.key, r.person, r.dwelling, r.round_id, MatchStep(r.step),
                          history[r.key])
                self.seen[r.key] = m
            self._versions[r.key] = r.version
            self._stored[r.key] = len(m.history)
            out.append(m)
        return out

    def _histories(self, keys: list[str]) -> dict[str, list[MatchTransition]]:
        by_match: dict[str, list[MatchTransition]] = defaultdict(list)
        T = t.MatchTransitionRow
        for i in range(0, len(keys), 900):  # stay under SQLite's bound-parameter limit
            q = select(T).where(T.match_key.in_(keys[i : i + 900])).order_by(T.match_key, T.seq)
            for r in self.session.scalars(q):
                by_match[r.match_key].append(MatchTransition(
                    MatchStep(r.source) if r.source else None, MatchStep(r.target), r.on_date,
                    r.by, r.reason, r.details or {}))
        return by_match

    def collect_new_events(self) -> Iterable[Any]:
        for m in self.seen.values():
            while m.events:
                yield m.events.pop(0)


def _placement_row(p: Placement) -> dict[str, Any]:
    return {
        "person": p.person, "dwelling": p.dwelling, "match_key": p.match,
        "corporation": p.corporation, "gemeente": p.gemeente, "buurt": p.buurt,
        "complex": p.complex, "housing_form": str(p.housing_form),
        "target_group": str(p.target_group), "start_date": p.start,
        "agreement_year": p.start.year, "end_date": p.end,
        "end_reason": str(p.end_reason) if p.end_reason else None,
    }


def _placement_from(r: Any) -> Placement:
    return Placement(
        r.person, r.dwelling, r.corporation, r.gemeente, r.buurt, r.complex,
        HousingForm(r.housing_form), TargetGroup(r.target_group), r.start_date, r.match_key,
        r.end_date, EndReason(r.end_reason) if r.end_reason else None,
    )


class PlacementRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_all(self, placements: Iterable[Placement]) -> int:
        return insert_chunked(self.session, t.PlacementRow, (_placement_row(p) for p in placements))

    def list(self, *, person: str | None = None, dwelling: str | None = None) -> list[Placement]:
        q = select(t.PlacementRow).order_by(t.PlacementRow.start_date, t.PlacementRow.id)
        if person is not None:
            q = q.where(t.PlacementRow.person == person)
        if dwelling is not None:
            q = q.where(t.PlacementRow.dwelling == dwelling)
        return [_placement_from(r) for r in self.session.scalars(q)]

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(t.PlacementRow)) or 0

    def running(self, *, person: str | None = None,
                dwelling: str | None = None) -> Placement | None:
        """The placement without an end date of a person, or in a dwelling (or None)."""
        P = t.PlacementRow
        q = select(P).where(P.end_date.is_(None)).order_by(P.start_date.desc()).limit(1)
        q = q.where(P.person == person) if person is not None else q.where(P.dwelling == dwelling)
        row = self.session.scalars(q).first()
        return _placement_from(row) if row is not None else None

    def running_of(self, corporation: str, limit: int = 500) -> list[Placement]:
        """A corporation's running placements (tenants housed through Woonregie)."""
        P = t.PlacementRow
        q = (select(P).where(P.corporation == corporation, P.end_date.is_(None))
             .order_by(P.dwelling).limit(limit))
        return [_placement_from(r) for r in self.session.scalars(q)]

    def end(self, p: Placement) -> None:
        """Write the end date and reason of a running placement (guarded: still running)."""
        P = t.PlacementRow
        done = self.session.execute(
            update(P).where(P.person == p.person, P.start_date == p.start, P.end_date.is_(None))
            .values(end_date=p.end, end_reason=str(p.end_reason) if p.end_reason else None))
        if done.rowcount != 1:
            raise ConcurrentUpdate(f"plaatsing van {p.person} is intussen gewijzigd")

    def existing(self, keys: Iterable[tuple[str, Any]]) -> set[tuple[str, Any]]:
        """Which (person, start date) pairs are stored already (duplicate checks on import)."""
        wanted = set(keys)
        persons = sorted({p for p, _ in wanted})
        found: set[tuple[str, Any]] = set()
        P = t.PlacementRow
        for i in range(0, len(persons), 900):
            q = select(P.person, P.start_date).where(P.person.in_(persons[i : i + 900]))
            found.update((p, d) for p, d in self.session.execute(q) if (p, d) in wanted)
        return found
