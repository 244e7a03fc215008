"""The weekly digest per organisation (weekoverzicht): what waits for it in the workflow, what
stalled, which signals wait for its answer — as an HTML and a plain-text file per organisation
in a directory (`woonregie jobs run --dir …`), ready to be mailed by whatever the region uses;
no mail server is needed here.

A digest names matches, dwellings and persons by key only (no names, no care details): whoever
receives it opens Woonregie to see more, where access is checked and audited. Writing a digest
is audited per organisation with the keys it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from woonregie.documents.digest import render_digest
from woonregie.domain.enums import OrgKind
from woonregie.domain.match import Match
from woonregie.domain.vocabulary import label_of
from woonregie.domain.workflow import WAITING_FOR, Party, is_stalled
from woonregie.services import audit, periodic
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import (
    DeadlineRepository,
    MatchFilter,
    StallAlertRepository,
    match_key_query,
)

PARTY_OF_KIND = {OrgKind.ZORGAANBIEDER: Party.ZORGAANBIEDER,
                 OrgKind.WONINGCORPORATIE: Party.CORPORATIE, OrgKind.GEMEENTE: Party.GEMEENTE}


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    person: str
    dwelling: str
    step: str
    since: date
    days: int
    stalled: bool


@dataclass(slots=True)
class Digest:
    organisation: str
    name: str
    week: str
    first: date
    last: date
    waiting: list[Line] = field(default_factory=list)  # waiting for this organisation
    stalled_here: list[Line] = field(default_factory=list)  # gemeente: stalled in it
    new_stalls: int = 0
    signals: list[tuple[str, str, date, bool]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.waiting or self.stalled_here or self.signals)

    def keys(self) -> list[str]:
        return sorted({x.person for x in self.waiting + self.stalled_here})


def _lines(uow: UnitOfWork, f: MatchFilter, deadlines: dict[str, int | None],
           today: date) -> list[Line]:
    assert uow.session is not None
    keys = list(uow.session.scalars(match_key_query(f).limit(500)))
    found: list[Match] = uow.matches.get_many(keys)
    lines = [Line(m.key, m.person, m.dwelling, str(m.step), m.step_on,
                  (today - m.step_on).days,
                  is_stalled(m.step, m.step_on, deadlines, today)) for m in found]
    return sorted(lines, key=lambda x: (not x.stalled, -x.days, x.key))


def digest_of(uow: UnitOfWork, code: str, name: str, kind: OrgKind, gemeente: str | None,
              today: date, deadlines: dict[str, int | None]) -> Digest:
    week = periodic.weekly(today)
    d = Digest(code, name, week, today - timedelta(days=6), today)
    party = PARTY_OF_KIND[kind]
    steps = frozenset(s for s, p in WAITING_FOR.items() if p is party)
    if kind is OrgKind.ZORGAANBIEDER:
        d.waiting = _lines(uow, MatchFilter(care_provider=code, waiting_steps=steps),
                           deadlines, today)
    elif kind is OrgKind.WONINGCORPORATIE:
        d.waiting = _lines(uow, MatchFilter(corporation=code, waiting_steps=steps),
                           deadlines, today)
    elif gemeente is not None:
        d.stalled_here = _lines(uow, MatchFilter(gemeente=gemeente, stalled_on=today,
                                                 deadlines=deadlines), deadlines, today)
        assert uow.session is not None
        fresh = {a.match_key for a in StallAlertRepository(uow.session).raised_since(d.first)}
        d.new_stalls = sum(x.key in fresh for x in d.stalled_here)
    S = t.SignalRow
    waiting = uow.signals.find([S.recipient == code, S.acknowledged_on.is_(None),
                                S.closed_on.is_(None)], limit=500)
    d.signals = [(s.key, label_of(s.kind), s.due_on, s.overdue(today)) for s in waiting]
    return d


def write_digests(ctx: periodic.TaskContext) -> str:
    uow = ctx.uow
    assert uow.session is not None
    deadlines = DeadlineRepository(uow.session).all()
    folder = ctx.out_dir / periodic.weekly(ctx.today)
    written = 0
    for org in uow.organisations.list():
        kind = OrgKind(org.kind)
        if kind not in PARTY_OF_KIND:
            continue
        d = digest_of(uow, org.code, org.name, kind, org.gemeente, ctx.today, deadlines)
        if d.empty:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        html, text = render_digest(d)
        (folder / f"{org.code}.html").write_text(html, encoding="utf-8")
        (folder / f"{org.code}.txt").write_text(text, encoding="utf-8")
        audit.record(uow, ctx.actor, "digest", "match", None,
                     {"organisation": org.code, "week": d.week, "persons": d.keys()})
        written += 1
    return f"{written} weekoverzicht(en) geschreven in {folder}"


periodic.register(periodic.PeriodicTask(
    "weekoverzicht", "Weekoverzicht per organisatie", write_digests, periodic.weekly))

