"""Matching rounds on the database (matchingsronde): who is ready, what is free, who gets what.

One round is one transaction: read the people who are `uitstroomklaar` and the dwellings that are
`vrij`, run the pure engine, then store the round with every proposal and explanation, move the
matched people to `voorgedragen` and claim their dwellings. A concurrent change to any of them
aborts the whole round, so no dwelling is ever proposed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select

from woonregie.domain.enums import DwellingStatus
from woonregie.domain.errors import DomainError
from woonregie.domain.model import Dwelling, Person, SupportTeam
from woonregie.domain.status import PersonStatus
from woonregie.matching.engine import solve
from woonregie.matching.instance import AreaNode, Candidate, DwellingOffer, Round
from woonregie.services import audit
from woonregie.services.access import Principal, Purpose
from woonregie.services.proposals import record_proposal
from woonregie.store import tables as t
from woonregie.store.repositories import ConcurrentUpdate
from woonregie.store.unit_of_work import UnitOfWork

NO_TEAM = "geen_team"


class RoundConflict(DomainError):
    """The region changed while the round ran; nothing was written."""


@dataclass
class RoundOutcome:
    """A round's result: the engine's JSON result plus the people kept out of the round."""

    policy: str
    result: dict[str, Any]
    excluded: list[dict[str, Any]] = field(default_factory=list)
    round_id: int | None = None  # None for a dry run

    @property
    def housed(self) -> int:
        return int(self.result["housed"])

    def to_json(self) -> dict[str, Any]:
        out = dict(self.result)
        out["unassigned"] = list(self.result["unassigned"]) + self.excluded
        out["round"] = self.round_id
        out["policy"] = self.policy
        return out


def _candidate(p: Person, teams: dict[str, SupportTeam], today: date) -> Candidate:
    team = teams.get(p.support_team) if p.support_team and p.needs_support else None
    return Candidate(
        id=p.key,
        priority=p.priority,
        waiting_days=p.waiting_days(today),
        household_size=p.household_size,
        max_rent=p.max_rent(today.year),
        needs=tuple(sorted(p.required_features)),
        areas=p.acceptable_areas,
        support_areas=team.areas if team else (),
        housing_forms=tuple(sorted(str(f) for f in p.allowed_forms)),
        preferred_areas=p.preferred_areas,
        support_team=team.code if team else None,
    )


def _offer(d: Dwelling) -> DwellingOffer:
    return DwellingOffer(
        id=d.code, area=d.buurt, rent=d.rent, complex=d.complex,
        min_household=d.min_household, max_household=d.max_household,
        features=tuple(sorted(d.features)), housing_form=str(d.housing_form),
    )


def _excluded(p: Person) -> dict[str, Any]:
    return {
        "candidate": p.key,
        "codes": [NO_TEAM],
        "reasons": [
            "Heeft ambulante begeleiding nodig, maar er is geen begeleidingsteam toegewezen: "
            "wijs een team toe om mee te doen aan de ronde."
        ],
    }


def build_round(uow: UnitOfWork, today: date) -> tuple[Round, list[dict[str, Any]]]:
    """The round's instance from the register, and the ready people who cannot take part."""
    teams = {tm.code: tm for tm in uow.teams.list()}
    ready = uow.persons.find(status=PersonStatus.UITSTROOMKLAAR)
    able = [p for p in ready if not p.needs_support or p.support_team in teams]
    able_keys = {p.key for p in able}
    excluded = [_excluded(p) for p in ready if p.key not in able_keys]
    free = uow.dwellings.find(status=DwellingStatus.VRIJ)
    used_teams = {p.support_team for p in able if p.needs_support}
    round_ = Round(
        candidates=tuple(_candidate(p, teams, today) for p in able),
        dwellings=tuple(_offer(d) for d in free),
        areas=tuple(AreaNode(a.code, a.parent, a.cap) for a in uow.areas.list()),
        complex_caps={c.code: c.cap for c in uow.complexes.list() if c.cap is not None},
        team_caps={code: teams[code].capacity for code in sorted(used_teams)},
    )
    return round_, excluded


