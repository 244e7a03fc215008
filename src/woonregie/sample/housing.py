"""Complexes and dwellings of a sample region, with rents calibrated on the passend-toewijzen
limits of `today`'s year, and the placement caps that follow from what is free."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from woonregie.domain.affordability import RentLimits, limits_for
from woonregie.domain.enums import DwellingStatus, HousingForm
from woonregie.domain.model import Complex, Dwelling
from woonregie.sample import calibration as cal
from woonregie.sample.geography import BuurtPlan, SubRegion
from woonregie.sample.names import STREETS
from woonregie.sample.organisations import RegionOrganisations

F = HousingForm
DS = DwellingStatus


@dataclass
class Housing:
    complexes: list[Complex] = field(default_factory=list)
    dwellings: list[Dwelling] = field(default_factory=list)


def _stock_per_buurt(rng: random.Random, sub: SubRegion) -> dict[str, int]:
    """Register dwellings per buurt: households × corporation share × register share.

    Weak buurten hold more corporation stock, normalised so the region as a whole has
    CORPORATION_SHARE. Fractions are rounded at random (unbiased).
    """
    per_class = cal.CORPORATION_WEIGHT_PER_CLASS
    weight = {
        b.area.code: 1 + per_class * max(0, 6 - (b.area.liveability or 6)) for b in sub.buurten
    }
    households = {b.area.code: b.inhabitants / cal.PERSONS_PER_HOUSEHOLD for b in sub.buurten}
    norm = sum(households.values()) / sum(households[c] * weight[c] for c in households)
    factor = cal.CORPORATION_SHARE * cal.REGISTER_SHARE * min(1.0, sub.size) * norm
    out = {}
    for code, hh in households.items():
        expected = hh * weight[code] * factor
        out[code] = int(expected) + (rng.random() < expected - int(expected))
    return out


def _choose(rng: random.Random, options: tuple[tuple[int, float], ...]) -> int:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _bound(lim: RentLimits, name: str) -> float:
    if name == "floor":
        return cal.RENT_FLOOR * lim.cap_small
    if name == "room_low":
        return cal.ROOM_RENT[0] * lim.cap_small
    if name == "room":
        return cal.ROOM_RENT[1] * lim.cap_small
    return float(getattr(lim, name))


def _rent(rng: random.Random, form: HousingForm, lim: RentLimits) -> float:
    bands = cal.RENT_BANDS[form]
    _, low, high = rng.choices(bands, weights=[b[0] for b in bands])[0]
    return round(rng.uniform(_bound(lim, low), _bound(lim, high)), 2)


def _household_range(form: HousingForm, rooms: int) -> tuple[int, int]:
    if form in (F.KAMER, F.SKAEVE_HUIS, F.FLEXWONEN):
        return 1, rooms
    if form in (F.HOUSING_FIRST, F.GEMENGD_WONEN):
        return 1, min(3, cal.MAX_HOUSEHOLD[rooms])
    large_rooms, large_min = cal.MIN_HOUSEHOLD_LARGE
    return (large_min if rooms >= large_rooms else 1), cal.MAX_HOUSEHOLD[rooms]


def _features(rng: random.Random, form: HousingForm) -> frozenset[str]:
    chosen = [f for f, share in cal.FEATURE_SHARES.items() if rng.random() < share]
    if form == F.SKAEVE_HUIS:
        chosen += ["prikkelarm", "gelijkvloers", "buitenruimte"]
    if "rolstoel" in chosen and "lift" not in chosen:
        chosen.append("gelijkvloers")
    return frozenset(chosen)


@dataclass
class _Builder:
    rng: random.Random
    sub: SubRegion
    orgs: RegionOrganisations
    limits: RentLimits
    tag: str
    out: Housing = field(default_factory=Housing)

    def corporation(self, gemeente: str) -> str:
        shares = self.orgs.corporation_share[gemeente]
        return self.rng.choices(list(shares), weights=list(shares.values()))[0]

    def dwelling(self, buurt: BuurtPlan, form: HousingForm, corp: str, cx: str | None) -> None:
        rng = self.rng
        rooms = _choose(rng, cal.ROOMS[form])
        low, high = _household_range(form, rooms)
        n = len(self.out.dwellings) + 1
        street = STREETS[hash_index(buurt.area.code, len(STREETS))]
        self.out.dwellings.append(
            Dwelling(
                code=f"W{self.tag}-{n:06d}",
                corporation=corp,
                buurt=buurt.area.code,
                rent=_rent(rng, form, self.limits),
                rooms=rooms,
                housing_form=form,
                min_household=low,
                max_household=high,
                features=_features(rng, form),
                complex=cx,
                status=DS.VERHUURD,
                address=f"{street} {n % 400 + 1}",
            )
        )

    def complex(self, buurt: BuurtPlan, form: HousingForm, size: int) -> None:
        rng = self.rng
        code = f"CX{self.tag}-{len(self.out.complexes) + 1:04d}"
        corp = self.corporation(buurt.gemeente)
        capped = rng.random() < cal.CAPPED_COMPLEX_SHARE
        cap = max(1, round(cal.COMPLEX_CAP_SHARE * size)) if capped else None
        label = {
            F.GEMENGD_WONEN: "Samen",
            F.FLEXWONEN: "Flex",
            F.KAMER: "Kamers",
            F.SKAEVE_HUIS: "Skaeve",
            F.ZELFSTANDIG: "Flat",
        }[form]
        self.out.complexes.append(
            Complex(code, f"{label} {buurt.area.name}", corp, buurt.area.code, cap)
        )
        for _ in range(size):
            self.dwelling(buurt, form, corp, code)

    def buurt(self, buurt: BuurtPlan, n: int) -> None:
        forms = list(cal.HOUSING_FORM_SHARES)
        counts = Counter(
            self.rng.choices(forms, weights=list(cal.HOUSING_FORM_SHARES.values()), k=n)
        )
        for form in forms:
            k = counts[form]
            in_complex = k if form in cal.COMPLEX_SIZE else 0
            if form == F.ZELFSTANDIG:
                in_complex = round(k * cal.ZELFSTANDIG_IN_COMPLEX)
            for size in _complex_sizes(self.rng, in_complex, cal.COMPLEX_SIZE.get(form)):
                self.complex(buurt, form, size)
            for _ in range(k - in_complex):
                self.dwelling(buurt, form, self.corporation(buurt.gemeente), None)


def hash_index(text: str, n: int) -> int:
    """A stable index from a string (Python's hash() is salted per process: never use it)."""
    return sum(ord(c) * (i + 1) for i, c in enumerate(text)) % n


def _complex_sizes(rng: random.Random, total: int, bounds: tuple[int, int] | None) -> list[int]:
    sizes: list[int] = []
    while total > 0 and bounds:
        size = min(total, rng.randint(*bounds))
        sizes.append(size)
        total -= size
    return sizes


def _set_statuses(
    rng: random.Random, dwellings: list[Dwelling], proposed: int, today: date
) -> None:
    """Exact shares: vrij (VACANT_SHARE of every housing form, at least one each, so every form
    is on offer), niet_beschikbaar, and as many voorgedragen dwellings as there are people
    voorgedragen; the rest stays verhuurd."""
    lo, hi = cal.VACANCY_NOTICE_DAYS
    taken: set[int] = set()
    for form in cal.HOUSING_FORM_SHARES:
        of_form = [i for i, d in enumerate(dwellings) if d.housing_form == form]
        n_free = min(len(of_form), max(1, round(cal.VACANT_SHARE.value * len(of_form))))
        for i in rng.sample(of_form, n_free):
            dwellings[i].status = DS.VRIJ
            dwellings[i].available_from = today + timedelta(days=rng.randint(lo, hi))
            taken.add(i)
    rest = [i for i in range(len(dwellings)) if i not in taken]
    n_off = min(len(rest), round(cal.UNAVAILABLE_SHARE * len(dwellings)))
    n_prop = max(0, min(proposed, len(rest) - n_off))
    chosen = rng.sample(rest, n_off + n_prop)
    for i in chosen[:n_off]:
        dwellings[i].status = DS.NIET_BESCHIKBAAR
        dwellings[i].available_from = today + timedelta(days=rng.randint(*cal.UNAVAILABLE_DAYS))
    for i in chosen[n_off:]:
        dwellings[i].status = DS.VOORGEDRAGEN
        dwellings[i].available_from = today + timedelta(days=rng.randint(*cal.PROPOSED_DAYS))


def _set_caps(rng: random.Random, sub: SubRegion, dwellings: list[Dwelling]) -> None:
    """Caps on weak buurten (class ≤ WEAK_CLASS), on the wijken that hold them, and on some other
    buurten (OTHER_CAPPED_BUURT_SHARE): CAP_SHARE of what is free there, at least 1 (buurt) or 2
    (wijk)."""
    free = Counter(d.buurt for d in dwellings if d.status == DS.VRIJ)
    for g in sub.gemeenten:
        free_in_wijk: Counter[str] = Counter()
        weak_wijken = set()
        for b in g.buurten:
            free_in_wijk[b.wijk] += free[b.area.code]
            weak = (b.area.liveability or 9) <= cal.WEAK_CLASS
            if weak:
                weak_wijken.add(b.wijk)
            if weak or rng.random() < cal.OTHER_CAPPED_BUURT_SHARE:
                b.area.cap = max(1, round(cal.CAP_SHARE * free[b.area.code]))
        for w in g.wijken:
            if w.code in weak_wijken:
                w.cap = max(2, round(cal.CAP_SHARE * free_in_wijk[w.code]))


def build_housing(
    rng: random.Random, sub: SubRegion, orgs: RegionOrganisations, today: date, proposed: int
) -> Housing:
    """The register's dwellings; `proposed` is the number of people voorgedragen in the region."""
    builder = _Builder(rng, sub, orgs, limits_for(today.year), f"{sub.index + 1:02d}")
    stock = _stock_per_buurt(rng, sub)
    for b in sub.buurten:
        builder.buurt(b, stock[b.area.code])
    _set_statuses(rng, builder.out.dwellings, proposed, today)
    _set_caps(rng, sub, builder.out.dwellings)
    return builder.out
