"""One replication: the chain month by month, with a real matching round every month.

Each month: team capacity and new projects take effect, newcomers arrive, people whose time has
come become ready, leave or come back, the month's vacancies are offered, and the matching
engine (policy "optimal", the same as the weekly rounds, on its pair-level network:
`allocation.py`) pairs the people who are uitstroomklaar with the open offers under the caps and
the teams' capacity.
A proposal then falls through (the person's own pre-drawn outcome) or becomes a tenancy.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from woonregie.matching.model import Round
from woonregie.matching.tree import AreaTree, build_tree
from woonregie.simulate import streams as st
from woonregie.simulate.allocation import allocate
from woonregie.simulate.params import CARE_GROUPS, GROUPS, Model, Stage
from woonregie.simulate.population import (
    FAILED,
    PREP_LEFT,
    READY_BACK,
    READY_LEFT,
    TO_READY,
    Population,
)
from woonregie.simulate.record import Recorder, Replication
from woonregie.simulate.supply import Supply

ROUND_DAY = 14  # the round is held on the 15th of the month
STAGNATION_DAYS = 90


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


def run(model: Model, seq: np.random.SeedSequence) -> Replication:
    """Run `model` once with the random streams of `seq`; same `seq`, same result."""
    people = Population(model, seq)
    supply = Supply(model, seq)
    rec = Recorder(model.months)
    rec.begin(people)
    arrivals = st.stream(seq, st.ARRIVALS)
    care = np.array([g in CARE_GROUPS for g in GROUPS])
    # the area tree is the same every month: built once, its covers memoised across rounds
    tree = build_tree(Round((), (), areas=model.structure.areas))
    for m in range(model.months):
        start = add_months(model.start.on, m)
        end = add_months(model.start.on, m + 1)
        _arrivals(model, people, rec, arrivals.random(len(GROUPS)), m, start)
        _events(people, rec, m, start)
        rec.offered[m], rec.expired[m] = supply.month(m, start, end)
        _round(model, people, supply, rec, m, start + timedelta(days=ROUND_DAY), tree)
        rec.close_month(people, m, start, end, care, STAGNATION_DAYS)
    rec.close(people, add_months(model.start.on, model.months))
    return rec.replication()


def _arrivals(model, people: Population, rec: Recorder, us, m: int, start: date) -> None:
    rates = [model.params.inflow[group] * model.scenario.inflow.get(group, 1.0)
             for group in GROUPS]
    for g, count in enumerate(st.poisson_counts(us, rates).tolist()):
        people.arrive(g, count, m, start.toordinal())
        rec.arrivals[m, g] += count


def _events(people: Population, rec: Recorder, m: int, start: date) -> None:
    due = people.due(m)
    day = start.toordinal()
    for kind, idx in due.items():
        if idx.size == 0:
            continue
        g = people.group[idx]
        if kind == TO_READY:  # on the person's own day of the month (0–27 days in)
            offset = (people.u[idx, st.READY_DAY] * 28).astype(np.int64)
            _move(people, idx, Stage.READY, m, day + offset)
        elif kind in (PREP_LEFT, READY_LEFT):
            if kind == READY_LEFT:
                rec.end_waits(people, idx, day, housed=False)
            people.stage[idx] = Stage.LEFT
            people.next_m[idx] = 1 << 30
            np.add.at(rec.left[m], g, 1)
        elif kind == READY_BACK:
            rec.end_waits(people, idx, day, housed=False)
            people.spell[idx] += 1
            _move(people, idx, Stage.PREP, m, day)
        elif kind == FAILED:
            rec.failures(people, idx, m)
            people.spell[idx] += 1
            _move(people, idx, Stage.PREP, m, day)
            np.add.at(rec.returns[m], g, 1)


def _move(people: Population, idx, stage: Stage, m: int, day: int) -> None:
    people.stage[idx] = stage
    people.since[idx] = day
    people.schedule(idx, m, stage)


def _round(model: Model, people: Population, supply: Supply, rec: Recorder, m: int,
           on: date, tree: AreaTree) -> None:
    idx, cands = people.ready_candidates(on)
    if not cands or not supply.pool:
        return
    structure = model.structure
    round_ = Round(
        candidates=tuple(cands),
        dwellings=tuple(o.offer for o in supply.pool),
        areas=structure.areas,
        complex_caps=supply.complex_caps,
        team_caps=team_caps(model, on),
    )
    let: set[str] = set()
    housed: list[int] = []
    for c, d in allocate(round_, tree):  # the optimal policy's pairs, in rank order
        i = int(idx[c])
        if people.declines(i, model.params.decline):
            rec.declined[m] += 1
            continue
        let.add(round_.dwellings[d].id)
        housed.append(i)
    supply.remove(let)
    if housed:
        h = np.array(housed)
        day = on.toordinal() + model.params.proposal_days
        rec.end_waits(people, h, day, housed=True, month=m)
        people.housed_m[h] = m
        _move(people, h, Stage.HOUSED, m, day)
        np.add.at(rec.housed[m], people.group[h], 1)


def team_caps(model: Model, on: date) -> dict[str, int]:
    """Each team's capacity per round on `on`, after the scenario's changes up to then."""
    caps = dict(model.structure.team_caps)
    for change in sorted(model.scenario.teams, key=lambda c: c.on):
        if change.on > on:
            continue
        for team in caps if change.team is None else [change.team]:
            if team in caps:
                caps[team] = max(0, round(caps[team] * change.factor) + change.extra)
    return caps
