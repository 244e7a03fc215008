"""Organisations of a sample region: gemeenten, woningcorporaties, zorgaanbieders with their
ambulant support teams, and the contingent agreements between gemeenten and corporations."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from woonregie.domain.enums import OrgKind, TargetGroup
from woonregie.domain.model import Agreement, Organisation, SupportTeam
from woonregie.sample import calibration as cal
from woonregie.sample.geography import GemeentePlan, SubRegion
from woonregie.sample.names import CORPORATION_NAMES, PROVIDER_NAMES


@dataclass
class RegionOrganisations:
    """The organisations of one sub-region and the lookups the other builders need."""

    organisations: list[Organisation] = field(default_factory=list)
    teams: list[SupportTeam] = field(default_factory=list)
    corporations: list[str] = field(default_factory=list)
    # corporation → share of the stock per gemeente code (each gemeente's shares sum to 1)
    corporation_share: dict[str, dict[str, float]] = field(default_factory=dict)
    providers: dict[str, str] = field(default_factory=dict)  # kind (bw/mo/ggz/hf) → code
    # (provider code, coverage unit: a centre wijk or a surrounding gemeente) → team code
    team_for: dict[tuple[str, str], str] = field(default_factory=dict)
    gemeente_org: dict[str, str] = field(default_factory=dict)  # GM code → organisation code


def coverage_unit(sub: SubRegion, gemeente: str, wijk: str) -> str:
    """Teams split the centrumgemeente by wijk and cover surrounding gemeenten whole."""
    return wijk if gemeente == sub.centre.code else gemeente


def _units(sub: SubRegion) -> list[str]:
    return [w.code for w in sub.centre.wijken] + [g.code for g in sub.gemeenten[1:]]


def _corporations(rng: random.Random, sub: SubRegion, tag: str, out: RegionOrganisations) -> None:
    n = rng.randint(*cal.CORPORATIONS_PER_REGION)
    names = rng.sample(CORPORATION_NAMES, n)
    codes = [f"WC{tag}-{i + 1}" for i in range(n)]
    for code, name in zip(codes, names, strict=True):
        seat = sub.centre.code if code == codes[0] else rng.choice(sub.gemeenten).code
        out.organisations.append(Organisation(code, name, OrgKind.WONINGCORPORATIE, seat))
        out.corporations.append(code)
    for g in sub.gemeenten:
        n_active = min(len(codes), rng.randint(*cal.SURROUNDING_CORPORATIONS))
        active = codes if g.is_centre else rng.sample(codes, n_active)
        weights = [rng.uniform(0.5, 1.5) for _ in active]
        out.corporation_share[g.code] = {
            c: w / sum(weights) for c, w in zip(active, weights, strict=True)
        }


def _providers(rng: random.Random, sub: SubRegion, tag: str, out: RegionOrganisations) -> None:
    merged_ggz = rng.random() < cal.GGZ_MERGED_SHARE
    for kind in cal.CARE_PROVIDER_KINDS:
        if kind == "ggz" and merged_ggz:
            out.providers[kind] = out.providers["bw"]
            continue
        code = f"ZA{tag}-{kind.upper()}"
        name = f"{rng.choice(PROVIDER_NAMES[kind])} {sub.centre.area.name}"
        out.organisations.append(Organisation(code, name, OrgKind.ZORGAANBIEDER, sub.centre.code))
        out.providers[kind] = code
        _teams(rng, sub, code, out)


def _teams(rng: random.Random, sub: SubRegion, provider: str, out: RegionOrganisations) -> None:
    """2–4 teams that together cover the whole region once (contiguous blocks of units)."""
    units = _units(sub)
    n = min(len(units), rng.randint(*cal.TEAMS_PER_PROVIDER))
    bounds = sorted(rng.sample(range(1, len(units)), n - 1)) if n > 1 else []
    blocks = [units[a:b] for a, b in zip([0, *bounds], [*bounds, len(units)], strict=True)]
    for i, block in enumerate(blocks):
        code = f"T{provider[2:]}-{i + 1}"
        capacity = max(1, round(rng.randint(*cal.TEAM_CAPACITY) * sub.size))
        out.teams.append(
            SupportTeam(code, f"Ambulant team {i + 1}", provider, tuple(block), capacity)
        )
        out.team_for.update({(provider, unit): code for unit in block})


def build_organisations(rng: random.Random, sub: SubRegion) -> RegionOrganisations:
    tag = f"{sub.index + 1:02d}"
    out = RegionOrganisations()
    for g in sub.gemeenten:
        code = f"GEM-{g.code[2:]}"
        out.organisations.append(
            Organisation(code, f"Gemeente {g.area.name}", OrgKind.GEMEENTE, g.code)
        )
        out.gemeente_org[g.code] = code
    _corporations(rng, sub, tag, out)
    _providers(rng, sub, tag, out)
    return out


def _home_share(sub: SubRegion, g: GemeentePlan, group: TargetGroup) -> float:
    """Expected share of a group's registrations living in gemeente `g` (see persons.home)."""
    by_pop = g.population / sub.population
    centre = cal.HOME_IN_CENTRE[group]
    return by_pop * (1 - centre) + (centre if g.is_centre else 0.0)


def build_agreements(
    rng: random.Random, sub: SubRegion, orgs: RegionOrganisations, today: date
) -> list[Agreement]:
    """Contingents per gemeente × corporation × group × year for the last three years: a share
    (AGREEMENT_COVERAGE) of the expected yearly number of people of the group to house, split by
    each corporation's share of the stock in the gemeente."""
    per_region = sub.population / 1000 * min(1.0, sub.size)
    out: list[Agreement] = []
    for year in range(today.year - cal.HISTORY_YEARS + 1, today.year + 1):
        for g in sub.gemeenten:
            for group in cal.AGREEMENT_GROUPS:
                need = cal.INFLOW_PER_1000[group] * per_region * _home_share(sub, g, group)
                for corp, share in orgs.corporation_share[g.code].items():
                    n = round(need * share * rng.uniform(*cal.AGREEMENT_COVERAGE))
                    if n > 0:
                        out.append(Agreement(g.code, corp, group, year, n))
    return out
