"""Matching rounds for the regisseur: run one, list them, and answer "why is this person not
matched?" (design.md, "Who uses it": the gemeente's process director runs the rounds).

Access goes through the policy table (`Action.MATCH_RUN`, `Action.MATCH_READ`). Rounds are
region-wide in this version (one round covers every ready person and free dwelling in the
database), so every regisseur may run and read them, whatever gemeente its organisation sits in;
scoping rounds to a gemeente's own area is future work and belongs here when rounds carry one.

A round's lines are person-level (pseudonymous keys plus the engine's coded explanations, never
names or care details), so every read of them is audited; `run_round` audits its own reads and
writes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from woonregie.domain.vocabulary import Vocabulary
from woonregie.matching.engine import POLICIES
from woonregie.services import audit, jobs, round_jobs
from woonregie.services.access import (
    Action,
    NotFound,
    Principal,
    require,
    visible_keys_query,
)
from woonregie.services.matching_rounds import RoundOutcome, run_round
from woonregie.services.persons import FieldError
from woonregie.store import tables as t
from woonregie.store.pagination import BadCursor
from woonregie.store.round_lines import LinesPage, RoundLines, window
from woonregie.store.unit_of_work import UnitOfWork


class RoundPolicy(Vocabulary):
    """The allocation policy of a round (beleid); codes are matching/engine.py's POLICIES."""

    OPTIMAL = "optimal", "Voorrang-maximaal"
    PER_VACANCY = "per_vacancy", "Per vrijkomende woning (huidige praktijk)"


class UnhousedReason(Vocabulary):
    """Why a person was not proposed (reden): the codes an unhoused line can carry
    (matching/explain.py, matching_rounds)."""

    GEEN_PASSENDE_WONING = "geen_passende_woning", "Geen passende woning in deze ronde"
    HUUR = ("geen_passende_woning_huur",
            "Geen passende woning, vooral door de huur")
    HUISHOUDEN = ("geen_passende_woning_huishouden",
                  "Geen passende woning, vooral door de huishoudgrootte")
    KENMERKEN = ("geen_passende_woning_kenmerken",
                 "Geen passende woning, vooral door ontbrekende kenmerken")
    GEBIED = ("geen_passende_woning_gebied",
              "Geen passende woning, vooral door de aanvaardbare gebieden")
    WOONVORM = ("geen_passende_woning_woonvorm",
                "Geen passende woning, vooral door de woonvorm")
    BEGELEIDING = ("geen_passende_woning_begeleiding",
                   "Geen passende woning, vooral doordat het team er niet werkt")
    VOORRANG_ANDEREN = ("voorrang_anderen",
                        "Passende woningen gingen naar mensen met meer voorrang")
    PLAFOND_COMPLEX = "plafond_complex", "Plafond van een complex bereikt (spreiding)"
    PLAFOND_GEBIED = "plafond_gebied", "Plafond van een buurt/wijk bereikt (spreiding)"
    TEAM_VOL = "team_vol", "Begeleidingsteam zit vol (zorgcapaciteit)"
    TEAM_KOSTTE_PLAATSING = ("team_kostte_plaatsing",
                             "Teamcapaciteit kostte een plaatsing: er was wel een woning")
    GEEN_TEAM = "geen_team", "Heeft begeleiding nodig maar geen team toegewezen"
    GEPARKEERD = "geparkeerd", "Geparkeerd na een weigering (pauze)"


POLICY_LABELS: dict[str, str] = RoundPolicy.labels()
UNHOUSED_CODES: dict[str, str] = UnhousedReason.labels()
"""{code: Dutch label} of the two vocabularies, for lookups by code."""


@dataclass(frozen=True, slots=True)
class RoundSummary:
    id: int
    run_at: datetime
    run_on: date
    run_by: str
    policy: str
    candidates: int
    dwellings: int
    housed: int


@dataclass(frozen=True, slots=True)
class RoundLine:
    """One person's outcome: the proposed dwelling, or none and why (codes + Dutch reasons)."""

    person: str
    dwelling: str | None
    rank: int | None
    fit: float | None
    codes: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(slots=True)
