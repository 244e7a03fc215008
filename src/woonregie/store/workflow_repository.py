"""The workflow's configuration and its traces in the database: decline reasons, step deadlines,
pauses after a decline (geparkeerd tot), stall alerts, and the match lists ("wacht op mij", the
API's list) as queries on the match table's indexes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, delete, false, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from woonregie.domain.match import SHARED_WITH_CORPORATION, MatchStep
from woonregie.domain.workflow import DEFAULT_DEADLINES, DEFAULT_REASONS, Decliner, DeclineReason
from woonregie.store import tables as t


def _reason(r: t.DeclineReasonRow) -> DeclineReason:
    return DeclineReason(r.code, r.label, Decliner(r.declined_by), r.pause_days,
                         r.urgency_lapses, r.needs_approval, r.active)


class DeclineReasonRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, active_only: bool = False) -> list[DeclineReason]:
        q = select(t.DeclineReasonRow).order_by(t.DeclineReasonRow.position,
                                                t.DeclineReasonRow.code)
        if active_only:
            q = q.where(t.DeclineReasonRow.active)
        found = [_reason(r) for r in self.session.scalars(q)]
        if not found and not self.session.scalar(select(t.DeclineReasonRow.code).limit(1)):
            return [r for r in DEFAULT_REASONS if r.active or not active_only]
        return found

    def get(self, code: str) -> DeclineReason | None:
        row = self.session.get(t.DeclineReasonRow, code)
        if row is not None:
            return _reason(row)
        if self.session.scalar(select(t.DeclineReasonRow.code).limit(1)) is None:
            return next((r for r in DEFAULT_REASONS if r.code == code), None)
        return None

    def put(self, reason: DeclineReason) -> None:
        """Insert or replace one reason (a new one goes last)."""
        row = self.session.get(t.DeclineReasonRow, reason.code)
        values = {"label": reason.label, "declined_by": str(reason.declined_by),
                  "pause_days": reason.pause_days, "urgency_lapses": reason.urgency_lapses,
                  "needs_approval": reason.needs_approval, "active": reason.active}
        if row is None:
            position = len(self.session.scalars(select(t.DeclineReasonRow.code)).all())
            self.session.execute(insert(t.DeclineReasonRow).values(
                code=reason.code, position=position, **values))
        else:
            self.session.execute(update(t.DeclineReasonRow)
                                 .where(t.DeclineReasonRow.code == reason.code).values(**values))


class DeadlineRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> dict[str, int | None]:
        """Days per live step; the shipped defaults when the region stored none."""
        rows = self.session.execute(select(t.StepDeadlineRow.step, t.StepDeadlineRow.days))
        found = {step: days for step, days in rows}
        return found if found else dict(DEFAULT_DEADLINES)

    def replace(self, deadlines: Mapping[str, int | None]) -> None:
        self.session.execute(delete(t.StepDeadlineRow))
        self.session.execute(insert(t.StepDeadlineRow),
                             [{"step": s, "days": d} for s, d in deadlines.items()])


@dataclass(frozen=True, slots=True)
class Pause:
    id: int
    person: str
    match_key: str | None
    reason_code: str
    on: date
    until: date | None
    lapse: str
    lifted_on: date | None
    lifted_by: str | None
    lift_reason: str


def _pause(r: t.PersonPauseRow) -> Pause:
    return Pause(r.id, r.person, r.match_key, r.reason_code, r.on_date, r.until, r.lapse,
                 r.lifted_on, r.lifted_by, r.lift_reason)


class PauseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, **fields: Any) -> int:
        result = self.session.execute(insert(t.PersonPauseRow).values(**fields))
        return int(result.inserted_primary_key[0])

    def add_all(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.session.execute(insert(t.PersonPauseRow), rows)

    def get(self, pause_id: int) -> Pause | None:
        row = self.session.get(t.PersonPauseRow, pause_id)
        return _pause(row) if row is not None else None

    @staticmethod
    def _active(on: date) -> Any:
        P = t.PersonPauseRow
        return and_(P.lifted_on.is_(None), P.until.is_not(None), P.until > on)

    def parked(self, persons: Iterable[str], on: date) -> dict[str, date]:
        """Of `persons`, those parked on `on`: the last day of their longest pause."""
        keys = sorted(set(persons))
        P = t.PersonPauseRow
        out: dict[str, date] = {}
        for i in range(0, len(keys), 900):
            q = select(P.person, P.until).where(P.person.in_(keys[i:i + 900]), self._active(on))
            for person, until in self.session.execute(q):
                if person not in out or until > out[person]:
                    out[person] = until
        return out

    def open(self, on: date, limit: int = 500) -> list[Pause]:
        """Pauses that still keep someone parked, or whose urgency lapse awaits approval."""
        P = t.PersonPauseRow
        q = (select(P).where(or_(self._active(on), P.lapse == "te_beoordelen"))
             .order_by(P.until, P.id).limit(limit))
        return [_pause(r) for r in self.session.scalars(q)]

    def lift(self, pause_id: int, on: date, by: str, reason: str) -> bool:
        P = t.PersonPauseRow
        done = self.session.execute(update(P).where(P.id == pause_id, P.lifted_on.is_(None))
                                    .values(lifted_on=on, lifted_by=by, lift_reason=reason))
        return done.rowcount == 1

    def set_lapse(self, pause_id: int, lapse: str, expected: str) -> bool:
        P = t.PersonPauseRow
        done = self.session.execute(update(P).where(P.id == pause_id, P.lapse == expected)
                                    .values(lapse=lapse))
        return done.rowcount == 1


@dataclass(frozen=True, slots=True)
class MatchFilter:
    """What one reader may list, plus the caller's filters (all in SQL)."""

    care_provider: str | None = None  # the caseworker's own clients
    corporation: str | None = None  # the corporation's own dwellings (shared steps only)
    gemeente: str | None = None  # dwellings in this gemeente (the regisseur)
    step: str | None = None
    organisation: str | None = None  # corporation or care provider involved
    stalled_on: date | None = None  # only matches stalled on this day
    deadlines: Mapping[str, int | None] | None = None
    waiting_steps: frozenset[MatchStep] | None = None  # only matches waiting in these steps


