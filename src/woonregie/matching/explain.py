"""Why someone was not housed: machine codes plus Dutch reasons a regisseur can act on.

Codes
* ``geen_passende_woning`` -- no dwelling in the round meets all hard constraints; the reason
  names the constraint (huur, huishouden, kenmerken, gebied, woonvorm, begeleiding) that excludes
  the most dwellings, with counts.
* ``voorrang_anderen`` -- eligible dwellings exist but went to people with a higher rank.
* ``plafond_complex`` / ``plafond_gebied`` -- an eligible dwelling is still empty, but a cap on
  its complex or area chain is reached; the reason names the cap id and its value.
* ``team_vol`` -- the person's support team has no capacity left this round; with
  ``team_kostte_plaatsing`` when a dwelling was available for them on the dwelling side, i.e. the
  team cap (care capacity), not the housing, cost this placement.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from woonregie.matching.caps import CapState
from woonregie.matching.classes import Classes

CONSTRAINTS = ("huur", "huishouden", "kenmerken", "gebied", "woonvorm", "begeleiding")
_LABEL = {
    "huur": "de huur is hoger dan de maximale huur (€ {rent:.2f})",
    "huishouden": "de woning past niet bij een huishouden van {hh}",
    "kenmerken": "de woning mist benodigde kenmerken ({needs})",
    "gebied": "de woning ligt buiten de aanvaardbare gebieden ({areas})",
    "woonvorm": "de woonvorm is niet toegestaan ({forms})",
    "begeleiding": "het begeleidingsteam werkt daar niet ({support})",
}


@dataclass
class Context:
    cls: Classes
    caps: CapState
    vacant: np.ndarray  # per dwelling class: empty dwellings
    blocked: list[list[tuple[str, str, int]]]  # per dwelling class: full caps on its chain
    team_used: list[int]
    region_ok: np.ndarray
    dc_dtype: np.ndarray
    dc_area: np.ndarray
    dc_size: np.ndarray
    augmentable: set[tuple[int, int]] | None  # (ptype, region) groups; None = use vacancies


def build_context(cls: Classes, pairs, augmentable=None) -> Context:
    taken = {d for _, d in pairs}
    caps = CapState.of(cls, sorted(taken))
    vacant = np.array(
        [sum(d not in taken for d in m) for m in cls.dclass_dwellings], dtype=np.int64
    )
    blocked = [
        caps.blocking(m[0]) if v else [] for m, v in zip(cls.dclass_dwellings, vacant, strict=True)
    ]
    team_used = [0] * len(cls.teams)
    for c, _ in pairs:
        if cls.cand_team[c] >= 0:
            team_used[cls.cand_team[c]] += 1
    return Context(
        cls,
        caps,
        vacant,
        blocked,
        team_used,
        cls.region_ok(),
        np.array([k[0] for k in cls.dclasses], dtype=np.int64),
        np.array([k[1] for k in cls.dclasses], dtype=np.int64),
        np.array([len(m) for m in cls.dclass_dwellings], dtype=np.int64),
        augmentable,
    )


def explain_unassigned(ctx: Context, cand: int) -> tuple[list[str], list[str]]:
    cls = ctx.cls
    pt, region = int(cls.cand_ptype[cand]), int(cls.cand_region[cand])
    elig = cls.type_ok[pt, ctx.dc_dtype] & ctx.region_ok[region, ctx.dc_area]
    total = int(ctx.dc_size[elig].sum())
    if total == 0:
        return no_eligible(cls, cand)
    codes: list[str] = []
    reasons: list[str] = []
    vacant = int(ctx.vacant[elig].sum())
    free = [j for j in np.flatnonzero(elig & (ctx.vacant > 0)).tolist() if not ctx.blocked[j]]
    possible = bool(free) if ctx.augmentable is None else (pt, region) in ctx.augmentable
    team = int(cls.cand_team[cand])
    cap = cls.team_cap[team] if team >= 0 else None
    if cap is not None and ctx.team_used[team] >= cap:
        codes.append("team_vol")
        reasons.append(
            f"Begeleidingsteam {cls.teams[team]} zit vol: het kan deze ronde "
            f"{cap} nieuwe cliënt(en) begeleiden en die plaatsen zijn vergeven."
        )
        if possible:
            codes.append("team_kostte_plaatsing")
            reasons.append(
                "Er was wel een passende woning beschikbaar: de capaciteit van het "
                "begeleidingsteam heeft deze plaatsing gekost. Extra "
                "begeleidingscapaciteit zou deze persoon huisvesten."
            )
    _cap_reasons(ctx, elig, codes, reasons)
    if total - vacant > 0 and not possible:
        codes.append("voorrang_anderen")
        reasons.append(
            f"{total - vacant} van de {total} passende woningen gingen naar "
            "kandidaten met een hogere rang (prioriteit, wachttijd) die niet "
            "anders te huisvesten waren."
        )
    return reasons, codes


def _cap_reasons(ctx: Context, elig: np.ndarray, codes: list[str], reasons: list[str]) -> None:
    found: dict[tuple[str, str, int], int] = {}
    for j in np.flatnonzero(elig & (ctx.vacant > 0)).tolist():
        for cap in ctx.blocked[j]:
            found[cap] = found.get(cap, 0) + int(ctx.vacant[j])
    for kind in ("complex", "gebied"):
        hits = sorted((k for k in found if k[0] == kind), key=lambda k: (-found[k], k[1]))
        if not hits:
            continue
        codes.append(f"plafond_{kind}")
        named = ", ".join(
            f"{kind} {k[1]} (plafond {k[2]}, {found[k]} passende woning(en) leeg)" for k in hits[:3]
        )
        more = f" en nog {len(hits) - 3}" if len(hits) > 3 else ""
        reasons.append(
            f"Passende woningen staan nog leeg, maar het plafond is bereikt voor {named}{more}."
        )


def no_eligible(cls: Classes, cand: int) -> tuple[list[str], list[str]]:
    """Count, per hard constraint, how many dwellings it excludes; name the biggest."""
    c = cls.round.candidates[cand]
    tree = cls.tree
    area_cover = tree.cover_of(c.areas) if c.areas else None
    support_cover = tree.cover_of(c.support_areas) if c.support_areas else None
    counts = dict.fromkeys(CONSTRAINTS, 0)
    for d in cls.round.dwellings:
        node = tree.index[d.area]
        counts["huur"] += d.rent > c.max_rent
        counts["huishouden"] += not d.min_household <= c.household_size <= d.max_household
        counts["kenmerken"] += not set(c.needs) <= set(d.features)
        counts["gebied"] += area_cover is not None and not tree.covers(area_cover, node)
        counts["woonvorm"] += bool(c.housing_forms) and d.housing_form not in c.housing_forms
        counts["begeleiding"] += support_cover is not None and not tree.covers(support_cover, node)
    worst = max(CONSTRAINTS, key=lambda k: (counts[k], -CONSTRAINTS.index(k)))
    n = len(cls.round.dwellings)
    fill = {
        "rent": c.max_rent,
        "hh": c.household_size,
        "needs": ", ".join(c.needs),
        "areas": ", ".join(c.areas),
        "forms": ", ".join(c.housing_forms),
        "support": ", ".join(c.support_areas),
    }
    detail = "; ".join(f"{k}: {v}" for k, v in counts.items() if v)
    reasons = [
        f"Geen enkele woning in deze ronde voldoet aan alle eisen. De meeste woningen "
        f"({counts[worst]} van {n}) vallen af omdat {_LABEL[worst].format(**fill)}.",
        f"Afvallers per eis: {detail}." if detail else "Er zijn geen woningen in deze ronde.",
    ]
    return reasons, ["geen_passende_woning", f"geen_passende_woning_{worst}"]
