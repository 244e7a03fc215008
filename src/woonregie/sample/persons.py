"""Persons of a sample region: who they are (group, household, income, support) and where they
may live, registered over the last three years with a status history up to `today`."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from woonregie.domain.affordability import RentLimits, limits_for
from woonregie.domain.enums import SupportIntensity, TargetGroup
from woonregie.domain.model import Person
from woonregie.sample import calibration as cal
from woonregie.sample.geography import GemeentePlan, SubRegion
from woonregie.sample.history import walk
from woonregie.sample.names import person_name
from woonregie.sample.organisations import RegionOrganisations, coverage_unit


def _choose(rng: random.Random, options: tuple) -> object:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def group_counts(total: int) -> dict[TargetGroup, int]:
    """Exact counts per group for `total` people (largest remainder on the calibrated shares)."""
    raw = {g: total * cal.group_share(g) for g in TargetGroup}
    counts = {g: int(v) for g, v in raw.items()}
    order = list(TargetGroup)
    by_remainder = sorted(order, key=lambda g: (counts[g] - raw[g], order.index(g)))
    for g in by_remainder[: total - sum(counts.values())]:
        counts[g] += 1
    return counts


def person_total(sub: SubRegion) -> int:
    """Registrations in HISTORY_YEARS: the yearly inflow per 1,000 inhabitants of all groups."""
    rate = sum(cal.INFLOW_PER_1000.values())
    return round(rate * sub.population / 1000 * cal.HISTORY_YEARS * min(1.0, sub.size))


def _income(rng: random.Random, size: int, pension: bool, lim: RentLimits) -> float:
    if pension:
        limit = lim.income_single_pension if size == 1 else lim.income_multi_pension
    else:
        limit = lim.income_single if size == 1 else lim.income_multi
    if rng.random() < cal.INCOME_UNDER_LIMIT.value:
        return round(limit * rng.uniform(*cal.INCOME_RANGE_UNDER), -1)
    daeb = lim.daeb_single if size == 1 else lim.daeb_multi
    return round(rng.uniform(limit + 10, daeb), -1)


def _zrm(rng: random.Random, intensity: SupportIntensity) -> dict[str, int] | None:
    if intensity == SupportIntensity.GEEN:
        return None
    centre = cal.ZRM_CENTRE[intensity]
    return {d: min(5, max(1, round(rng.gauss(centre, cal.ZRM_SPREAD)))) for d in cal.ZRM_DOMAINS}


@dataclass
class _PersonBuilder:
    rng: random.Random
    sub: SubRegion
    orgs: RegionOrganisations
    today: date
    limits: RentLimits
    tag: str

    def home(self, group: TargetGroup) -> GemeentePlan:
        rng = self.rng
        if rng.random() < cal.HOME_IN_CENTRE[group]:
            return self.sub.centre
        gemeenten = self.sub.gemeenten
        return rng.choices(gemeenten, weights=[g.population for g in gemeenten])[0]

    def areas(self, home: GemeentePlan, wijk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(acceptable, preferred) areas: most people keep to their gemeente or a few wijken."""
        rng = self.rng
        preferred = tuple(sorted(b.area.code for b in rng.sample(home.buurten, 2)))
        if rng.random() >= cal.ACCEPTABLE_AREAS_SHARE:
            return (), preferred
        kind = _choose(rng, cal.ACCEPTABLE_AREA_KINDS)
        if kind == "gemeente":
            acceptable: tuple[str, ...] = (home.code,)
        elif kind == "gemeenten":
            others = [g.code for g in self.sub.gemeenten if g is not home]
            acceptable = (home.code, *rng.sample(others, min(len(others), rng.randint(1, 2))))
        else:
            wijken = [w.code for w in home.wijken if w.code != wijk]
            acceptable = (wijk, *rng.sample(wijken, min(len(wijken), rng.randint(0, 2))))
            preferred = tuple(sorted(b.area.code for b in home.buurten if b.wijk in acceptable)[:2])
        return tuple(sorted(acceptable)), preferred

    def person(self, n: int, group: TargetGroup) -> Person:
        rng, orgs = self.rng, self.orgs
        home = self.home(group)
        wijk = rng.choice(home.wijken).code
        provider = orgs.providers[str(_choose(rng, cal.PROVIDER_OF_GROUP[group]))]
        intensity = _choose(rng, cal.SUPPORT[group])
        assert isinstance(intensity, SupportIntensity)
        team = None
        if intensity != SupportIntensity.GEEN:
            team = orgs.team_for[(provider, coverage_unit(self.sub, home.code, wijk))]
        size = int(_choose(rng, cal.HOUSEHOLD_SIZES[group]))  # type: ignore[call-overload]
        pension = group in (TargetGroup.URGENT, TargetGroup.OVERIG) and (
            rng.random() < cal.PENSION_AGE_SHARE
        )
        required: frozenset[str] = frozenset()
        if rng.random() < cal.REQUIRED_FEATURE_SHARE:
            required = frozenset({str(_choose(rng, cal.REQUIRED_FEATURES))})
        acceptable, preferred = self.areas(home, wijk)
        registered = self.today - timedelta(days=rng.randint(0, 365 * cal.HISTORY_YEARS))
        person = Person.register(
            registered,
            f"{provider}:trajectbegeleider",
            key=f"P{self.tag}-{n:06d}",
            name=person_name(rng),
            target_group=group,
            care_provider=provider,
            household_size=size,
            annual_income=_income(rng, size, pension, self.limits),
            support_intensity=intensity,
            support_team=team,
            zrm=_zrm(rng, intensity),
            legal_urgency=rng.random() < cal.LEGAL_URGENCY[group],
            pension_age=pension,
            required_features=required,
            allowed_forms=_choose(rng, cal.ALLOWED_FORMS[group]),
            acceptable_areas=acceptable,
            preferred_areas=preferred,
        )
        corporation = rng.choice(list(orgs.corporation_share[home.code]))
        walk(rng, person, self.today, orgs.gemeente_org[home.code], corporation)
        return person


def build_persons(
    rng: random.Random, sub: SubRegion, orgs: RegionOrganisations, today: date
) -> list[Person]:
    counts = group_counts(person_total(sub))
    groups = [g for g in TargetGroup for _ in range(counts[g])]
    rng.shuffle(groups)
    builder = _PersonBuilder(rng, sub, orgs, today, limits_for(today.year), f"{sub.index + 1:02d}")
    return [builder.person(i + 1, g) for i, g in enumerate(groups)]
