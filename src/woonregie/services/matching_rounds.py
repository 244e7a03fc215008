"""Matching rounds on the database (matchingsronde): who is ready, what is free, who gets what.

One round is one transaction: read the people who are `uitstroomklaar` and the dwellings that are
`vrij`, turn them into a `Round` (matching/from_region.py, pure), run the pure engine, then store
the round with every line and explanation and open a match (bemiddeling) per assignment, which
moves the person and the dwelling to `voorgedragen`. A concurrent change to any of them aborts the
whole round, so no dwelling is ever proposed twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import insert, select

from woonregie.domain.enums import DwellingStatus
from woonregie.domain.errors import DomainError
from woonregie.domain.match import Match
from woonregie.domain.model import Dwelling, Person
from woonregie.domain.status import PersonStatus
from woonregie.matching.engine import solve
from woonregie.matching.from_region import round_from_region, without_team
from woonregie.matching.instance import Round
from woonregie.matching.result import Assignment, MatchResult, Unassigned
from woonregie.services import audit, messagebus
from woonregie.services.access import Principal, Purpose
from woonregie.services.matches import new_key
from woonregie.store import tables as t
from woonregie.store.repositories import ConcurrentUpdate
from woonregie.store.unit_of_work import UnitOfWork
from woonregie.store.workflow_repository import PauseRepository

NO_TEAM = "geen_team"
PARKED = "geparkeerd"
"""A person parked after a decline (geparkeerd tot, issue 9): not in the round until then."""


class RoundConflict(DomainError):
    """The region changed while the round ran; nothing was written."""


@dataclass
class RoundOutcome:
    """A round's result: the engine's typed result plus the people kept out of the round."""

    policy: str
    result: MatchResult
    excluded: list[Unassigned] = field(default_factory=list)
    round_id: int | None = None  # None for a dry run
    comparison: dict[str, int] = field(default_factory=dict)  # housed per policy (dry runs)

    @property
    def housed(self) -> int:
        return self.result.housed

    @property
    def unassigned(self) -> list[Unassigned]:
        return list(self.result.unassigned) + self.excluded

    def to_json(self) -> dict[str, Any]:
        out = self.result.to_json()
        out["unassigned"] += [
            {"candidate": u.candidate, "reasons": list(u.reasons), "codes": list(u.codes)}
            for u in self.excluded
        ]
        out["round"] = self.round_id
        out["policy"] = self.policy
        return out


def _excluded(p: Person) -> Unassigned:
    return Unassigned(
        candidate=p.key,
        codes=(NO_TEAM,),
        reasons=(
            "Heeft ambulante begeleiding nodig, maar er is geen begeleidingsteam toegewezen: "
            "wijs een team toe om mee te doen aan de ronde.",
        ),
    )


@dataclass
class _Register:
    """What a round reads: the ready people and the free dwellings, by key."""

    ready: dict[str, Person]
    free: dict[str, Dwelling]


def _parked(key: str, until: date) -> Unassigned:
    return Unassigned(
        candidate=key,
        codes=(PARKED,),
        reasons=(f"Geparkeerd tot {until:%d-%m-%Y} na een weigering: doet daarna weer mee, "
                 "of eerder als de regisseur de pauze opheft.",),
    )


def _read(uow: UnitOfWork, today: date) -> tuple[Round, list[Unassigned], _Register]:
    teams = uow.teams.list()
    ready = uow.persons.find(status=PersonStatus.UITSTROOMKLAAR)
    assert uow.session is not None
    parked = PauseRepository(uow.session).parked([p.key for p in ready], today)
    ready = [p for p in ready if p.key not in parked]
    free = uow.dwellings.find(status=DwellingStatus.VRIJ)
    round_ = round_from_region(ready, free, teams, uow.areas.list(), uow.complexes.list(), today)
    excluded = [_excluded(p) for p in without_team(ready, teams)]
    excluded += [_parked(key, until) for key, until in sorted(parked.items())]
    return round_, excluded, _Register({p.key: p for p in ready}, {d.code: d for d in free})


def build_round(uow: UnitOfWork, today: date) -> tuple[Round, list[Unassigned]]:
    """The round's instance from the register, and the ready people who cannot take part."""
    round_, excluded, _ = _read(uow, today)
    return round_, excluded


Report = Callable[[int, int, str], None]
"""Progress of a round: (steps done, steps in all, what it does now, in Dutch)."""


Finish = Callable[[UnitOfWork, "RoundOutcome"], None]
"""Last work inside a round's transaction, before its commit."""


def _silent(_done: int, _total: int, _message: str) -> None:
    return None


def _nothing(_uow: UnitOfWork, _outcome: RoundOutcome) -> None:
    return None


