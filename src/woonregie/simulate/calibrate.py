"""Parameters from the region's own history (status changes and placements), up to a date.

Every rate is events ÷ exposure over the window before `on` (the last `window` months): the
number of moves out of a stage divided by the person-months spent in it, which is the maximum
likelihood estimate of a constant monthly hazard and is not biased by people whose stay has not
ended yet (right-censoring). docs/simulate.md lists each parameter with its estimate.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from statistics import median

from woonregie.domain.model import Region
from woonregie.domain.status import PersonStatus
from woonregie.matching.from_region import candidate, offer, without_team
from woonregie.matching.model import AreaNode
from woonregie.simulate.params import GROUPS, Parameters, Stage, Structure
from woonregie.simulate.snapshot import STAGE

S = PersonStatus
MONTH_DAYS = 365.25 / 12
TURNOVER = 0.07
"""Yearly mutatiegraad of corporation stock (calibration.md: ~165,000 of ~2.3M dwellings, CBS
2021–22): the register holds no history of the regular stock, so this is given, per corporation
overridable in a scenario."""
REGISTER_SHARE = 0.16
"""Share of a corporation's stock that is in the register (sample/calibration.py REGISTER_SHARE);
the whole stock is the register's ÷ this share. It only bounds how far a contingent can grow:
a corporation cannot offer more than all its vacancies."""


@dataclass
class _Counts:
    exposure: Counter  # (stage, group) -> months
    events: Counter  # (kind, group) -> count
    proposal_days: list


def _walk(region: Region, lo: date, hi: date) -> _Counts:
    exposure: Counter = Counter()
    events: Counter = Counter()
    proposal: list[int] = []
    for p in region.persons:
        g = str(p.target_group)
        stage, since, proposed = None, None, None
        for t in p.history:
            if t.on >= hi:
                break
            new = STAGE[t.target]
            inside = t.on >= lo
            if inside:
                _event(events, g, stage, new, t.source, t.target)
                if t.target == S.GEHUISVEST and proposed is not None:
                    proposal.append((t.on - proposed).days)
            proposed = t.on if t.target == S.VOORGEDRAGEN else None
            if new != stage:
                if stage is not None:
                    exposure[(stage, g)] += _overlap(since, t.on, lo, hi)
                stage, since = new, t.on
        if stage is not None:
            exposure[(stage, g)] += _overlap(since, hi, lo, hi)
    return _Counts(exposure, events, proposal)


def _event(events: Counter, g: str, old, new, source, target) -> None:
    if old is None or (old == Stage.LEFT and new == Stage.PREP):
        events[("inflow", g)] += 1
    elif source == S.VOORGEDRAGEN:
        events[("proposal_ok" if target == S.GEHUISVEST else "proposal_failed", g)] += 1
    if old is not None and new != old:
        events[(f"{old.name}->{new.name}", g)] += 1


def _overlap(a: date, b: date, lo: date, hi: date) -> float:
    return max(0, (min(b, hi) - max(a, lo)).days) / MONTH_DAYS


def _hazard(c: _Counts, kind: str, stage: Stage) -> dict[str, float]:
    pooled_events = sum(c.events[(kind, g)] for g in GROUPS)
    pooled_exposure = sum(c.exposure[(stage, g)] for g in GROUPS)
    pooled = pooled_events / pooled_exposure if pooled_exposure else 0.0
    out = {}
    for g in GROUPS:
        exp = c.exposure[(stage, g)]
        out[g] = c.events[(kind, g)] / exp if exp >= 12 else pooled  # < a person-year: pool
    return out


def parameters(region: Region, on: date, window: int = 12,
               register_share: float = REGISTER_SHARE) -> Parameters:
    """Estimate the parameters from what happened in the `window` months before `on`."""
    lo = _months_before(on, window)
    c = _walk(region, lo, on)
    ok = sum(c.events[("proposal_ok", g)] for g in GROUPS)
    failed = sum(c.events[("proposal_failed", g)] for g in GROUPS)
    decline = failed / (ok + failed) if ok + failed else 0.15
    stock, turnover, reserved = _supply(region, lo, on, window, decline, register_share)
    return Parameters(
        inflow={g: c.events[("inflow", g)] / window for g in GROUPS},
        ready=_hazard(c, "PREP->READY", Stage.PREP),
        prep_leave=_hazard(c, "PREP->LEFT", Stage.PREP),
        ready_leave=_hazard(c, "READY->LEFT", Stage.READY),
        ready_back=_hazard(c, "READY->PREP", Stage.READY),
        fail=_hazard(c, "HOUSED->PREP", Stage.HOUSED),
        decline=decline,
        proposal_days=round(median(c.proposal_days)) if c.proposal_days else 28,
        turnover=turnover, reserved=reserved, stock=stock,
    )


def _months_before(on: date, months: int) -> date:
    y, m = divmod(on.month - 1 - months, 12)
    return date(on.year + y, m + 1, min(on.day, 28))


def _supply(region: Region, lo: date, hi: date, window: int, decline: float,
            register_share: float):
    """Whole stock per cell, turnover, and per corporation and year the share of its vacancies
    its contingent agreements reserve: the dwellings agreed (all groups) ÷ its vacancies (stock
    × mutatiegraad). A corporation without agreements: what it let to the groups in the window
    ÷ the share of proposals that hold, ÷ its vacancies."""
    register = Counter((d.corporation, str(d.housing_form)) for d in region.dwellings)
    stock = {cell: round(n / register_share) for cell, n in sorted(register.items())}
    corps = sorted({corp for corp, _ in stock})
    agreed: dict[str, Counter] = defaultdict(Counter)
    for a in region.agreements:
        agreed[a.corporation][a.year] += a.dwellings
    placed = Counter(p.corporation for p in region.placements if lo <= p.start < hi)
    turnover = {corp: TURNOVER for corp in corps}
    reserved: dict[str, dict[int, float]] = {}
    for corp in corps:
        vacancies = sum(n for (c, _f), n in stock.items() if c == corp) * TURNOVER
        if not vacancies:
            reserved[corp] = {hi.year: 0.0}
        elif agreed[corp]:
            reserved[corp] = {y: n / vacancies for y, n in sorted(agreed[corp].items())}
        else:
            offers = placed[corp] * 12 / window / max(0.05, 1 - decline)
            reserved[corp] = {hi.year: offers / vacancies}
    return stock, turnover, reserved


def structure(region: Region, on: date) -> Structure:
    """Areas, caps, teams and the templates newcomers and vacancies are drawn from."""
    teams = {tm.code: tm for tm in region.support_teams}
    unable = {p.key for p in without_team(region.persons, region.support_teams)}
    persons: dict[str, list] = defaultdict(list)
    for p in region.persons:
        if p.key not in unable:
            persons[str(p.target_group)].append(candidate(p, teams, on))
    cells: dict[tuple[str, str], list] = defaultdict(list)
    for d in sorted(region.dwellings, key=lambda d: d.code):
        cells[(d.corporation, str(d.housing_form))].append(offer(d))
    fallback = next((v for v in persons.values() if v), [])
    return Structure(
        areas=tuple(AreaNode(a.code, a.parent, a.cap) for a in region.areas),
        complex_caps={c.code: c.cap for c in region.complexes if c.cap is not None},
        team_caps={tm.code: tm.capacity for tm in region.support_teams},
        dwellings={cell: tuple(v) for cell, v in sorted(cells.items())},
        persons={g: tuple(persons.get(g) or fallback) for g in GROUPS},
    )

