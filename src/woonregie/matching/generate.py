"""Calibrated random matching instances (deterministic per seed).

Figures come from /work/shared/calibration.md where a public figure exists; the rest are stated,
modest assumptions (marked ASSUMPTION) so that the instance looks like a Dutch region to someone
who works there. `generate_instance` is pure (returns instance JSON as a dict); the CLI writes it.
"""

from __future__ import annotations

import random
from typing import Any

# Passend toewijzen 2025 (calibration.md): aftoppingsgrens 1-2 and 3+ persons, sociale huurgrens.
AFTOPPING_LOW, AFTOPPING_HIGH, SOCIALE_HUURGRENS = 682.96, 731.93, 900.07
YOUTH_CAP = 498.20  # huurtoeslag rent cap ages 18-20 (2026, only year published)
RENT_FLOOR, RENT_CEIL = 450.0, 930.0
# ASSUMPTION (no national figure): shares of urgency / BW / MO / other among people ready to move.
GROUPS = (("urgent", 3, 0.10), ("bw", 2, 0.25), ("mo", 2, 0.25), ("other", 1, 0.40))
# ASSUMPTION: mostly single-person households (homeless people are 83% men, mostly alone, CBS).
HOUSEHOLDS = ((1, 0.78), (2, 0.10), (3, 0.07), (4, 0.03), (5, 0.02))
FORMS = (
    ("zelfstandig", 0.65),
    ("housing_first", 0.07),
    ("flexwonen", 0.10),
    ("gemengd_wonen", 0.08),
    ("skaeve_huis", 0.02),
    ("kamer", 0.08),
)
BUURTEN_PER_WIJK, BUURTEN_PER_GEMEENTE = 6, 50
# ASSUMPTION (search profile, zoekprofiel): nobody searches nationwide -- urgency and outflow
# from BW/MO are bound to the woningmarktregio (Huisvestingswet) and people stay near their
# network and support. 3% accept their own and a neighbouring gemeente, 15% their whole gemeente,
# the rest 1-2 wijken of it. Calibration: with these shares a national round (100,000 people,
# 20,000 dwellings, 500 buurten) has ~28 million eligible person x dwelling pairs, the density the
# matching brief states (~27 million). The earlier shares (15% anywhere, 65% whole gemeente)
# gave ~133 million: "anywhere" in an instance that compresses the country into 10 gemeenten
# meant every dwelling of the round, 56% of all pairs from 15% of the people.
SEARCH_REGION, SEARCH_GEMEENTE = 0.03, 0.15
PEOPLE_PER_TEAM = 1000  # ASSUMPTION: one ambulant team per ~1,000 people in the round


def _pick(rng: random.Random, table):
    r, acc = rng.random(), 0.0
    for *value, share in table:
        acc += share
        if r < acc:
            return value[0] if len(value) == 1 else tuple(value)
    return table[-1][0] if len(table[-1]) == 2 else tuple(table[-1][:-1])