class RoundDetail:
    """A stored round (`round` set) or a dry run (`round` None) as the regisseur sees it.

    `unhoused` is filtered by `code` when one is given; `code_counts` always counts every
    unhoused line, so the summary stays whole while the list narrows."""

    round: RoundSummary | None
    policy: str
    candidates: int
    housed: int
    proposals: list[RoundLine]
    unhoused: list[RoundLine]
    code_counts: dict[str, int]
    code: str | None = None
    comparison: dict[str, int] = field(default_factory=dict)  # dry runs: housed per policy
    hidden: int = 0  # lines of persons without a regie basis for this party: counted, not shown
    hidden_exact: bool = True  # False: `hidden` is a lower bound (store/pagination.COUNT_CAP)
    unhoused_total: int | None = None  # stored rounds: visible unhoused lines (with `code`)
    unhoused_exact: bool = True  # False: `unhoused_total` is a lower bound
    proposals_next: str | None = None  # cursor of the next page of proposals (keyset)
    unhoused_next: str | None = None  # cursor of the next page of unhoused lines


def _summary(row: t.MatchRoundRow) -> RoundSummary:
    return RoundSummary(row.id, row.run_at, row.run_on, row.run_by, row.policy, row.candidates,
                        row.dwellings, row.housed)


def _detail(summary: RoundSummary | None, policy: str, lines: list[RoundLine],
            code: str | None, visible: set[str]) -> RoundDetail:
    """Counts cover every line (aggregates need no basis); listed lines only persons in
    `visible`, those with a legal basis for regie with the principal's organisation."""
    housed = [ln for ln in lines if ln.dwelling is not None]
    unhoused = [ln for ln in lines if ln.dwelling is None]
    counts = Counter(c for ln in unhoused for c in ln.codes)
    proposals = sorted((ln for ln in housed if ln.person in visible),
                       key=lambda ln: (ln.rank is None, ln.rank or 0, ln.person))
    shown = [ln for ln in unhoused
             if ln.person in visible and (code is None or code in ln.codes)]
    ordered = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    hidden = sum(ln.person not in visible for ln in lines)
    return RoundDetail(summary, policy, len(lines), len(housed), proposals, shown, ordered,
                       code, hidden=hidden)


def _visible(uow: UnitOfWork, principal: Principal, on: date) -> set[str]:
    """Keys of the persons this principal may see at all (privacy model: no basis, no view)."""
    assert uow.session is not None
    return set(uow.session.scalars(visible_keys_query(principal, Action.PERSON_LIST, on)))


def list_rounds(uow: UnitOfWork, principal: Principal, *, limit: int = 50,
                offset: int = 0) -> tuple[list[RoundSummary], int]:
    """Stored rounds, newest first, and their total. Counts only: not person-level."""
    require(principal, Action.MATCH_READ)
    assert uow.session is not None
    total = uow.session.scalar(select(func.count()).select_from(t.MatchRoundRow)) or 0
    q = select(t.MatchRoundRow).order_by(t.MatchRoundRow.id.desc()).limit(limit).offset(offset)
    return [_summary(r) for r in uow.session.scalars(q)], total


def get_round(uow: UnitOfWork, principal: Principal, round_id: int,
              code: str | None = None, *, limit: int | None = None, offset: int = 0,
              proposals_offset: int = 0, after: str | None = None,
              proposals_after: str | None = None) -> RoundDetail:
    """One stored round: its figures, the unhoused count per reason, and one page (`limit`
    lines; all when None) of the proposals (by rank) and of the unhoused lines (by person,
    optionally only those carrying `code`), of persons the principal may see, chosen and
    counted in SQL (store/round_lines.py). A page starts after its cursor (`proposals_after`,
    `after`: the `*_next` of the page before) or else at its offset. The read is audited."""
    row, reader = _stored(uow, principal, round_id)
    proposals = _page(reader, True, None, limit, proposals_offset, proposals_after)
    unhoused = _page(reader, False, code, limit, offset, after)
    hidden, total = reader.hidden(), reader.count(False, code)
    detail = RoundDetail(_summary(row), row.policy, row.candidates, row.housed,
                         [_line(ln) for ln in proposals.lines],
                         [_line(ln) for ln in unhoused.lines], _code_counts(uow, reader, row),
                         code, hidden=hidden.value, hidden_exact=hidden.exact,
                         unhoused_total=total.value, unhoused_exact=total.exact,
                         proposals_next=proposals.next, unhoused_next=unhoused.next)
    _audit_lines(uow, principal, str(round_id), detail.proposals + detail.unhoused,
                 hidden.value, code)
    return detail


