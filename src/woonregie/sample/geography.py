"""The area tree of a sample region: gemeenten, wijken and buurten with CBS-style codes
(GMxxxx, WKxxxxyy, BUxxxxyyzz), inhabitants and Leefbaarometer classes."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from woonregie.domain.enums import AreaLevel
from woonregie.domain.model import Area
from woonregie.sample import calibration as cal
from woonregie.sample.names import BUURT_NAMES, WIJK_NAMES, pick

FIRST_GEMEENTE_NUMBER = 9001
"""Fictional codes start at GM9001, far above the real CBS codes (which stay below GM2000)."""


@dataclass
class BuurtPlan:
    area: Area
    gemeente: str
    wijk: str
    inhabitants: int


@dataclass
class GemeentePlan:
    area: Area
    population: int
    is_centre: bool
    wijken: list[Area] = field(default_factory=list)
    buurten: list[BuurtPlan] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.area.code


@dataclass
class SubRegion:
    """One centrumgemeente with its surrounding gemeenten (a BW/MO region)."""

    index: int
    size: float  # multiplier of persons and dwellings relative to a scale-1 region
    gemeenten: list[GemeentePlan]

    @property
    def centre(self) -> GemeentePlan:
        return self.gemeenten[0]

    @property
    def population(self) -> int:
        return sum(g.population for g in self.gemeenten)

    @property
    def buurten(self) -> list[BuurtPlan]:
        return [b for g in self.gemeenten for b in g.buurten]

    def areas(self) -> list[Area]:
        out: list[Area] = []
        for g in self.gemeenten:
            out.append(g.area)
            out.extend(g.wijken)
            out.extend(b.area for b in g.buurten)
        return out


def _weighted(rng: random.Random, options: dict[int, float]) -> int:
    return rng.choices(list(options), weights=list(options.values()))[0]


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """Split `total` into `parts` positive shares of random (0.5–1.5) relative size."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    return [max(1, round(w * scale)) for w in weights]


def build_gemeente(
    rng: random.Random, number: int, name: str, population: int, is_centre: bool
) -> GemeentePlan:
    gm = f"{number:04d}"
    plan = GemeentePlan(Area(f"GM{gm}", name, AreaLevel.GEMEENTE), population, is_centre)
    n_wijken = min(99, max(2, round(population / cal.INHABITANTS_PER_WIJK)))
    weak: set[int] = set()
    if is_centre:
        n_weak = min(n_wijken - 1, rng.randint(*cal.WEAK_WIJKEN_IN_CENTRE))
        weak = set(rng.sample(range(n_wijken), n_weak))
    buurt_names = tuple(rng.sample(BUURT_NAMES, len(BUURT_NAMES)))
    for w, wijk_pop in enumerate(_split(rng, population, n_wijken)):
        wk = f"WK{gm}{w + 1:02d}"
        wijk = Area(wk, pick(WIJK_NAMES, w), AreaLevel.WIJK, plan.area.code)
        plan.wijken.append(wijk)
        n_buurten = min(99, max(2, round(wijk_pop / cal.INHABITANTS_PER_BUURT)))
        classes = (
            cal.LIVEABILITY_WEAK
            if w in weak
            else cal.LIVEABILITY_CENTRE
            if is_centre
            else cal.LIVEABILITY_SURROUNDING
        )
        for b, buurt_pop in enumerate(_split(rng, wijk_pop, n_buurten)):
            name = pick(buurt_names, len(plan.buurten))
            area = Area(
                f"BU{gm}{w + 1:02d}{b + 1:02d}", name, AreaLevel.BUURT, wk, _weighted(rng, classes)
            )
            plan.buurten.append(BuurtPlan(area, plan.area.code, wk, buurt_pop))
    _roll_up(plan)
    return plan


def _mean_class(buurten: list[BuurtPlan]) -> int:
    total = sum(b.inhabitants for b in buurten)
    return round(sum((b.area.liveability or 0) * b.inhabitants for b in buurten) / total)


def _roll_up(plan: GemeentePlan) -> None:
    """Wijk and gemeente scores are the inhabitant-weighted mean of their buurten (as the
    Leefbaarometer aggregates grid cells upwards)."""
    for wijk in plan.wijken:
        wijk.liveability = _mean_class([b for b in plan.buurten if b.wijk == wijk.code])
    plan.area.liveability = _mean_class(plan.buurten)


def build_subregion(
    rng: random.Random, index: int, size: float, first_number: int, names: list[str]
) -> SubRegion:
    """A centrumgemeente and 3–4 surrounding gemeenten; populations grow with `size` above 1
    (below 1 the map stays whole and only persons and dwellings shrink)."""
    grow = max(1.0, size)
    n_surrounding = rng.randint(*cal.SURROUNDING_GEMEENTEN)
    pops = [round(rng.randint(*cal.CENTRE_POPULATION) * grow)]
    pops += [round(rng.randint(*cal.SURROUNDING_POPULATION) * grow) for _ in range(n_surrounding)]
    gemeenten = [
        build_gemeente(rng, first_number + i, names[i], pop, is_centre=i == 0)
        for i, pop in enumerate(pops)
    ]
    return SubRegion(index, size, gemeenten)
