"""Regions for exchange tests: one with every enum value and awkward text."""

from __future__ import annotations

from datetime import date

from woonregie.domain.enums import (
    FEATURES,
    AreaLevel,
    DwellingStatus,
    HousingForm,
    OrgKind,
    SupportIntensity,
    TargetGroup,
)
from woonregie.domain.model import (
    Agreement,
    Area,
    Complex,
    Dwelling,
    Organisation,
    Person,
    Region,
    SupportTeam,
)
from woonregie.domain.placement import EndReason, Placement
from woonregie.domain.status import PersonStatus, StatusTransition

S = PersonStatus

# A path through the status machine to every status, with reasons where they are required.
PATHS: dict[PersonStatus, list[tuple[PersonStatus, str]]] = {
    S.AANGEMELD: [],
    S.IN_VOORBEREIDING: [(S.IN_VOORBEREIDING, "")],
    S.UITSTROOMKLAAR: [(S.IN_VOORBEREIDING, ""), (S.UITSTROOMKLAAR, "")],
    S.VOORGEDRAGEN: [(S.IN_VOORBEREIDING, ""), (S.UITSTROOMKLAAR, ""), (S.VOORGEDRAGEN, "")],
    S.GEHUISVEST: [(S.IN_VOORBEREIDING, ""), (S.UITSTROOMKLAAR, ""), (S.VOORGEDRAGEN, ""),
                   (S.GEHUISVEST, "")],
    S.NAZORG: [(S.IN_VOORBEREIDING, ""), (S.UITSTROOMKLAAR, ""), (S.VOORGEDRAGEN, ""),
               (S.GEHUISVEST, ""), (S.NAZORG, "")],
    S.AFGESLOTEN: [(S.IN_VOORBEREIDING, ""), (S.UITSTROOMKLAAR, ""), (S.VOORGEDRAGEN, ""),
                   (S.GEHUISVEST, ""), (S.NAZORG, ""), (S.AFGESLOTEN, "")],
    S.TERUGGEVALLEN: [(S.IN_VOORBEREIDING, ""), (S.TERUGGEVALLEN, "opname, zie plan; \"kort\"")],
    # Formula-like text (neutralised in exports, restored on reading); no line break: the API
    # and the import refuse control characters alike.
    S.UITGESCHREVEN: [(S.UITGESCHREVEN, "-verhuisd naar elders, =buiten de regio")],
}


def full_region() -> Region:
    areas = [
        Area("GM0001", "Één, Twee & \"Drie\"", AreaLevel.GEMEENTE, None, 9, 100),
        Area("WK000101", "Wijk; met puntkomma", AreaLevel.WIJK, "GM0001", 1, 0),
        Area("BU00010101", "=SUM(A1)", AreaLevel.BUURT, "WK000101", None, None),
        Area("BU00010102", "Buurt 2", AreaLevel.BUURT, "WK000101", 5, 7),
    ]
    orgs = [
        Organisation("GEM", "Gemeente Eén", OrgKind.GEMEENTE, "GM0001"),
        Organisation("WC", "Corporatie", OrgKind.WONINGCORPORATIE, None),
        Organisation("ZA", "Zorg", OrgKind.ZORGAANBIEDER, "GM0001"),
    ]
    teams = [SupportTeam("T1", "Team 1", "ZA", ("BU00010102", "WK000101"), 0)]
    complexes = [
        Complex("CX", "Complex", "WC", "BU00010101", 2),
        Complex("CY", "Zonder plafond", "WC", "BU00010102", None),
    ]
    dwellings = [
        Dwelling(f"D-{i}", "WC", "BU00010101", round(400 + 1.05 * i, 2), 1 + i % 3, form,
                 1 + i % 2, 4 + i, frozenset(FEATURES[: i % (len(FEATURES) + 1)]),
                 "CX" if i % 2 else None, status,
                 date(2026, 1, 1 + i) if i % 2 else None, f"Straat {i}, 'achter'")
        for i, (form, status) in enumerate(
            zip(list(HousingForm), [*DwellingStatus, *DwellingStatus], strict=False))
    ]
    # the lowest rent the import takes (domain/locale_nl.RENT: below € 100 is a typo)
    dwellings.append(Dwelling("D-zero", "WC", "BU00010102", 100.0, 1))
    persons = []
    for i, (status, group, intensity) in enumerate(zip(
        list(PersonStatus), [*TargetGroup, *TargetGroup], [*SupportIntensity] * 3,
        strict=False,
    )):
        p = Person.register(
            date(2024, 1, 1 + i), "ZA:medewerker", key=f"P{i:02d}", name=f"Naam, {i}",
            target_group=group, care_provider="ZA", household_size=1 + i % 4,
            annual_income=round(12_345.67 + i, 2), support_intensity=intensity,
            support_team="T1" if i % 2 else None,
            zrm={"financien": 1 + i % 5, "huisvesting": 5} if i % 3 else None,
            legal_urgency=bool(i % 2), pension_age=bool(i % 3 == 1),
            required_features=frozenset(FEATURES[i % 3: i % 3 + 2]),
            allowed_forms=frozenset(list(HousingForm)[: i % 4]),
            acceptable_areas=("WK000101",) if i % 2 else (),
            preferred_areas=("BU00010102", "BU00010101") if i % 3 else (),
        )
        for n, (target, reason) in enumerate(PATHS[status], start=1):
            p.move_to(target, date(2024, 3, n), f"ZA:stap{n}", reason)
        persons.append(p)
    # Taken over from an earlier system: the file opened with the status it had then.
    persons.append(Person(
        "P-old", "", TargetGroup.DAKLOOS, "ZA", 2, 0.0, status=S.UITSTROOMKLAAR,
        history=[StatusTransition(None, S.UITSTROOMKLAAR, date(2023, 5, 5), "import")]))
    agreements = [
        Agreement("GM0001", "WC", group, 2025 + i % 2, i * 3) for i, group in enumerate(TargetGroup)
    ]
    housed = [p for p in persons if any(t.target == S.GEHUISVEST for t in p.history)]
    placements = [
        Placement(p.key, d.code, "WC", "GM0001", d.buurt, d.complex, d.housing_form,
                  p.target_group, date(2024, 3, 4), None,
                  date(2025, 6, 30) if i == 1 else None,
                  EndReason.UITZETTING if i == 1 else None)
        for i, (p, d) in enumerate(zip(housed, dwellings, strict=False))
    ]
    return Region(areas, orgs, teams, complexes, dwellings, persons, agreements,
                  placements=placements)
