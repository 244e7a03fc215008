"""Calibration defaults of the sample region, as data.

Every figure says where it comes from: a row of /work/shared/calibration.md (abbreviated "cal."),
design.md, or "assumption" when no public figure exists. Where a test checks a figure, the expected
value and its tolerance sit next to it (`Target`), so the test and the default cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from woonregie.domain.enums import HousingForm, SupportIntensity, TargetGroup
from woonregie.domain.status import PersonStatus

G = TargetGroup
S = PersonStatus
F = HousingForm
I = SupportIntensity  # noqa: E741

REFERENCE_DATE = date(2026, 1, 1)
"""Default `today` of the generator: fixed, so a seed always gives the same region."""

HISTORY_YEARS = 3
"""Registrations spread over the three years before `today` (issue 2: three years of history)."""


@dataclass(frozen=True, slots=True)
class Target:
    """An expected value with the tolerance the tests allow (absolute, same unit)."""

    value: float
    tolerance: float

    @property
    def low(self) -> float:
        return self.value - self.tolerance

    @property
    def high(self) -> float:
        return self.value + self.tolerance


# --- Geography --------------------------------------------------------------------------------

CENTRE_POPULATION = (150_000, 200_000)
"""Inhabitants of the centrumgemeente at scale 1 (issue 2: ~150–200k)."""

SURROUNDING_GEMEENTEN = (3, 4)
SURROUNDING_POPULATION = (18_000, 60_000)
"""3–4 surrounding gemeenten of 18–60k inhabitants (assumption: a typical BW/MO region)."""

NATIONAL_REGIONS = 44
"""Scale grows by adding centrumgemeente regions, at most 44 (cal.: "42 of 44 centrumgemeenten");
beyond that the regions grow instead. Scale 50 ≈ 44 regions ≈ 15M inhabitants ≈ national size."""

INHABITANTS_PER_WIJK = 17_500
INHABITANTS_PER_BUURT = 3_500
"""Area sizes (assumption, coarser than CBS's ~1,250 per buurt so the sample stays readable)."""

PERSONS_PER_HOUSEHOLD = 2.15
"""Average household size (CBS Kerncijfers wijken en buurten, ~2.1–2.2; cal. "Neighbourhoods")."""

WEAK_WIJKEN_IN_CENTRE = (2, 3)
"""Wijken of the centrumgemeente where the weak buurten concentrate (assumption)."""

LIVEABILITY_WEAK = {1: 0.05, 2: 0.15, 3: 0.3, 4: 0.3, 5: 0.2}
LIVEABILITY_CENTRE = {5: 0.2, 6: 0.35, 7: 0.3, 8: 0.15}
LIVEABILITY_SURROUNDING = {5: 0.1, 6: 0.3, 7: 0.35, 8: 0.2, 9: 0.05}
"""Weights of the Leefbaarometer classes 1–9 per kind of wijk (cal. "Neighbourhoods": 1 zeer
onvoldoende … 4 zwak … 9 uitstekend) (assumption). Weak buurten (class ≤ 4) only occur in the
aandachtswijken of the centrumgemeente."""

WEAK_CLASS = 4
"""Class 4 "zwak" and below count as weak: these buurten get a placement cap."""

# --- Housing stock ----------------------------------------------------------------------------

CORPORATION_SHARE = 0.285
"""Share of dwellings owned by corporations: 2,312,981 of 8,125,229 (cal.: CBS 82900NED, 2023)."""

CORPORATION_WEIGHT_PER_CLASS = 0.25
"""Weak buurten hold more of it: weight 1 + 0.25 per Leefbaarometer class below 6, normalised
to CORPORATION_SHARE over the region (assumption)."""

REGISTER_SHARE = 0.16
"""Share of the corporation stock that corporations bring into the shared register: the small,
affordable part labelled for aandachtsgroepen (assumption; no public figure)."""

CORPORATIONS_PER_REGION = (2, 3)
"""Woningcorporaties per region (issue 2)."""

VACANT_SHARE = Target(0.07, 0.015)
"""Share of register dwellings that is free (vrij) on `today`: the yearly turnover (mutatiegraad)
of ~7% (cal.: 162,500–169,000 vacated of ~2.3M corporation dwellings, CBS 2021–22). Assumption:
corporations release a year's turnover of the labelled stock as a rolling pool, so about a year's
turnover is on offer at any moment, available over the coming three months."""

UNAVAILABLE_SHARE = 0.015
UNAVAILABLE_DAYS = (90, 365)
"""Withdrawn (niet_beschikbaar: renovation, sale), back in 3–12 months (assumption)."""

PROPOSED_DAYS = (0, 60)
"""A dwelling voorgedragen comes free within two months (assumption)."""

VACANCY_NOTICE_DAYS = (-30, 90)
"""Free dwellings are available from a month ago up to three months ahead (assumption: one month
notice plus the letting process)."""

HOUSING_FORM_SHARES: dict[HousingForm, float] = {
    F.ZELFSTANDIG: 0.72,
    F.GEMENGD_WONEN: 0.08,
    F.FLEXWONEN: 0.07,
    F.KAMER: 0.07,
    F.HOUSING_FIRST: 0.04,
    F.SKAEVE_HUIS: 0.02,
}
"""Housing forms in the register (assumption; mixed projects after Startblok, cal.
"Neighbourhoods"). Every form but zelfstandig and housing_first is built as complexes."""

COMPLEX_SIZE: dict[HousingForm, tuple[int, int]] = {
    F.GEMENGD_WONEN: (20, 60),
    F.FLEXWONEN: (16, 40),
    F.KAMER: (8, 24),
    F.SKAEVE_HUIS: (3, 8),
    F.ZELFSTANDIG: (30, 80),
}
"""Dwellings per complex (assumption; Startblok-like projects hold tens of units)."""

ZELFSTANDIG_IN_COMPLEX = 0.2
"""Share of zelfstandige dwellings in a named complex (flats) (assumption)."""

CAP_SHARE = 0.3
"""Caps: at most ~30% of what is free in a weak buurt, wijk or capped complex may go to the
register's groups in one round (cal. "Concentration": no national cap; modest local default)."""

OTHER_CAPPED_BUURT_SHARE = 0.1
"""Besides the weak buurten, ~10% of the others get a cap too (a local policy choice)."""

CAPPED_COMPLEX_SHARE = 0.5
COMPLEX_CAP_SHARE = 0.1
"""Half the complexes are capped, at ~10% of their units per round, at least 1 (assumption)."""

RENT_BANDS: dict[HousingForm, tuple[tuple[float, str, str], ...]] = {
    # (weight, low, high) with bounds named after the limits of `today`'s year (cal. "Rent and
    # income limits"): most under the aftoppingsgrens, some up to the liberalisatiegrens.
    # Test: the median rent is under the aftoppingsgrens for 1–2 persons, none above the
    # liberalisatiegrens.
    F.ZELFSTANDIG: (
        (0.65, "floor", "cap_small"),
        (0.20, "cap_small", "cap_large"),
        (0.15, "cap_large", "liberalisation_limit"),
    ),
    F.GEMENGD_WONEN: ((0.85, "floor", "cap_small"), (0.15, "cap_small", "cap_large")),
    F.HOUSING_FIRST: ((1.0, "floor", "cap_small"),),
    F.FLEXWONEN: ((1.0, "room", "cap_small"),),
    F.SKAEVE_HUIS: ((1.0, "room", "cap_small"),),
    F.KAMER: ((1.0, "room_low", "room"),),
}
RENT_FLOOR = 0.68  # lowest self-contained rent as a share of the aftoppingsgrens (assumption)
ROOM_RENT = (0.55, 0.75)  # room rents as a share of the aftoppingsgrens (assumption)

ROOMS: dict[HousingForm, tuple[tuple[int, float], ...]] = {
    F.ZELFSTANDIG: ((1, 0.10), (2, 0.40), (3, 0.35), (4, 0.12), (5, 0.03)),
    F.GEMENGD_WONEN: ((1, 0.5), (2, 0.4), (3, 0.1)),
    F.HOUSING_FIRST: ((1, 0.3), (2, 0.6), (3, 0.1)),
    F.FLEXWONEN: ((1, 0.7), (2, 0.3)),
    F.SKAEVE_HUIS: ((1, 0.8), (2, 0.2)),
    F.KAMER: ((1, 1.0),),
}
"""Rooms per dwelling (assumption: the register's stock is small dwellings)."""

MAX_HOUSEHOLD = {1: 2, 2: 3, 3: 5, 4: 6, 5: 8}
MIN_HOUSEHOLD_LARGE = (4, 3)
"""Largest household per number of rooms; dwellings of 4+ rooms go to households of 3+
(assumption: corporations' usual letting rules). Kamer, flex and skaeve: 1 per room; Housing First
and gemengd wonen: at most 3."""

FEATURE_SHARES = {
    "gelijkvloers": 0.30,
    "lift": 0.25,
    "buitenruimte": 0.50,
    "huisdier": 0.30,
    "rolstoel": 0.03,
    "prikkelarm": 0.10,
}
"""Share of dwellings with each feature (domain.enums.FEATURES) (assumption). Skaeve huse are
always prikkelarm and gelijkvloers."""

# --- Organisations ----------------------------------------------------------------------------

CARE_PROVIDER_KINDS = ("bw", "mo", "ggz", "hf")
GGZ_MERGED_SHARE = 0.35
"""One zorgaanbieder per kind: beschermd wonen, maatschappelijke opvang, GGZ, Housing First
(issue 2: 3–4 zorgaanbieders); in ~35% of the regions the BW provider also does the GGZ."""

SURROUNDING_CORPORATIONS = (1, 2)
"""The centrumgemeente is served by all corporations of the region, the others by 1–2."""

TEAMS_PER_PROVIDER = (2, 4)
TEAM_CAPACITY = (3, 8)
"""Ambulant teams per provider and new clients per team per round (assumption)."""

PROVIDER_OF_GROUP: dict[TargetGroup, tuple[tuple[str, float], ...]] = {
    G.BW_UITSTROOM: (("bw", 0.8), ("ggz", 0.2)),
    G.MO_UITSTROOM: (("mo", 0.85), ("hf", 0.15)),
    G.DAKLOOS: (("mo", 0.6), ("hf", 0.4)),
    # Urgent, statushouder and overig people are registered by the provider that gives their
    # (light) support; in practice often a welfare organisation, not modelled separately.
    G.URGENT: (("ggz", 0.6), ("mo", 0.4)),
    G.STATUSHOUDER: (("mo", 0.5), ("ggz", 0.5)),
    G.OVERIG: (("ggz", 0.7), ("mo", 0.3)),
}

# --- Persons ----------------------------------------------------------------------------------

INFLOW_PER_1000: dict[TargetGroup, float] = {
    # BW residents ~1.0 per 1,000 (Leiden 465 in BW for its region; ≥25,000 BW+MO clients
    # nationally, CBS 86050NED) with ~3 years stay: outflow ~0.3 per 1,000.
    G.BW_UITSTROOM: 0.30,
    # Shelter 2.0–3.3 per 1,000 in the cities (CBS Monitor Dakloosheid 2024), stay ~1 year
    # (Valente 2023); the centrumgemeente (~half the region) holds the region's shelters, and
    # about half of its clients move on via the register: ~0.6 per 1,000 of the region.
    G.MO_UITSTROOM: 0.60,
    # ~33,000 homeless 18–65 (CBS 2024) ≈ 1.8 per 1,000; ~30% registered; part reached here.
    G.DAKLOOS: 0.40,
    # Urgency schemes in 176 of 187 gemeenten (RIGO 2018); medical/social urgency (assumption).
    G.URGENT: 0.50,
    # Taakstelling 13,000–17,700 persons per half year (2022–25) ≈ 30,000 a year ≈ 1.7 per
    # 1,000 persons, in households of ~2.2: ~0.75 households per 1,000.
    G.STATUSHOUDER: 0.75,
    G.OVERIG: 0.30,  # other priority cases (assumption)
}
"""Yearly registrations (households) per 1,000 inhabitants of the region."""


def group_share(group: TargetGroup) -> float:
    return INFLOW_PER_1000[group] / sum(INFLOW_PER_1000.values())


GROUP_SHARE_TOLERANCE = 0.01
"""Group counts are allocated exactly (largest remainder), so shares match within rounding."""

HOME_IN_CENTRE: dict[TargetGroup, float] = {
    G.BW_UITSTROOM: 0.85,
    G.MO_UITSTROOM: 0.85,
    G.DAKLOOS: 0.75,
    G.URGENT: 0.55,
    G.STATUSHOUDER: 0.55,
    G.OVERIG: 0.55,
}
"""Share registered in the centrumgemeente, which hosts BW and MO for the region (assumption);
the rest by population."""

HOUSEHOLD_SIZES: dict[TargetGroup, tuple[tuple[int, float], ...]] = {
    G.BW_UITSTROOM: ((1, 0.95), (2, 0.05)),
    G.MO_UITSTROOM: ((1, 0.85), (2, 0.08), (3, 0.05), (4, 0.02)),
    G.DAKLOOS: ((1, 0.9), (2, 0.07), (3, 0.03)),
    G.URGENT: ((1, 0.45), (2, 0.25), (3, 0.15), (4, 0.1), (5, 0.05)),
    G.STATUSHOUDER: ((1, 0.45), (2, 0.12), (3, 0.13), (4, 0.13), (5, 0.1), (6, 0.07)),
    G.OVERIG: ((1, 0.55), (2, 0.25), (3, 0.12), (4, 0.08)),
}
"""Household sizes (assumption; statushouders ~2.2 persons per household, taakstelling row)."""

INCOME_UNDER_LIMIT = Target(0.92, 0.04)
"""Share of households with an income under the passend-toewijzen limit (assumption: the groups
live mostly on benefits; the rest earns up to the DAEB limit)."""

INCOME_RANGE_UNDER = (0.55, 0.98)
"""Incomes under the limit, as a share of the limit for the household (assumption: bijstand
level ≈ 55–60% of the limit)."""

PENSION_AGE_SHARE = 0.04

SUPPORT: dict[TargetGroup, tuple[tuple[SupportIntensity, float], ...]] = {
    G.BW_UITSTROOM: ((I.LICHT, 0.15), (I.MIDDEL, 0.5), (I.INTENSIEF, 0.35)),
    G.MO_UITSTROOM: ((I.LICHT, 0.35), (I.MIDDEL, 0.45), (I.INTENSIEF, 0.2)),
    G.DAKLOOS: ((I.LICHT, 0.2), (I.MIDDEL, 0.4), (I.INTENSIEF, 0.4)),
    G.URGENT: ((I.GEEN, 0.6), (I.LICHT, 0.3), (I.MIDDEL, 0.1)),
    G.STATUSHOUDER: ((I.GEEN, 0.6), (I.LICHT, 0.4)),
    G.OVERIG: ((I.GEEN, 0.7), (I.LICHT, 0.25), (I.MIDDEL, 0.05)),
}
"""Intensity of ambulant support after the move (assumption)."""

ZRM_DOMAINS = (
    "financien",
    "dagbesteding",
    "huisvesting",
    "huiselijke_relaties",
    "geestelijke_gezondheid",
    "lichamelijke_gezondheid",
    "verslaving",
    "adl_vaardigheden",
    "sociaal_netwerk",
    "maatschappelijke_participatie",
    "justitie",
)
"""The 11 domains of the Zelfredzaamheid-Matrix (ZRM), scored 1 (acute) to 5 (self-reliant)."""

ZRM_CENTRE: dict[SupportIntensity, float] = {I.LICHT: 3.8, I.MIDDEL: 3.1, I.INTENSIEF: 2.4}
ZRM_SPREAD = 0.9
"""Mean and spread of the ZRM scores per support intensity (assumption: more support ↔ lower
self-reliance)."""

REQUIRED_FEATURE_SHARE = 0.15
REQUIRED_FEATURES = (
    ("gelijkvloers", 0.45),
    ("lift", 0.2),
    ("prikkelarm", 0.2),
    ("huisdier", 0.1),
    ("rolstoel", 0.05),
)
"""15% of people need one feature, weighted as listed (assumption)."""

ALLOWED_FORMS: dict[TargetGroup, tuple[tuple[frozenset[HousingForm], float], ...]] = {
    G.BW_UITSTROOM: (
        (frozenset({F.ZELFSTANDIG, F.GEMENGD_WONEN}), 0.7),
        (frozenset({F.ZELFSTANDIG, F.GEMENGD_WONEN, F.KAMER}), 0.3),
    ),
    G.MO_UITSTROOM: (
        (frozenset({F.ZELFSTANDIG, F.GEMENGD_WONEN, F.FLEXWONEN, F.KAMER}), 0.75),
        (frozenset({F.HOUSING_FIRST, F.ZELFSTANDIG}), 0.15),
        (frozenset({F.SKAEVE_HUIS}), 0.1),
    ),
    # Housing First for a good part of the homeless (issue 2: "Housing First for some dakloos/MO").
    G.DAKLOOS: (
        (frozenset({F.HOUSING_FIRST}), 0.35),
        (frozenset({F.HOUSING_FIRST, F.ZELFSTANDIG}), 0.25),
        (frozenset({F.SKAEVE_HUIS, F.HOUSING_FIRST}), 0.1),
        (frozenset({F.ZELFSTANDIG, F.FLEXWONEN, F.KAMER}), 0.3),
    ),
    G.URGENT: ((frozenset(), 0.7), (frozenset({F.ZELFSTANDIG}), 0.3)),
    G.STATUSHOUDER: (
        (frozenset({F.ZELFSTANDIG, F.FLEXWONEN, F.GEMENGD_WONEN}), 0.8),
        (frozenset({F.ZELFSTANDIG, F.FLEXWONEN, F.GEMENGD_WONEN, F.KAMER}), 0.2),
    ),
    G.OVERIG: ((frozenset(), 0.6), (frozenset({F.ZELFSTANDIG, F.GEMENGD_WONEN}), 0.4)),
}
"""Housing forms the support plan allows (empty = any) (assumption)."""

ACCEPTABLE_AREAS_SHARE = 0.6
ACCEPTABLE_AREA_KINDS = (("gemeente", 0.4), ("gemeenten", 0.3), ("wijken", 0.3))
"""Share of people who restrict where they can live, and how: their own gemeente, it and 1–2
neighbouring gemeenten, or their own wijk and up to two more (assumption)."""

LEGAL_URGENCY: dict[TargetGroup, float] = {
    G.URGENT: 0.7,
    G.BW_UITSTROOM: 0.1,
    G.MO_UITSTROOM: 0.1,
    G.DAKLOOS: 0.05,
    G.STATUSHOUDER: 0.0,
    G.OVERIG: 0.0,
}
"""Granted urgency: "leaving institutions" is a category in 46% of schemes (cal. RIGO 2018)."""

# --- Status history ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Step:
    """One way out of a status: its weight among the ways out and its duration (lognormal)."""

    target: PersonStatus | None  # None: stays (no further change)
    weight: float
    median_days: float = 30.0
    sigma: float = 0.5


PREPARATION_DAYS: dict[TargetGroup, float] = {
    G.BW_UITSTROOM: 150,
    G.MO_UITSTROOM: 150,
    G.DAKLOOS: 60,
    G.URGENT: 21,
    G.STATUSHOUDER: 30,
    G.OVERIG: 45,
}
"""Median days in_voorbereiding → uitstroomklaar (assumption; MO: half of a ~1 year stay)."""

WAIT_DAYS: dict[TargetGroup, tuple[float, float]] = {
    # BW: months to 2+ years (cal.: Pointer 2024; Leiden 111 waiting): median 8 months, p90 ~1.7
    # years, p95 ~2.2 years.
    G.BW_UITSTROOM: (240, 0.75),
    # MO: stay about a year (cal.: Valente 2023) = ~5 months preparing + ~4 months waiting + the
    # proposal; the 3-month goal is "met almost nowhere".
    G.MO_UITSTROOM: (120, 0.6),
    G.DAKLOOS: (180, 0.7),
    G.URGENT: (90, 0.6),  # urgency is usually granted for 3–6 months (assumption)
    G.STATUSHOUDER: (100, 0.6),  # taakstelling pushes for ~14 weeks (assumption)
    G.OVERIG: (200, 0.8),
}
"""Waiting time uitstroomklaar → voorgedragen: (median days, lognormal sigma)."""


def flow(group: TargetGroup) -> dict[PersonStatus, tuple[Step, ...]]:
    """The ways out of every status for `group`: a semi-Markov model of the status machine."""
    wait, sigma = WAIT_DAYS[group]
    return {
        S.AANGEMELD: (Step(S.IN_VOORBEREIDING, 0.95, 21), Step(S.UITGESCHREVEN, 0.05, 30)),
        S.IN_VOORBEREIDING: (
            Step(S.UITSTROOMKLAAR, 0.88, PREPARATION_DAYS[group], 0.6),
            Step(S.TERUGGEVALLEN, 0.06, 120, 0.6),
            Step(S.UITGESCHREVEN, 0.06, 150, 0.6),
        ),
        S.UITSTROOMKLAAR: (
            Step(S.VOORGEDRAGEN, 0.85, wait, sigma),
            Step(S.IN_VOORBEREIDING, 0.04, 120),
            Step(S.TERUGGEVALLEN, 0.05, 150),
            Step(S.UITGESCHREVEN, 0.06, 200, 0.6),
        ),
        # ~15% of proposals fall through (refusal, landlord veto) (assumption).
        S.VOORGEDRAGEN: (
            Step(S.GEHUISVEST, 0.82, 28, 0.4),
            Step(S.UITSTROOMKLAAR, 0.15, 21, 0.4),
            Step(S.TERUGGEVALLEN, 0.03, 20, 0.4),
        ),
        S.GEHUISVEST: (Step(S.NAZORG, 0.95, 45, 0.4), Step(S.TERUGGEVALLEN, 0.05, 60)),
        # Tenancy sustainment ~80% after a year (design.md "Monitor definitions" benchmark).
        S.NAZORG: (Step(S.AFGESLOTEN, 0.85, 300, 0.4), Step(S.TERUGGEVALLEN, 0.15, 180, 0.7)),
        S.AFGESLOTEN: (Step(None, 0.95), Step(S.TERUGGEVALLEN, 0.05, 300, 0.6)),
        S.TERUGGEVALLEN: (Step(S.IN_VOORBEREIDING, 0.7, 90), Step(S.UITGESCHREVEN, 0.3, 120)),
        S.UITGESCHREVEN: (Step(None, 0.92), Step(S.AANGEMELD, 0.08, 240, 0.6)),
    }


REASONS: dict[PersonStatus, tuple[str, ...]] = {
    S.UITGESCHREVEN: (
        "zelf woonruimte gevonden",
        "verhuisd buiten de regio",
        "geen contact meer",
        "traject beëindigd door zorgaanbieder",
    ),
    S.TERUGGEVALLEN: (
        "terug naar de opvang",
        "terugval in zorg",
        "huisuitzetting dreigt",
        "crisisopname",
    ),
    S.UITSTROOMKLAAR: ("aanbieding geweigerd", "voordracht afgewezen door corporatie"),
}
"""Reasons for side exits and for a proposal that fell through (Dutch: users read them)."""

HOUSED_WAIT_MEDIAN_DAYS: dict[TargetGroup, Target] = {
    G.BW_UITSTROOM: Target(240, 90),
    G.MO_UITSTROOM: Target(130, 60),
}
"""Test: median days uitstroomklaar → gehuisvest of the people housed (wait + ~4 weeks proposal,
minus censoring: long waits have not ended by `today`)."""

STAGNATING_SHARE = Target(0.6, 0.2)
"""Test: share of people uitstroomklaar on `today` who have waited more than 90 days (design.md
"stagnation"; cal.: the 3-month goal "is met almost nowhere")."""

READY_SHARE_OF_RESIDENTS = Target(0.225, 0.075)
"""Test: BW+MO people ready (uitstroomklaar or voorgedragen) as a share of the BW and MO
residents the inflow figures above imply: 15–30% (cal.: "assume and document")."""

BW_RESIDENTS_PER_1000 = 1.0
MO_RESIDENTS_PER_1000_CENTRE = 2.6
"""BW residents per 1,000 of the region and MO residents per 1,000 of the centrumgemeente
(cal.: Leiden, CBS 86050NED; shelter Amsterdam/Utrecht 2.6 per 1,000)."""

AGREEMENT_GROUPS = (G.BW_UITSTROOM, G.MO_UITSTROOM, G.DAKLOOS, G.URGENT, G.STATUSHOUDER)
AGREEMENT_COVERAGE = (0.7, 1.0)
"""Contingents cover 70–100% of the expected yearly housing need of a group (assumption)."""