def run_round(
    uow: UnitOfWork,
    *,
    today: date,
    actor: Principal,
    policy: str = "optimal",
    dry_run: bool = False,
    compare: Sequence[str] = (),
    progress: Report = _silent,
    finish: Finish = _nothing,
) -> RoundOutcome:
    """Run and (unless `dry_run`) commit one round. Raises RoundConflict on a concurrent change.

    A dry run also solves each policy in `compare` on the same people and dwellings (one read)
    and reports how many each would house. `progress` hears of each step before it starts;
    it is never called while the round holds write locks (a stored round reports its writing
    as one step). `finish` runs inside the round's transaction right before its commit (a
    background job completes itself there: services/round_jobs.py).

    Reading the ready people is audited even for a dry run: it is a read of personal data.
    """
    others = [p for p in compare if p != policy] if dry_run else []
    steps = 2 + len(others) if dry_run else 3
    progress(0, steps, "Uitstroomklare personen en vrije woningen lezen")
    round_, excluded, register = _read(uow, today)
    progress(1, steps, f"Toewijzing berekenen ({len(round_.candidates)} kandidaten, "
                       f"{len(round_.dwellings)} vrije woningen)")
    outcome = RoundOutcome(policy, solve(round_, policy=policy), excluded)
    outcome.comparison = {policy: outcome.housed}
    for i, other in enumerate(others, start=2):
        progress(i, steps, f"Vergelijken met beleid {other}")
        outcome.comparison[other] = solve(round_, policy=other).housed
    detail = {"policy": policy, "candidates": len(round_.candidates) + len(excluded),
              "housed": outcome.housed, "dry_run": dry_run}
    if dry_run:
        audit.record(uow, actor, "list", "match_round", None, detail, Purpose.REGIE)
        finish(uow, outcome)
        uow.commit()
        return outcome
    progress(2, steps, f"Ronde opslaan en {outcome.housed} voordrachten vastleggen")
    outcome.round_id = _store(uow, round_, outcome, today, actor.username)
    audit.record(uow, actor, "create", "match_round", str(outcome.round_id), detail, Purpose.REGIE)
    try:
        _propose(uow, outcome.result.assignments, register, outcome.round_id, today, actor)
    except ConcurrentUpdate as exc:
        uow.rollback()
        raise RoundConflict(f"Ronde afgebroken, er is niets opgeslagen: {exc}") from exc
    finish(uow, outcome)
    messagebus.commit(uow, actor)
    return outcome


def _line(round_id: int, line: Assignment | Unassigned) -> dict[str, Any]:
    assigned = isinstance(line, Assignment)
    return {
        "round_id": round_id, "person": line.candidate,
        "dwelling": line.dwelling if assigned else None,
        "rank": line.rank if assigned else None, "fit": line.fit if assigned else None,
        "codes": list(line.codes), "reasons": list(line.reasons),
    }


def _store(uow: UnitOfWork, round_: Round, o: RoundOutcome, today: date, actor: str) -> int:
    s = uow.session
    assert s is not None
    round_id = s.execute(
        insert(t.MatchRoundRow).returning(t.MatchRoundRow.id),
        {
            "run_at": uow.clock.now(), "run_on": today, "run_by": actor, "policy": o.policy,
            "candidates": len(round_.candidates) + len(o.excluded),
            "dwellings": len(round_.dwellings), "housed": o.housed,
        },
    ).scalar_one()
    lines = [_line(round_id, a) for a in o.result.assignments]
    lines += [_line(round_id, u) for u in o.unassigned]
    if lines:
        s.execute(insert(t.MatchLineRow), lines)
    return round_id


def _propose(uow: UnitOfWork, assignments: tuple[Assignment, ...], register: _Register,
             round_id: int, today: date, actor: Principal) -> None:
    """Open a match per assignment: person and dwelling to voorgedragen (MatchProposed audits).

    Locks in the one documented order (README "Concurrency"): dwelling rows by code, then person
    rows by key; the audit chain last, at commit. A concurrent change raises ConcurrentUpdate.
    """
    opened = []
    for a in assignments:
        person, dwelling = register.ready[a.candidate], register.free[a.dwelling]
        try:
            opened.append(Match.propose(new_key(), person, dwelling, today, actor.username,
                                        round_id))
        except DomainError as exc:
            raise ConcurrentUpdate(str(exc)) from exc
    for m in sorted(opened, key=lambda m: m.dwelling):
        if not uow.dwellings.claim(m.dwelling, DwellingStatus.VRIJ, DwellingStatus.VOORGEDRAGEN):
            raise ConcurrentUpdate(f"woning {m.dwelling} is intussen niet meer vrij")
    for m in sorted(opened, key=lambda m: m.person):
        uow.persons.save(register.ready[m.person])
    uow.matches.add_all(opened)


def round_lines(uow: UnitOfWork, round_id: int) -> list[t.MatchLineRow]:
    """Every stored line of a round, housed first, for display and explanation."""
    q = (
        select(t.MatchLineRow)
        .where(t.MatchLineRow.round_id == round_id)
        .order_by(t.MatchLineRow.dwelling.is_(None), t.MatchLineRow.person)
    )
    return list(uow.session.scalars(q))