@dataclass(frozen=True, slots=True)
class LinePage:
    """One page of one list of a round's lines (the API's sub-resources)."""

    lines: list[RoundLine]
    next: str | None
    total: int
    exact: bool


def round_lines_page(uow: UnitOfWork, principal: Principal, round_id: int, housed: bool,
                     code: str | None = None, *, limit: int = 50, offset: int = 0,
                     after: str | None = None) -> LinePage:
    """One page of a stored round's proposals (`housed`, by rank) or unhoused lines (by
    person, with `code`), of persons the principal may see; counted up to the page cap.
    Audited like the round's page."""
    _row, reader = _stored(uow, principal, round_id)
    found = _page(reader, housed, None if housed else code, limit, offset, after)
    total = reader.count(housed, None if housed else code)
    lines = [_line(ln) for ln in found.lines]
    _audit_lines(uow, principal, str(round_id), lines, None, code)
    return LinePage(lines, found.next, total.value, total.exact)


def _stored(uow: UnitOfWork, principal: Principal,
            round_id: int) -> tuple[t.MatchRoundRow, RoundLines]:
    require(principal, Action.MATCH_READ)
    assert uow.session is not None
    row = uow.session.get(t.MatchRoundRow, round_id)
    if row is None:
        raise NotFound("Matchingsronde")
    visible = visible_keys_query(principal, Action.PERSON_LIST, row.run_on)
    return row, RoundLines(uow.session, round_id, visible)


def _page(reader: RoundLines, housed: bool, code: str | None, limit: int | None,
          offset: int, after: str | None) -> LinesPage:
    try:
        return reader.page(housed, code, limit, offset, after)
    except BadCursor:
        raise FieldError("cursor", "ongeldige cursor; gebruik de waarde van 'next'") from None


def _audit_lines(uow: UnitOfWork, principal: Principal, key: str, shown: list[RoundLine],
                 hidden: int | None, code: str | None) -> None:
    detail: dict[str, object] = {"lines": len(shown), "persons": [ln.person for ln in shown],
                                 "code": code}
    if hidden is not None:
        detail["hidden"] = hidden
    audit.record(uow, principal, "read", "match_round", key, detail)
    uow.commit()


_COUNTS: dict[tuple[str, int, datetime], dict[str, int]] = {}
"""Reason counts per stored round, kept per process: a stored round's lines never change (they
go only with the round, or with an erased person, whose line then still counts: an aggregate)."""


def _code_counts(uow: UnitOfWork, reader: RoundLines, row: t.MatchRoundRow) -> dict[str, int]:
    key = (str(uow.engine.url), row.id, row.run_at)
    if key not in _COUNTS:
        counts = reader.code_counts(list(UNHOUSED_CODES))
        if len(_COUNTS) > 256:
            _COUNTS.clear()
        _COUNTS[key] = dict(sorted(((c, n) for c, n in counts.items() if n),
                                   key=lambda kv: (-kv[1], kv[0])))
    return _COUNTS[key]


def _line(ln: t.MatchLineRow) -> RoundLine:
    return RoundLine(ln.person, ln.dwelling, ln.rank, ln.fit, tuple(ln.codes), tuple(ln.reasons))


