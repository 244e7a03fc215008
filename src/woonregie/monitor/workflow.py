"""Workflow figures (bemiddeling): days per match step, declines by reason, stalled matches.

Over the step changes of matches (match_transitions): a match enters a step on the date of the
change into it and leaves it with its next change. A decline is a change into `geweigerd` (by
the person) or `afgewezen_door_corporatie`, with the code of its reason from the region's list;
a withdrawal (`ingetrokken`) is counted beside them. A match is stalled (vastgelopen) on `tot`
when its step on `tot` is live and it has been in it longer than the step's deadline (days
after entering it), the rule of the workflow's own stall alerts (domain/workflow.is_stalled).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from woonregie.domain.match import LIVE, MatchStep
from woonregie.domain.workflow import DEFAULT_DEADLINES as WORKFLOW_DEADLINES
from woonregie.monitor.calendar import Period
from woonregie.monitor.stats import days_summary

STEPS: tuple[MatchStep, ...] = tuple(MatchStep)
STEP_CODE = {str(s): i for i, s in enumerate(STEPS)}
LIVE_STEPS = tuple(s for s in STEPS if s in LIVE)
DECLINES = tuple(s for s in ("geweigerd", "afgewezen_door_corporatie") if s in STEP_CODE)
WITHDRAWN = "ingetrokken"
DEFAULT_DEADLINES: dict[str, int | None] = dict(WORKFLOW_DEADLINES)
"""Deadlines when the region has none of its own: the workflow's defaults."""


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One step change of a match; `reason_code` for a decline (else empty)."""

    match: str
    seq: int
    target: str
    on: date
    reason_code: str = ""


@dataclass(slots=True)
class MatchSteps:
    """Step changes as columns, sorted by match and then seq; `match` numbers the matches."""

    match: np.ndarray
    target: np.ndarray  # index into STEPS
    day: np.ndarray  # ordinal
    reason: list[str] = field(default_factory=list)

    @classmethod
    def from_records(cls, records: Iterable[StepRecord]) -> MatchSteps:
        rows = sorted(records, key=lambda r: (r.match, r.seq))
        index: dict[str, int] = {}
        return cls(
            match=np.fromiter((index.setdefault(r.match, len(index)) for r in rows),
                              dtype=np.int64, count=len(rows)),
            target=np.fromiter((STEP_CODE[r.target] for r in rows), dtype=np.int64,
                               count=len(rows)),
            day=np.fromiter((r.on.toordinal() for r in rows), dtype=np.int64, count=len(rows)),
            reason=[r.reason_code for r in rows])

    @classmethod
    def empty(cls) -> MatchSteps:
        return cls.from_records(())


def _entered(m: MatchSteps) -> np.ndarray:
    """Per change: the row of the match's previous change (the step it leaves), -1 if none."""
    prev = np.arange(len(m.match)) - 1
    if len(prev):
        prev[0] = -1
        prev[1:][m.match[1:] != m.match[:-1]] = -1
    return prev


def days_per_step(m: MatchSteps, period: Period) -> dict[str, dict]:
    """Per live step: over the changes dated in the period that leave it, the days the match
    spent in it (from entering it to leaving it)."""
    prev = _entered(m)
    rows = np.flatnonzero((prev >= 0) & (m.day >= period.first) & (m.day <= period.last))
    left, days = m.target[prev[rows]], m.day[rows] - m.day[prev[rows]]
    return {str(s): days_summary(days[left == STEP_CODE[str(s)]]) for s in LIVE_STEPS}


def declines(m: MatchSteps, period: Period) -> dict:
    """Declines dated in the period: in all, per step (who declined) and per reason code;
    withdrawals beside them."""
    dated = (m.day >= period.first) & (m.day <= period.last)
    per_step = {s: int((dated & (m.target == STEP_CODE[s])).sum()) for s in DECLINES}
    rows = np.flatnonzero(dated & np.isin(m.target, [STEP_CODE[s] for s in DECLINES]))
    reasons = Counter(m.reason[i] or "onbekend" for i in rows)
    withdrawn = int((dated & (m.target == STEP_CODE[WITHDRAWN])).sum())
    return {"totaal": int(len(rows)), "per_stap": per_step,
            "per_reden": dict(sorted(reasons.items())), "ingetrokken": withdrawn}


def stalled(m: MatchSteps, deadlines: Mapping[str, int | None], tot: date) -> dict:
    """Matches stalled on `tot`: in a live step with a deadline for longer than it."""
    last = tot.toordinal()
    rows = np.flatnonzero(m.day <= last)
    is_last = np.ones(len(rows), dtype=bool)
    is_last[:-1] = m.match[rows][1:] != m.match[rows][:-1]
    rows = rows[is_last]
    per_step = {}
    for s in LIVE_STEPS:
        days = deadlines.get(str(s))
        here = rows[m.target[rows] == STEP_CODE[str(s)]]
        per_step[str(s)] = 0 if days is None else int((last - m.day[here] > days).sum())
    return {"aantal": sum(per_step.values()), "per_stap": per_step}


def workflow_figures(m: MatchSteps, deadlines: Mapping[str, int | None],
                     period: Period) -> dict:
    """The `bemiddeling` figures: dagen_per_stap, weigeringen, vastgelopen."""
    return {"dagen_per_stap": days_per_step(m, period), "weigeringen": declines(m, period),
            "vastgelopen": stalled(m, deadlines, period.tot)}
