"""Repository of signals (signalen) and the gemeenten's acknowledgement days (signal rules).

Like the match repository it remembers the signals it handed out (`seen`) so the unit of work
can collect their events, and `save` checks the version it read: two people acknowledging or
closing one signal at once cannot both win.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, insert, or_, select, update
from sqlalchemy.orm import Session

from woonregie.domain.signal import (
    Arrears,
    Signal,
    SignalKind,
    SignalOutcome,
    SignalRoute,
    SignalStatus,
)
from woonregie.store import tables as t
from woonregie.store.repositories import ConcurrentUpdate, insert_chunked

S = t.SignalRow

MUTABLE = ("status", "action", "acknowledged_on", "acknowledged_by", "escalated_on", "outcome",
           "closed_on", "closed_by")


def _row(s: Signal) -> dict[str, Any]:
    return {
        "key": s.key, "person": s.person, "dwelling": s.dwelling, "corporation": s.corporation,
        "care_provider": s.care_provider, "gemeente": s.gemeente, "route": str(s.route),
        "recipient": s.recipient, "kind": str(s.kind), "raised_on": s.raised_on,
        "raised_by": s.raised_by, "due_on": s.due_on, "note": s.note,
        "arrears_amount": float(s.arrears.amount) if s.arrears else None,
        "arrears_months": s.arrears.months if s.arrears else None, "version": 1,
        **_mutable(s),
    }


def _mutable(s: Signal) -> dict[str, Any]:
    out = {name: getattr(s, name) for name in MUTABLE}
    out["status"] = str(s.status)
    out["outcome"] = str(s.outcome) if s.outcome else None
    return out


def _signal(r: Any) -> Signal:
    arrears = (Arrears(Decimal(str(r.arrears_amount)), r.arrears_months)
               if r.arrears_amount is not None else None)
    return Signal(
        r.key, r.person, r.dwelling, r.corporation, r.care_provider, r.gemeente,
        SignalRoute(r.route), r.recipient, SignalKind(r.kind), r.raised_on, r.raised_by,
        r.due_on, r.note, arrears, SignalStatus(r.status), r.action, r.acknowledged_on,
        r.acknowledged_by, r.escalated_on, SignalOutcome(r.outcome) if r.outcome else None,
        r.closed_on, r.closed_by,
    )


class SignalRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.seen: dict[str, Signal] = {}
        self._versions: dict[str, int] = {}

    def add_all(self, signals: Sequence[Signal]) -> None:
        insert_chunked(self.session, S, (_row(s) for s in signals))
        for s in signals:
            self.seen[s.key], self._versions[s.key] = s, 1

    def add(self, signal: Signal) -> None:
        self.add_all([signal])

    def save(self, s: Signal) -> None:
        version = self._versions[s.key]
        result = self.session.execute(
            update(S).where(S.key == s.key, S.version == version)
            .values(version=version + 1, **_mutable(s)))
        if result.rowcount != 1:
            raise ConcurrentUpdate(f"signaal {s.key} is intussen door iemand anders gewijzigd")
        self._versions[s.key] = version + 1

    def get(self, key: str) -> Signal | None:
        found = self._load(select(S).where(S.key == key))
        return found[0] if found else None

    def find(self, where: Iterable[ColumnElement[bool]] = (), limit: int | None = None,
             offset: int = 0) -> list[Signal]:
        q = select(S).where(*where).order_by(S.raised_on.desc(), S.key).offset(offset)
        return self._load(q.limit(limit) if limit is not None else q)

    def due_for_escalation(self, on: date) -> list[Signal]:
        """Signals to a care provider still waiting past their date (index status, due_on)."""
        return self._load(select(S).where(S.status == str(SignalStatus.GEMELD),
                                          S.route == str(SignalRoute.ZORGAANBIEDER),
                                          S.due_on < on).order_by(S.due_on, S.key))

    def _load(self, q: Select) -> list[Signal]:
        out = []
        for r in self.session.scalars(q):
            signal = _signal(r)
            self.seen[r.key], self._versions[r.key] = signal, r.version
            out.append(signal)
        return out

    def collect_new_events(self) -> Iterable[Any]:
        for s in self.seen.values():
            while s.events:
                yield s.events.pop(0)

    # --- the gemeenten's acknowledgement days ---------------------------------------------

    def rules(self, gemeente: str) -> dict[str, int]:
        R = t.SignalRuleRow
        q = select(R.kind, R.acknowledge_days).where(R.gemeente == gemeente)
        return {kind: days for kind, days in self.session.execute(q)}

    def set_rule(self, gemeente: str, kind: str, days: int) -> None:
        R = t.SignalRuleRow
        done = self.session.execute(update(R).where(R.gemeente == gemeente, R.kind == kind)
                                    .values(acknowledge_days=days))
        if done.rowcount == 0:
            self.session.execute(insert(R).values(gemeente=gemeente, kind=kind,
                                                  acknowledge_days=days))


def visible_to(organisation: str, *, corporation: bool = False, gemeente: str | None = None,
               ) -> ColumnElement[bool]:
    """Which signals an organisation may list: a corporation its own; a recipient what it
    received; a gemeente (seat `gemeente`) also what escalated in its gemeente."""
    if corporation:
        return S.corporation == organisation
    mine = S.recipient == organisation
    if gemeente is None:
        return mine
    return or_(mine, and_(S.gemeente == gemeente, S.escalated_on.is_not(None)))
