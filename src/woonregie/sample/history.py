"""Dated status histories that follow the status machine.

A semi-Markov walk: in each status the person takes one of its ways out (`calibration.flow`),
chosen by weight, after a lognormal number of days. The walk stops at the first change that would
fall after `today`, so the person's status is where they are on `today`. Every change goes through
`Person.move_to`, so an illegal history cannot be built.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from woonregie.domain.enums import TargetGroup
from woonregie.domain.model import Person
from woonregie.domain.status import PersonStatus
from woonregie.sample import calibration as cal

S = PersonStatus

_FLOWS = {group: cal.flow(group) for group in TargetGroup}


def _actor(status: PersonStatus, care: str, regisseur: str, corporation: str) -> str:
    """Who records a change: the gemeente proposes, the corporation signs, care does the rest."""
    if status == S.VOORGEDRAGEN:
        return f"{regisseur}:regisseur"
    if status == S.GEHUISVEST:
        return f"{corporation}:verhuurmakelaar"
    return f"{care}:trajectbegeleider"


def walk(rng: random.Random, person: Person, today: date, regisseur: str, corporation: str) -> None:
    """Extend `person` (just registered) with the changes up to `today`."""
    flow = _FLOWS[person.target_group]
    on = person.history[-1].on
    while True:
        steps = flow[person.status]
        step = rng.choices(steps, weights=[s.weight for s in steps])[0]
        if step.target is None:
            return
        days = max(1, round(rng.lognormvariate(math.log(step.median_days), step.sigma)))
        on = on + timedelta(days=days)
        if on > today:
            return
        # Only a proposal that fell through needs a reason to go back to uitstroomklaar.
        fell_through = person.status == S.VOORGEDRAGEN or step.target != S.UITSTROOMKLAAR
        reasons = cal.REASONS.get(step.target, ()) if fell_through else ()
        reason = rng.choice(reasons) if reasons else ""
        by = _actor(step.target, person.care_provider, regisseur, corporation)
        person.move_to(step.target, on, by, reason)
