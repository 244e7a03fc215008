"""A hand-built history for the monitor tests; every figure's answer is worked out beside the
test that checks it (tests/monitor/test_*.py).

Nine persons, reporting period 2024 (a leap year):
- A (bw): housed 2023-08-01, relapses 2024-03-01, comes back and is housed again on the last day
  of the period (2024-12-31): two placements.
- B (mo): an offer declined (voorgedragen 2024-01-15 → uitstroomklaar 2024-02-01), proposed
  again on the leap day, housed 2024-03-10.
- C (dakloos): first registered on the leap day, waiting since 2024-04-01.
- D (bw): waiting since 2023-11-01 (stagnation), proposed 2024-10-01.
- E (statushouder): uitgeschreven on 2023-12-31, registered again on 2024-01-01.
- F (urgent): first registered after the period.
- G (overig): housed 2022-08-31, relapses 2023-05-01, housed again 2023-12-01.
- H (mo): housed 2023-08-31, tenancy ends and relapse on the leap day.
- J (urgent): housed 2022-06-15, nazorg, afgesloten; the tenancy runs on.

`domain_region()` is the same history as a Region for the database: A–E are clients of ZA1 (in
GM01), F–J of ZA2 (in GM02), so `--gemeente GM02` counts F, G, H and J.
"""

from __future__ import annotations

from datetime import date

from woonregie.domain.enums import AreaLevel, HousingForm, OrgKind, TargetGroup
from woonregie.domain.model import Agreement, Area, Dwelling, Organisation, Person, Region
from woonregie.domain.placement import EndReason, Placement
from woonregie.domain.status import PersonStatus
from woonregie.monitor import (
    AgreementRecord,
    BuurtRecord,
    ChangeRecord,
    MonitorData,
    PersonRecord,
    PlacementRecord,
)

D = date.fromisoformat

HISTORIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "A": ("bw_uitstroom", [
        ("2023-01-10", "aangemeld"), ("2023-02-01", "in_voorbereiding"),
        ("2023-06-01", "uitstroomklaar"), ("2023-07-01", "voorgedragen"),
        ("2023-08-01", "gehuisvest"), ("2024-03-01", "teruggevallen"),
        ("2024-03-15", "in_voorbereiding"), ("2024-05-01", "uitstroomklaar"),
        ("2024-06-01", "voorgedragen"), ("2024-12-31", "gehuisvest")]),
    "B": ("mo_uitstroom", [
        ("2023-09-01", "aangemeld"), ("2023-09-15", "in_voorbereiding"),
        ("2023-10-01", "uitstroomklaar"), ("2024-01-15", "voorgedragen"),
        ("2024-02-01", "uitstroomklaar"), ("2024-02-29", "voorgedragen"),
        ("2024-03-10", "gehuisvest")]),
    "C": ("dakloos", [
        ("2024-02-29", "aangemeld"), ("2024-03-01", "in_voorbereiding"),
        ("2024-04-01", "uitstroomklaar")]),
    "D": ("bw_uitstroom", [
        ("2023-05-01", "aangemeld"), ("2023-06-01", "in_voorbereiding"),
        ("2023-11-01", "uitstroomklaar"), ("2024-10-01", "voorgedragen")]),
    "E": ("statushouder", [
        ("2022-01-05", "aangemeld"), ("2023-12-31", "uitgeschreven"),
        ("2024-01-01", "aangemeld"), ("2024-06-30", "in_voorbereiding")]),
    "F": ("urgent", [("2025-01-01", "aangemeld")]),
    "G": ("overig", [
        ("2022-01-03", "aangemeld"), ("2022-02-01", "in_voorbereiding"),
        ("2022-04-01", "uitstroomklaar"), ("2022-08-01", "voorgedragen"),
        ("2022-08-31", "gehuisvest"), ("2023-05-01", "teruggevallen"),
        ("2023-06-01", "in_voorbereiding"), ("2023-09-01", "uitstroomklaar"),
        ("2023-11-01", "voorgedragen"), ("2023-12-01", "gehuisvest")]),
    "H": ("mo_uitstroom", [
        ("2023-01-01", "aangemeld"), ("2023-02-01", "in_voorbereiding"),
        ("2023-03-01", "uitstroomklaar"), ("2023-08-01", "voorgedragen"),
        ("2023-08-31", "gehuisvest"), ("2024-02-29", "teruggevallen")]),
    "J": ("urgent", [
        ("2021-09-01", "aangemeld"), ("2021-10-01", "in_voorbereiding"),
        ("2022-01-15", "uitstroomklaar"), ("2022-05-01", "voorgedragen"),
        ("2022-06-15", "gehuisvest"), ("2023-06-15", "nazorg"), ("2024-06-15", "afgesloten")]),
}

# person, corporation, gemeente, buurt, start, end
PLACEMENTS = [
    ("A", "WC1", "GM01", "BU01", "2023-08-01", "2024-03-01"),
    ("A", "WC1", "GM01", "BU01", "2024-12-31", None),
    ("B", "WC1", "GM01", "BU02", "2024-03-10", None),
    ("G", "WC2", "GM01", "BU02", "2022-08-31", "2023-05-01"),
    ("G", "WC2", "GM02", "BU03", "2023-12-01", None),
    ("H", "WC1", "GM02", "BU03", "2023-08-31", "2024-02-29"),
    ("J", "WC1", "GM01", "BU01", "2022-06-15", None),
]