def _lines_of(outcome: RoundOutcome) -> list[RoundLine]:
    """The engine's typed result as report lines (no detour through JSON)."""
    return [
        RoundLine(a.candidate, a.dwelling, a.rank, a.fit, a.codes, a.reasons)
        for a in outcome.result.assignments
    ] + [
        RoundLine(u.candidate, None, None, None, u.codes, u.reasons)
        for u in outcome.unassigned
    ]


def start_round(uow: UnitOfWork, principal: Principal, *, policy: str = "optimal",
                dry_run: bool = False, today: date | None = None,
                code: str | None = None) -> RoundDetail:
    """Run a round as `principal` (regisseur). A stored round commits its proposals (and may
    raise `RoundConflict`); a dry run (proefronde) stores nothing and also reports how many
    people each policy would house, so the regisseur sees what the choice of policy costs."""
    require(principal, Action.MATCH_RUN)
    if policy not in POLICIES:
        raise FieldError("policy", f"onbekend beleid {policy!r}")
    today = today or uow.clock.today()
    outcome = run_round(uow, today=today, actor=principal, policy=policy, dry_run=dry_run,
                        compare=POLICIES)
    return detail_of(uow, principal, outcome, today, code)


def detail_of(uow: UnitOfWork, principal: Principal, outcome: RoundOutcome, today: date,
              code: str | None = None) -> RoundDetail:
    """The regisseur's view of a round just run (stored or dry)."""
    summary = None
    if outcome.round_id is not None:
        assert uow.session is not None
        row = uow.session.get(t.MatchRoundRow, outcome.round_id)
        assert row is not None
        summary = _summary(row)
    detail = _detail(summary, outcome.policy, _lines_of(outcome), code,
                     _visible(uow, principal, today))
    if outcome.round_id is None:
        detail.comparison = dict(outcome.comparison)
    return detail


def dry_run_detail(uow: UnitOfWork, principal: Principal, job_id: int,
                   code: str | None = None, *, limit: int | None = None, offset: int = 0,
                   proposals_offset: int = 0, after: str | None = None,
                   proposals_after: str | None = None) -> RoundDetail:
    """The result of the principal's dry-run job (proefronde), kept with the job for a week:
    one page (`limit` lines; all when None) of the proposals and of the unhoused lines, with
    the same order and cursors as `get_round` gives for a stored round; the read is audited
    like a stored round's."""
    require(principal, Action.MATCH_READ)
    payload = jobs.result_of(uow, principal, job_id, round_jobs.KIND)
    lines = [RoundLine(person, dwelling, rank, fit, tuple(codes), tuple(reasons))
             for person, dwelling, rank, fit, codes, reasons in payload["lines"]]
    today = date.fromisoformat(payload["today"])
    detail = _detail(None, payload["policy"], lines, code, _visible(uow, principal, today))
    detail.comparison = dict(payload["comparison"])
    detail.unhoused.sort(key=lambda ln: ln.person)
    detail.unhoused_total = len(detail.unhoused)
    if limit is not None:
        detail.proposals, detail.proposals_next = _slice(detail.proposals, True, limit,
                                                         proposals_offset, proposals_after)
        detail.unhoused, detail.unhoused_next = _slice(detail.unhoused, False, limit, offset,
                                                       after)
    _audit_lines(uow, principal, f"proefronde:{job_id}", detail.proposals + detail.unhoused,
                 detail.hidden, code)
    return detail


def _position(ln: RoundLine, housed: bool) -> tuple[int, str] | str:
    return (ln.rank or 0, ln.person) if housed else ln.person


def _slice(lines: list[RoundLine], housed: bool, limit: int, offset: int,
           after: str | None) -> tuple[list[RoundLine], str | None]:
    """A page of lines already in cursor order (a dry run's, kept as JSON), with the cursors
    of a stored round's pages (store/round_lines.window)."""
    try:
        start, stop, following = window([_position(ln, housed) for ln in lines], housed,
                                        limit, offset, after)
    except BadCursor:
        raise FieldError("cursor", "ongeldige cursor; gebruik de waarde van 'next'") from None
    return lines[start:stop], following