def _areas(rng: random.Random, k: int, dwellings: int):
    """gemeente -> wijk -> buurt with CBS-like codes; caps on some buurten and wijken."""
    n_gem = max(1, round(k / BUURTEN_PER_GEMEENTE))
    areas: list[dict[str, Any]] = []
    wijken: dict[str, list[str]] = {}  # gemeente -> wijken
    buurten: dict[str, list[str]] = {}  # wijk -> buurten
    per_buurt = dwellings / max(1, k)
    for g in range(n_gem):
        gm = f"GM{g + 1:04d}"
        areas.append({"id": gm, "parent": None, "cap": None})
        n_b = k // n_gem + (1 if g < k % n_gem else 0)
        for w in range(max(1, -(-n_b // BUURTEN_PER_WIJK))):
            wk = f"WK{g + 1:04d}{w + 1:02d}"
            size = min(BUURTEN_PER_WIJK, n_b - w * BUURTEN_PER_WIJK)
            # ASSUMPTION: a fifth of wijken cap placements at 80% of their expected lettings.
            cap = max(1, round(0.8 * per_buurt * size)) if rng.random() < 0.2 else None
            areas.append({"id": wk, "parent": gm, "cap": cap})
            wijken.setdefault(gm, []).append(wk)
            for b in range(size):
                bu = f"BU{g + 1:04d}{w + 1:02d}{b + 1:02d}"
                # ASSUMPTION: a quarter of buurten cap at 70% of expected lettings (spreading).
                cap = max(1, round(0.7 * per_buurt)) if rng.random() < 0.25 else None
                areas.append({"id": bu, "parent": wk, "cap": cap})
                buurten.setdefault(wk, []).append(bu)
    return areas, wijken, buurten


def _rent(rng: random.Random) -> float:
    r = rng.random()  # most lettings under the aftoppingsgrens (passend toewijzen)
    if r < 0.70:
        return round(rng.uniform(RENT_FLOOR, AFTOPPING_LOW), 2)
    if r < 0.85:
        return round(rng.uniform(AFTOPPING_LOW, AFTOPPING_HIGH), 2)
    return round(rng.uniform(AFTOPPING_HIGH, RENT_CEIL), 2)


def _dwellings(rng: random.Random, m: int, buurten: list[str]):
    out, complexes = [], []
    current: tuple[str, str, int] | None = None  # (complex id, buurt, dwellings left)
    for i in range(m):
        if current is None and rng.random() < 0.04:  # ASSUMPTION: ~20% of lettings in complexes
            size = rng.randint(3, 10)  # vacancies of the complex in this round
            cid = f"CX{len(complexes) + 1:05d}"
            current = (cid, rng.choice(buurten), size)
            # ASSUMPTION: mixed projects (Startblok 50/50): priority groups at most half.
            complexes.append({"id": cid, "cap": max(1, round(0.5 * size))})
        form = _pick(rng, FORMS)
        lo, hi = (
            (1, 1)
            if form == "kamer"
            else _pick(rng, ((1, 1, 0.10), (1, 2, 0.60), (1, 4, 0.18), (2, 6, 0.12)))
        )
        feats = []
        if rng.random() < 0.30:
            feats.append("gelijkvloers")
        if rng.random() < 0.20:
            feats.append("lift")
        if rng.random() < 0.04:
            feats = ["gelijkvloers", "lift", "rolstoel"]
        d = {
            "id": f"W{i + 1:06d}",
            "area": rng.choice(buurten),
            "complex": None,
            "rent": _rent(rng),
            "min_household": lo,
            "max_household": hi,
            "features": sorted(set(feats)),
            "housing_form": form,
        }
        if current is not None:
            d["area"], d["complex"] = current[1], current[0]
            current = (current[0], current[1], current[2] - 1) if current[2] > 1 else None
        out.append(d)
    return out, complexes


def _teams(rng: random.Random, n: int, wijken: dict[str, list[str]]):
    """Support teams per gemeente covering the whole gemeente or a few of its wijken."""
    teams: dict[str, list[tuple[str, list[str]]]] = {}
    gems = sorted(wijken)
    for t in range(max(len(gems), n // PEOPLE_PER_TEAM)):
        gm = gems[t % len(gems)]
        if rng.random() < 0.6 or len(wijken[gm]) < 3:
            cover = [gm]
        else:
            cover = sorted(rng.sample(wijken[gm], rng.randint(2, min(4, len(wijken[gm])))))
        teams.setdefault(gm, []).append((f"TEAM{t + 1:03d}", cover))
    return teams


def _max_rent(rng: random.Random, household: int) -> float:
    r = rng.random()
    if r < 0.10:  # ASSUMPTION: 10% above the passend-toewijzen income limit
        return SOCIALE_HUURGRENS
    if r < 0.16 and household == 1:  # ASSUMPTION: 6% aged 18-20
        return YOUTH_CAP
    return AFTOPPING_LOW if household <= 2 else AFTOPPING_HIGH


def _forms(rng: random.Random, group: str) -> list[str]:
    r = rng.random()
    if group == "bw" and r < 0.4:
        return ["gemengd_wonen", "housing_first", "zelfstandig"]
    if group == "mo" and r < 0.3:
        return ["flexwonen", "housing_first", "kamer", "zelfstandig"]
    if group in ("bw", "mo") and r > 0.97:
        return ["skaeve_huis"]
    return ["flexwonen", "zelfstandig"] if r < 0.2 else []


def _individual(rng: random.Random, person: dict[str, Any], wijken, buurten) -> None:
    """The `individual` variant: an individual maximum rent (set by a budget coach, or above the
    passend-toewijzen income limit) and a random set of acceptable areas (wijken and buurten of
    the own gemeente), so that hardly two people share a type. Drawn after the calibrated person,
    so the calibrated fields of the default variant are unchanged."""
    person["max_rent"] = round(rng.uniform(RENT_FLOOR, RENT_CEIL + 20), 2)
    gm = "GM" + person["areas"][0][2:6]  # GM0001, WK000102 and BU00010203 share the digits
    pool = list(wijken[gm]) + [b for wk in wijken[gm] for b in buurten[wk]]
    person["areas"] = sorted(rng.sample(pool, min(len(pool), rng.randint(1, 4))))
    person["preferred_areas"] = [rng.choice(person["areas"])] if rng.random() < 0.5 else []


def _person(rng, i, wijken, gemeenten, teams) -> dict[str, Any]:
    group, priority = _pick(rng, tuple((g, p, s) for g, p, s in GROUPS))
    household = _pick(rng, HOUSEHOLDS)
    g = rng.randrange(len(gemeenten))
    gm = gemeenten[g]
    r = rng.random()
    if r < SEARCH_REGION:  # own and neighbouring gemeente (woningmarktregio)
        areas = sorted({gm, gemeenten[(g + 1) % len(gemeenten)]})
    elif r < SEARCH_REGION + SEARCH_GEMEENTE:
        areas = [gm]
    else:
        areas = sorted(rng.sample(wijken[gm], min(len(wijken[gm]), rng.randint(1, 2))))
    pref_pool = [a for a in areas if a.startswith("WK")] or wijken[gm]
    needs = _pick(
        rng,
        (
            (["gelijkvloers"], 0.07),
            (["gelijkvloers", "rolstoel"], 0.02),
            (["lift"], 0.03),
            ([], 0.88),
        ),
    )
    team, support = None, []
    if group in ("bw", "mo") or (group == "urgent" and rng.random() < 0.3):
        team, support = rng.choice(teams[gm])
    mean_wait = 540 if group == "bw" else 365  # BW waits up to 2+ years; MO stay ~a year
    return {
        "id": f"P{i + 1:06d}",
        "priority": priority,
        "waiting_days": min(1500, int(rng.expovariate(1 / mean_wait))),
        "household_size": household,
        "max_rent": _max_rent(rng, household),
        "needs": list(needs),
        "areas": areas,
        "support_areas": list(support),
        "housing_forms": _forms(rng, group),
        "preferred_areas": [rng.choice(pref_pool)] if rng.random() < 0.5 else [],
        "support_team": team,
    }


RENT_VARIANTS = ("limits", "individual", "rents")


def generate_instance(
    people: int,
    dwellings: int,
    areas: int,
    seed: int,
    team_caps: bool = True,
    rents: str = "limits",
) -> dict[str, Any]:
    """A calibrated random instance; same arguments give the same instance.

    `rents="limits"`: maximum rents are the passend-toewijzen limits (few distinct values, as
    when they follow from income); `"individual"`: individual maximum rents and random area sets
    (see `_individual`), the instance where grouping people compresses least; `"rents"`:
    individual maximum rents with the calibrated search areas (rent is all that differs).
    """
    if rents not in RENT_VARIANTS:
        raise ValueError(f"onbekende huurvariant {rents!r}; kies uit {', '.join(RENT_VARIANTS)}")
    rng = random.Random(seed)
    area_list, wijken, buurten = _areas(rng, max(1, areas), dwellings)
    all_buurten = [b for wk in sorted(buurten) for b in buurten[wk]]
    dwelling_list, complexes = _dwellings(rng, dwellings, all_buurten)
    teams = _teams(rng, people, wijken)
    gemeenten = sorted(wijken)
    persons = [_person(rng, i, wijken, gemeenten, teams) for i in range(people)]
    if rents == "individual":
        for p in persons:
            _individual(rng, p, wijken, buurten)
    elif rents == "rents":  # individual maximum rents only; the calibrated search areas stay
        for p in persons:
            p["max_rent"] = round(rng.uniform(RENT_FLOOR, RENT_CEIL + 20), 2)
    support_teams = []
    if team_caps:
        members: dict[str, int] = {}
        for p in persons:
            if p["support_team"]:
                members[p["support_team"]] = members.get(p["support_team"], 0) + 1
        share = dwellings / max(1, people)
        for team in sorted(members):  # ASSUMPTION: teams can take ~half their fair share
            support_teams.append({"id": team, "cap": max(1, round(0.5 * share * members[team]))})
    return {
        "version": 1,
        "candidates": persons,
        "dwellings": dwelling_list,
        "areas": area_list,
        "complexes": complexes,
        "support_teams": support_teams,
    }
