"""The people of one replication as arrays: stage, next event, their pre-drawn luck.

Every person has a row of uniforms (streams.WIDTH) drawn when they enter the model; their
durations are the inverse of those uniforms under the scenario's hazards, so the same person
waits for the same luck in every scenario.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from woonregie.matching.model import Candidate
from woonregie.simulate import streams as st
from woonregie.simulate.params import GROUPS, Model, Stage

NEVER = 1 << 30
# next-event kinds
NONE, TO_READY, PREP_LEFT, READY_LEFT, READY_BACK, FAILED = range(6)


def _with_wait(c: Candidate, days: int, id_: str | None = None) -> Candidate:
    """`replace(c, waiting_days=days[, id=id_])` without its per-call introspection (hot:
    every round)."""
    return Candidate(c.id if id_ is None else id_, c.priority, days, c.household_size,
                     c.max_rent, c.needs, c.areas, c.support_areas, c.housing_forms,
                     c.preferred_areas, c.support_team)


class Population:
    def __init__(self, model: Model, seq: np.random.SeedSequence):
        self.model = model
        p, sc = model.params, model.scenario
        self.h_ready = np.array([p.ready[g] * sc.readiness for g in GROUPS])
        self.h_prep_leave = np.array([p.prep_leave[g] for g in GROUPS])
        self.h_ready_leave = np.array([p.ready_leave[g] for g in GROUPS])
        self.h_ready_back = np.array([p.ready_back[g] for g in GROUPS])
        self.h_fail = np.array([p.fail[g] for g in GROUPS])
        cap = len(model.start.persons) + 64
        self.n = 0
        self.group = np.zeros(cap, np.int8)
        self.stage = np.zeros(cap, np.int8)
        self.since = np.zeros(cap, np.int64)  # ordinal day the stage began
        self.next_m = np.full(cap, NEVER, np.int64)
        self.next_kind = np.zeros(cap, np.int8)
        self.spell = np.zeros(cap, np.int8)
        self.attempts = np.zeros(cap, np.int8)
        self.housed_m = np.full(cap, -1, np.int64)
        self.able = np.ones(cap, bool)
        self.u = np.zeros((cap, st.WIDTH))
        self.cands: list[Candidate] = []
        # the candidate a person takes to the rounds of their current uitstroomklaar spell,
        # and the `since` it was made for (see `ready_candidates`)
        self.round_cands: list[Candidate | None] = []
        self.round_since = np.full(cap, -1, np.int64)
        self.after = model.start.on.toordinal() + 31 * (model.months + 1)  # after the horizon
        self.newcomer_rng = [st.stream(seq, st.NEWCOMERS, g) for g in range(len(GROUPS))]
        self._initial(seq)

    def _grow(self, extra: int) -> None:
        need = self.n + extra
        if need <= self.group.size:
            return
        size = max(need, 2 * self.group.size)
        for name in ("group", "stage", "since", "next_m", "next_kind", "spell", "attempts",
                     "housed_m", "able", "u", "round_since"):
            old = getattr(self, name)
            new = np.zeros((size, *old.shape[1:]), old.dtype)
            if name == "next_m":
                new[:] = NEVER
            if name in ("housed_m", "round_since"):
                new[:] = -1
            if name == "able":
                new[:] = True
            new[: self.n] = old[: self.n]
            setattr(self, name, new)

    def _initial(self, seq: np.random.SeedSequence) -> None:
        persons = self.model.start.persons
        m = len(persons)
        rows = st.stream(seq, st.INITIAL).random((m, st.WIDTH))
        self._grow(m)
        group = {g: i for i, g in enumerate(GROUPS)}
        at = slice(self.n, self.n + m)  # all at once, as `_add` person by person would
        self.group[at] = [group[p.group] for p in persons]
        self.u[at] = rows
        self.stage[at] = [p.stage for p in persons]
        self.since[at] = [p.since.toordinal() for p in persons]
        self.able[at] = [p.able for p in persons]
        self.cands.extend(_with_wait(p.candidate, p.candidate.waiting_days, f"s{i}")
                          for i, p in enumerate(persons, start=self.n))
        self.round_cands.extend([None] * m)
        self.n += m
        idx = np.arange(self.n)
        for stage in (Stage.PREP, Stage.READY, Stage.HOUSED):
            self.schedule(idx[self.stage[: self.n] == stage], 0, stage)
        self.housed_m[idx[self.stage[: self.n] == Stage.HOUSED]] = -NEVER  # before the start

    def _add(self, g: int, cand: Candidate, row: np.ndarray) -> int:
        i = self.n
        self.n += 1
        self.group[i] = g
        self.u[i] = row
        self.cands.append(_with_wait(cand, cand.waiting_days, f"s{i}"))
        self.round_cands.append(None)
        return i

    def arrive(self, g: int, count: int, month: int, day: int) -> None:
        """`count` newcomers of group `g` on the list (voorbereiding) from month `month`."""
        if count == 0:
            return
        rows = self.newcomer_rng[g].random((count, st.WIDTH))
        templates = self.model.structure.persons[GROUPS[g]]
        self._grow(count)
        first = self.n
        for row in rows:
            self._add(g, templates[int(row[st.TEMPLATE] * len(templates))], row)
        idx = np.arange(first, self.n)
        self.stage[idx] = Stage.PREP
        self.since[idx] = day
        self.schedule(idx, month, Stage.PREP)

    def schedule(self, idx: np.ndarray, month: int, stage: Stage) -> None:
        """Draw the next event of people `idx` who entered `stage` in `month` (competing risks:
        the earliest latent time wins, readiness before leaving on a tie)."""
        if idx.size == 0:
            return
        g, s, u = self.group[idx], self.spell[idx] % st.SPELLS, self.u[idx]
        if stage == Stage.PREP:
            risks = ((TO_READY, st.READY, self.h_ready), (PREP_LEFT, st.PREP_LEAVE,
                                                           self.h_prep_leave))
        elif stage == Stage.READY:
            risks = ((READY_LEFT, st.READY_LEAVE, self.h_ready_leave),
                     (READY_BACK, st.READY_BACK, self.h_ready_back))
        else:
            risks = ((FAILED, st.FAIL, self.h_fail),)
        best = np.full(idx.size, NEVER, np.int64)
        kind = np.zeros(idx.size, np.int8)
        for k, col, hazard in risks:
            t = month + st.months_until(u[np.arange(idx.size), col + s], hazard[g])
            sooner = t < best
            best[sooner], kind[sooner] = t[sooner], k
        self.next_m[idx] = best
        self.next_kind[idx] = kind

    def due(self, month: int) -> dict[int, np.ndarray]:
        """People whose next event falls in `month`, by kind."""
        idx = np.flatnonzero(self.next_m[: self.n] == month)
        kinds = self.next_kind[idx]
        return {k: idx[kinds == k] for k in (TO_READY, PREP_LEFT, READY_LEFT, READY_BACK, FAILED)}

    def ready_candidates(self, on: date) -> tuple[np.ndarray, list[Candidate]]:
        """The people uitstroomklaar by the round's day `on` (later in the month: the next
        round) and their candidates.

        A candidate's `waiting_days` are counted to a fixed day after the horizon, not to
        `on`: the days waited by `on` plus the same number for everyone, so their order — all
        the allocation uses them for (`matching.classes.rank_order`) — is the same, and the
        candidate is made once per spell instead of every round
        (tests/simulate/test_population.py)."""
        day = on.toordinal()
        n = self.n
        idx = np.flatnonzero((self.stage[:n] == Stage.READY) & self.able[:n]
                             & (self.since[:n] <= day))
        new = idx[self.round_since[idx] != self.since[idx]]
        if new.size:
            since = self.since[new]
            self.round_since[new] = since
            for i, w in zip(new.tolist(), (self.after - since).tolist(), strict=True):
                self.round_cands[i] = _with_wait(self.cands[i], w)
        return idx, list(map(self.round_cands.__getitem__, idx.tolist()))

    def declines(self, i: int, share: float) -> bool:
        """Whether person `i`'s next proposal falls through (their own pre-drawn outcome)."""
        a = int(self.attempts[i]) % st.ATTEMPTS
        self.attempts[i] += 1
        return bool(self.u[i, st.DECLINE + a] < share)