def run_round(
    uow: UnitOfWork,
    *,
    today: date,
    actor: Principal,
    policy: str = "optimal",
    dry_run: bool = False,
) -> RoundOutcome:
    """Run and (unless `dry_run`) commit one round. Raises RoundConflict on a concurrent change.

    Reading the ready people is audited even for a dry run: it is a read of personal data.
    """
    round_, excluded = build_round(uow, today)
    result = solve(round_, policy=policy).to_json()
    outcome = RoundOutcome(policy, result, excluded)
    detail = {"policy": policy, "candidates": len(round_.candidates) + len(excluded),
              "housed": outcome.housed, "dry_run": dry_run}
    if dry_run:
        audit.record(uow, actor, "list", "match_round", None, detail, Purpose.REGIE)
        uow.commit()
        return outcome
    outcome.round_id = _store(uow, round_, outcome, today, actor.username)
    audit.record(uow, actor, "create", "match_round", str(outcome.round_id), detail, Purpose.REGIE)
    try:
        _propose(uow, result["assignments"], outcome.round_id, today, actor)
    except ConcurrentUpdate as exc:
        uow.rollback()
        raise RoundConflict(f"Ronde afgebroken, er is niets opgeslagen: {exc}") from exc
    uow.commit()
    return outcome


def _store(uow: UnitOfWork, round_: Round, o: RoundOutcome, today: date, actor: str) -> int:
    s = uow.session
    round_id = s.execute(
        insert(t.MatchRoundRow).returning(t.MatchRoundRow.id),
        {
            "run_at": datetime.now(), "run_on": today, "run_by": actor, "policy": o.policy,
            "candidates": len(round_.candidates) + len(o.excluded),
            "dwellings": len(round_.dwellings), "housed": o.housed,
        },
    ).scalar_one()
    lines = [
        {
            "round_id": round_id, "person": a["candidate"], "dwelling": a["dwelling"],
            "rank": a.get("rank"), "fit": a.get("fit"), "codes": a.get("codes", []),
            "reasons": a.get("reasons", []),
        }
        for a in o.result["assignments"]
    ] + [
        {
            "round_id": round_id, "person": u["candidate"], "dwelling": None,
            "rank": u.get("rank"), "fit": None, "codes": u.get("codes", []),
            "reasons": u.get("reasons", []),
        }
        for u in list(o.result["unassigned"]) + o.excluded
    ]
    if lines:
        s.execute(insert(t.MatchLineRow), lines)
    return round_id


def _propose(
    uow: UnitOfWork, assignments: list[dict[str, Any]], round_id: int, today: date,
    actor: Principal,
) -> None:
    """Claim each dwelling, move each person to voorgedragen and record the proposal.

    Locks in the one documented order (README "Concurrency"): dwelling rows by code, then person
    rows by key; the audit chain last, at commit. A concurrent change raises ConcurrentUpdate.
    """
    for a in sorted(assignments, key=lambda a: a["dwelling"]):
        if not uow.dwellings.claim(a["dwelling"], DwellingStatus.VRIJ,
                                   DwellingStatus.VOORGEDRAGEN):
            raise ConcurrentUpdate(f"woning {a['dwelling']} is intussen niet meer vrij")
    persons = {p.key: p for p in uow.persons.find(keys=[a["candidate"] for a in assignments])}
    for a in sorted(assignments, key=lambda a: a["candidate"]):
        key, dwelling = a["candidate"], a["dwelling"]
        person = persons[key]
        if person.status != PersonStatus.UITSTROOMKLAAR:
            raise ConcurrentUpdate(f"persoon {key} is intussen niet meer uitstroomklaar")
        reason = f"ronde {round_id}: voorgedragen voor woning {dwelling}"
        person.move_to(PersonStatus.VOORGEDRAGEN, today, actor.username, reason)
        uow.persons.save(person)
        record_proposal(uow, key, dwelling, round_id=str(round_id))
        audit.record(uow, actor, "status", "person", key,
                     {"status": "voorgedragen", "dwelling": dwelling, "round": round_id},
                     Purpose.REGIE)


def round_lines(uow: UnitOfWork, round_id: int) -> list[t.MatchLineRow]:
    """Every stored line of a round, housed first, for display and explanation."""
    q = (
        select(t.MatchLineRow)
        .where(t.MatchLineRow.round_id == round_id)
        .order_by(t.MatchLineRow.dwelling.is_(None), t.MatchLineRow.person)
    )
    return list(uow.session.scalars(q))
