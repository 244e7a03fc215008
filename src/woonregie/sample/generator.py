"""`generate_region`: a fictional but realistic region, the same for the same seed.

Pure: it only builds domain objects (no I/O, no clock, no global random state). Each sub-region
(a centrumgemeente with its surroundings) has its own `random.Random` seeded from (seed, index), so
regions do not depend on each other and the result does not depend on PYTHONHASHSEED.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date

from woonregie.domain.model import Region
from woonregie.domain.status import PersonStatus
from woonregie.sample import calibration as cal
from woonregie.sample.geography import FIRST_GEMEENTE_NUMBER, SubRegion, build_subregion
from woonregie.sample.housing import build_housing
from woonregie.sample.names import place_names
from woonregie.sample.organisations import build_agreements, build_organisations
from woonregie.sample.persons import build_persons
from woonregie.sample.signals import sample_signals
from woonregie.sample.tenancies import (
    declined_matches,
    live_matches,
    placements,
    signed_matches,
)

Progress = Callable[[str, int, int], None]
"""progress(label, done, total): called after each step; `total` steps in all."""

_MAX_GEMEENTEN = 1 + cal.SURROUNDING_GEMEENTEN[1]
_STEPS = ("gebieden en organisaties", "personen", "woningen", "afspraken")


def subregion_count(scale: float) -> int:
    """Scale adds regions (one per unit of scale) up to NATIONAL_REGIONS, then grows them."""
    return min(cal.NATIONAL_REGIONS, max(1, math.ceil(scale - 1e-9)))


def plan_subregions(seed: int, scale: float) -> list[SubRegion]:
    """The area trees (with inhabitants) of the sub-regions `generate_region` fills.

    Own random streams, so callers (tests, reports) can recompute populations without the rest.
    """
    if not scale > 0:
        raise ValueError("schaal moet groter dan 0 zijn")
    n = subregion_count(scale)
    names = place_names(random.Random(f"woonregie:{seed}:names"), n * _MAX_GEMEENTEN)
    return [
        build_subregion(
            random.Random(f"woonregie:{seed}:{i}:areas"),
            i,
            scale / n,
            FIRST_GEMEENTE_NUMBER + i * _MAX_GEMEENTEN,
            names[i * _MAX_GEMEENTEN :],
        )
        for i in range(n)
    ]


def generate_region(
    seed: int,
    scale: float = 1.0,
    today: date = cal.REFERENCE_DATE,
    progress: Progress | None = None,
) -> Region:
    """Build a sample region. Same (seed, scale, today) → an equal region.

    At scale 1: one centrumgemeente (150–200k inhabitants) with 3–4 surrounding gemeenten; at
    scale 50 about national size (44 regions, ≥100,000 persons, ≥20,000 free dwellings).
    """
    step = progress or (lambda _label, _done, _total: None)
    subs = plan_subregions(seed, scale)
    total = len(subs) * len(_STEPS)
    region = Region()
    for i, sub in enumerate(subs):
        rng = random.Random(f"woonregie:{seed}:{i}")
        orgs = build_organisations(rng, sub)
        step(_STEPS[0], i * len(_STEPS) + 1, total)
        persons = build_persons(rng, sub, orgs, today)
        step(_STEPS[1], i * len(_STEPS) + 2, total)
        proposed = sum(p.status == PersonStatus.VOORGEDRAGEN for p in persons)
        housing = build_housing(rng, sub, orgs, today, proposed)
        step(_STEPS[2], i * len(_STEPS) + 3, total)
        agreements = build_agreements(rng, sub, orgs, today)
        region.areas.extend(sub.areas())
        region.organisations.extend(orgs.organisations)
        region.support_teams.extend(orgs.teams)
        region.complexes.extend(housing.complexes)
        region.dwellings.extend(housing.dwellings)
        region.persons.extend(persons)
        region.agreements.extend(agreements)
        gemeente_of = {b.area.code: g.code for g in sub.gemeenten for b in g.buurten}
        tenancy_rng = random.Random(f"woonregie:{seed}:{i}:tenancies")
        region.matches.extend(live_matches(persons, housing.dwellings, f"{i + 1:02d}",
                                           today))
        lettings, signed = signed_matches(
            placements(tenancy_rng, persons, housing.dwellings, gemeente_of), persons,
            f"{i + 1:02d}", today)
        region.placements.extend(lettings)
        region.matches.extend(signed)
        region.matches.extend(declined_matches(
            random.Random(f"woonregie:{seed}:{i}:declines"), persons, housing.dwellings,
            f"{i + 1:02d}", today))
        step(_STEPS[3], i * len(_STEPS) + 4, total)
    region.signals = sample_signals(random.Random(f"woonregie:{seed}:signals"), region, today)
    return region
