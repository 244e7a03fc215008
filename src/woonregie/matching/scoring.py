"""Fit and Dutch reasons for one (person, dwelling) pair; see fit.py for the points."""

from __future__ import annotations

from woonregie.domain.dutch_digits import euro
from woonregie.domain.enums import Feature, HousingForm
from woonregie.domain.vocabulary import label_of, labels
from woonregie.matching.classes import Classes
from woonregie.matching.fit import PREF_POINTS, rent_band, rent_fit, rent_limits, size_fit
from woonregie.matching.tree import AreaTree, Cover


def in_preferred(cls: Classes, cand: int, dwelling: int) -> bool:
    c = cls.round.candidates[cand]
    if not c.preferred_areas:
        return False
    tree = cls.tree
    node = tree.index[cls.round.dwellings[dwelling].area]
    return tree.covers(_cover(tree, c.preferred_areas), node)


def _cover(tree: AreaTree, names: tuple[str, ...]) -> Cover:
    cache = tree.__dict__.setdefault("_cover_cache", {})
    if names not in cache:
        cache[names] = tree.cover_of(names)
    return cache[names]


def pair_fit(cls: Classes, cand: int, dwelling: int, preferred: bool | None = None) -> int:
    """`preferred`: `in_preferred(cls, cand, dwelling)` when the caller knows it already."""
    c, d = cls.round.candidates[cand], cls.round.dwellings[dwelling]
    points = size_fit(c.household_size, d.max_household)
    limits = rent_limits(cls.round.year)
    points += rent_fit(rent_band(c.max_rent, limits), rent_band(d.rent, limits))
    if preferred is None:
        preferred = in_preferred(cls, cand, dwelling)
    return points + (PREF_POINTS if preferred else 0)


def pair_reasons(
    cls: Classes, cand: int, dwelling: int, preferred: bool | None = None
) -> tuple[list[str], list[str]]:
    """Dutch reasons and machine codes for a made pairing (`preferred`: see `pair_fit`)."""
    c, d = cls.round.candidates[cand], cls.round.dwellings[dwelling]
    rank = int(cls.rank[cand]) + 1
    reasons = [
        f"Rang {rank}: prioriteit {c.priority}, {c.waiting_days} dagen wachttijd.",
        f"Huur {euro(d.rent)} past binnen de maximale huur {euro(c.max_rent)}.",
        f"Huishouden van {c.household_size} past in de woning "
        f"({d.min_household}–{d.max_household} personen).",
    ]
    codes = ["rang", "huur_past", "huishouden_past"]
    if c.needs:
        reasons.append(f"Woning heeft de benodigde kenmerken: {labels(c.needs, Feature)}.")
        codes.append("kenmerken_aanwezig")
    if c.housing_forms:
        form = label_of(d.housing_form, HousingForm)
        reasons.append(f"Woonvorm {form} past bij het begeleidingsplan.")
        codes.append("woonvorm_past")
    if c.support_areas:
        team = f"team {c.support_team}" if c.support_team else "het begeleidingsteam"
        reasons.append(f"Begeleiding door {team} is geregeld in {d.area}.")
        codes.append("begeleiding_gedekt")
    if in_preferred(cls, cand, dwelling) if preferred is None else preferred:
        reasons.append(f"Woning ligt in een voorkeursgebied ({d.area}).")
        codes.append("voorkeursgebied")
    if size_fit(c.household_size, d.max_household) == 0:
        reasons.append("Let op: woning is ruim voor dit huishouden (onderbezetting).")
        codes.append("onderbezetting")
    return reasons, codes
