"""A region's register as a matching `Round`: pure, so the simulator can call it without a database.

The services read who is `uitstroomklaar` and what is `vrij` and hand the domain objects here;
the simulator hands its own. Waiting days count to `on`, rent limits are those of `on`'s year,
and a person who needs ambulant support but has no known team cannot take part (`without_team`
says who, so the caller can explain it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from woonregie.domain.model import Area, Complex, Dwelling, Person, SupportTeam
from woonregie.matching.instance import AreaNode, Candidate, DwellingOffer, Round


def candidate(p: Person, teams: dict[str, SupportTeam], on: date) -> Candidate:
    team = teams.get(p.support_team) if p.support_team and p.needs_support else None
    return Candidate(
        id=p.key,
        priority=p.priority,
        waiting_days=p.waiting_days(on),
        household_size=p.household_size,
        max_rent=p.max_rent(on.year),
        needs=tuple(sorted(p.required_features)),
        areas=p.acceptable_areas,
        support_areas=team.areas if team else (),
        housing_forms=tuple(sorted(str(f) for f in p.allowed_forms)),
        preferred_areas=p.preferred_areas,
        support_team=team.code if team else None,
    )


def offer(d: Dwelling) -> DwellingOffer:
    return DwellingOffer(
        id=d.code,
        area=d.buurt,
        rent=d.rent,
        complex=d.complex,
        min_household=d.min_household,
        max_household=d.max_household,
        features=tuple(sorted(d.features)),
        housing_form=str(d.housing_form),
    )


def without_team(persons: Iterable[Person], teams: Iterable[SupportTeam]) -> list[Person]:
    """People who need ambulant support but have no (known) team: they cannot take part."""
    known = {tm.code for tm in teams}
    return [p for p in persons if p.needs_support and p.support_team not in known]


def round_from_region(
    persons: Sequence[Person],
    dwellings: Sequence[Dwelling],
    teams: Sequence[SupportTeam],
    areas: Sequence[Area],
    complexes: Sequence[Complex],
    on: date,
) -> Round:
    """The round for `persons` (ready to move) and `dwellings` (free) on date `on`."""
    by_code = {tm.code: tm for tm in teams}
    left_out = {p.key for p in without_team(persons, teams)}
    able = [p for p in persons if p.key not in left_out]
    used_teams = {p.support_team for p in able if p.needs_support}
    return Round(
        candidates=tuple(candidate(p, by_code, on) for p in able),
        dwellings=tuple(offer(d) for d in dwellings),
        areas=tuple(AreaNode(a.code, a.parent, a.cap) for a in areas),
        complex_caps={c.code: c.cap for c in complexes if c.cap is not None},
        team_caps={code: by_code[code].capacity for code in sorted(used_teams)},
    )