def match_key_query(f: MatchFilter) -> Select:
    """Keys of the matches `f` selects, in key order (keyset pages)."""
    M, P, D = t.MatchRow, t.PersonRow, t.DwellingRow
    q = select(M.key).order_by(M.key)
    needs_person = f.care_provider is not None or f.organisation is not None
    needs_dwelling = (f.corporation is not None or f.gemeente is not None
                      or f.organisation is not None)
    if needs_person:
        q = q.join(P, P.key == M.person)
    if needs_dwelling:
        q = q.join(D, D.code == M.dwelling)
    if f.care_provider is not None:
        q = q.where(P.care_provider == f.care_provider)
    if f.corporation is not None:
        q = q.where(D.corporation == f.corporation, M.confirmed_on.is_not(None))
    if f.gemeente is not None:
        buurt, wijk = aliased(t.AreaRow), aliased(t.AreaRow)
        q = (q.join(buurt, buurt.code == D.buurt).join(wijk, wijk.code == buurt.parent)
             .where(wijk.parent == f.gemeente))
    if f.organisation is not None:
        q = q.where(or_(D.corporation == f.organisation, P.care_provider == f.organisation))
    if f.step is not None:
        q = q.where(M.step == f.step)
    if f.waiting_steps is not None:
        q = q.where(M.live, M.step.in_(sorted(map(str, f.waiting_steps))))
    if f.stalled_on is not None:
        q = q.where(stalled_clause(f.deadlines or {}, f.stalled_on))
    return q


def stalled_clause(deadlines: Mapping[str, int | None], on: date) -> Any:
    """Live matches past their step's deadline on `on` (in the step longer than its days)."""
    M = t.MatchRow
    parts = [and_(M.step == step, M.step_on < on - timedelta(days=days))
             for step, days in deadlines.items() if days is not None]
    return and_(M.live, or_(*parts)) if parts else false()


def corporation_sees(step: str) -> bool:
    return step in SHARED_WITH_CORPORATION


class StallAlertRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def stalled(self, deadlines: Mapping[str, int | None], on: date,
                limit: int = 10_000) -> list[tuple[str, str, date]]:
        """(match key, step, step_on) of the matches stalled on `on`."""
        M = t.MatchRow
        q = (select(M.key, M.step, M.step_on).where(stalled_clause(deadlines, on))
             .order_by(M.step_on, M.key).limit(limit))
        return [(k, s, d) for k, s, d in self.session.execute(q)]

    def known(self, keys: Iterable[tuple[str, str, date]]) -> set[tuple[str, str, date]]:
        wanted = list(keys)
        A = t.StallAlertRow
        found: set[tuple[str, str, date]] = set()
        matches = sorted({k for k, _, _ in wanted})
        for i in range(0, len(matches), 900):
            q = select(A.match_key, A.step, A.step_on).where(A.match_key.in_(matches[i:i + 900]))
            found.update((k, s, d) for k, s, d in self.session.execute(q))
        return found

    def add_all(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.session.execute(insert(t.StallAlertRow), rows)

    def raised_since(self, since: date) -> list[t.StallAlertRow]:
        A = t.StallAlertRow
        return list(self.session.scalars(select(A).where(A.raised_on >= since)
                                          .order_by(A.raised_on, A.match_key)))