AGREEMENTS = [
    AgreementRecord("GM01", "WC1", "bw_uitstroom", 2024, 4),
    AgreementRecord("GM01", "WC1", "mo_uitstroom", 2024, 2),
    AgreementRecord("GM01", "WC2", "overig", 2023, 5),
    AgreementRecord("GM02", "WC1", "bw_uitstroom", 2024, 1),
]

BUURTEN = [
    BuurtRecord("BU01", 6, 4, "Oude Kern"),
    BuurtRecord("BU02", 3, None, "Akkers"),
    BuurtRecord("BU03", 2, 8, "Dorp"),
]


def persons() -> list[PersonRecord]:
    return [PersonRecord(key, group) for key, (group, _) in HISTORIES.items()]


def changes() -> list[ChangeRecord]:
    out = []
    for key, (_, steps) in HISTORIES.items():
        source = None
        for seq, (on, target) in enumerate(steps, start=1):
            out.append(ChangeRecord(key, seq, source, target, D(on)))
            source = target
    return out


def placements() -> list[PlacementRecord]:
    group = {key: g for key, (g, _) in HISTORIES.items()}
    return [PlacementRecord(p, corp, gm, bu, group[p], D(start), D(end) if end else None)
            for p, corp, gm, bu, start, end in PLACEMENTS]


def data() -> MonitorData:
    return MonitorData.from_records(persons(), changes(), placements(), AGREEMENTS, BUURTEN)


PROVIDER = {"A": "ZA1", "B": "ZA1", "C": "ZA1", "D": "ZA1", "E": "ZA1",
            "F": "ZA2", "G": "ZA2", "H": "ZA2", "J": "ZA2"}
GEMEENTE_OF_BUURT = {"BU01": "GM01", "BU02": "GM01", "BU03": "GM02"}
# The stock of BUURTEN: dwellings per buurt and corporation.
STOCK = {("BU01", "WC1"): 6, ("BU02", "WC1"): 2, ("BU02", "WC2"): 1, ("BU03", "WC1"): 1,
         ("BU03", "WC2"): 1}


def domain_region() -> Region:
    """The hand-built history as a Region (areas, organisations, dwellings, persons with their
    histories, placements, agreements) for `services.region.write_region`."""
    areas = [Area("GM01", "Eerstedorp", AreaLevel.GEMEENTE), Area("GM02", "Tweedorp",
                                                                   AreaLevel.GEMEENTE),
             Area("WK01", "Wijk Een", AreaLevel.WIJK, "GM01"),
             Area("WK02", "Wijk Twee", AreaLevel.WIJK, "GM02")]
    areas += [Area(b.code, b.name, AreaLevel.BUURT, "WK01" if GEMEENTE_OF_BUURT[b.code] == "GM01"
                   else "WK02", b.liveability) for b in BUURTEN]
    orgs = [Organisation("G01", "Gemeente Eerstedorp", OrgKind.GEMEENTE, "GM01"),
            Organisation("WC1", "Woonstede", OrgKind.WONINGCORPORATIE, "GM01"),
            Organisation("WC2", "Thuisbaas", OrgKind.WONINGCORPORATIE, "GM02"),
            Organisation("ZA1", "Kompas Zorg", OrgKind.ZORGAANBIEDER, "GM01"),
            Organisation("ZA2", "Het Anker", OrgKind.ZORGAANBIEDER, "GM02")]
    dwellings = [Dwelling(f"W-{buurt}-{corp}-{n}", corp, buurt, 600.0, 2)
                 for (buurt, corp), count in STOCK.items() for n in range(count)]
    persons = [_person(key, group, steps) for key, (group, steps) in HISTORIES.items()]
    agreements = [Agreement(a.gemeente, a.corporation, TargetGroup(a.target_group), a.year,
                            a.dwellings) for a in AGREEMENTS]
    return Region(areas, orgs, [], [], dwellings, persons, agreements,
                  placements=[_placement(*row) for row in PLACEMENTS])


def _person(key: str, group: str, steps: list[tuple[str, str]]) -> Person:
    person = Person.register(D(steps[0][0]), "test", key=key, name=f"Persoon {key}",
                             target_group=TargetGroup(group), care_provider=PROVIDER[key],
                             household_size=1, annual_income=15_000)
    for on, target in steps[1:]:
        person.move_to(PersonStatus(target), D(on), "test", "reden")
    return person


def _placement(person, corporation, gemeente, buurt, start, end) -> Placement:
    group = TargetGroup(HISTORIES[person][0])
    return Placement(person, f"W-{buurt}-{corporation}-0", corporation, gemeente, buurt, None,
                     HousingForm.ZELFSTANDIG, group, D(start),
                     end=D(end) if end else None,
                     end_reason=EndReason.TERUG_IN_ZORG if end else None)
