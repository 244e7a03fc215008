"""A small, hand-made region for tests: one gemeente, two wijken, three buurten."""

from __future__ import annotations

from datetime import date

from woonregie.domain.enums import (
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
from woonregie.domain.status import PersonStatus


def small_region() -> Region:
    areas = [
        Area("GM9001", "Veldhoven-West", AreaLevel.GEMEENTE, None, 6),
        Area("WK900101", "Centrum", AreaLevel.WIJK, "GM9001", 5, cap=3),
        Area("WK900102", "Noord", AreaLevel.WIJK, "GM9001", 7),
        Area("BU90010101", "Oude Kern", AreaLevel.BUURT, "WK900101", 4, cap=2),
        Area("BU90010102", "Stationsbuurt", AreaLevel.BUURT, "WK900101", 5),
        Area("BU90010201", "Akkers", AreaLevel.BUURT, "WK900102", 7),
    ]
    orgs = [
        Organisation("GEM-VW", "Gemeente Veldhoven-West", OrgKind.GEMEENTE, "GM9001"),
        Organisation("WC-A", "Woonstede", OrgKind.WONINGCORPORATIE, "GM9001"),
        Organisation("ZA-A", "Kompas Zorg", OrgKind.ZORGAANBIEDER, "GM9001"),
        Organisation("ZA-B", "Het Anker", OrgKind.ZORGAANBIEDER, "GM9001"),
    ]
    teams = [
        SupportTeam("T-A1", "Kompas Centrum", "ZA-A", ("WK900101",), 2),
        SupportTeam("T-B1", "Anker Noord", "ZA-B", ("GM9001",), 3),
    ]
    complexes = [Complex("CX-1", "De Toren", "WC-A", "BU90010101", cap=1)]
    dwellings = [
        Dwelling("W-1", "WC-A", "BU90010101", 610.0, 2, complex="CX-1",
                 features=frozenset({"lift"}), available_from=date(2026, 2, 1),
                 address="Torenstraat 1"),
        Dwelling("W-2", "WC-A", "BU90010101", 655.5, 2, complex="CX-1"),
        Dwelling("W-3", "WC-A", "BU90010102", 720.0, 3, HousingForm.HOUSING_FIRST, 1, 4,
                 frozenset({"gelijkvloers", "buitenruimte"})),
        Dwelling("W-4", "WC-A", "BU90010201", 540.0, 1, HousingForm.KAMER, 1, 1,
                 status=DwellingStatus.VERHUURD),
    ]
    p1 = Person.register(
        date(2025, 3, 1), "ZA-A:jan", key="P-1", name="Anna de Vries",
        target_group=TargetGroup.BW_UITSTROOM, care_provider="ZA-A", household_size=1,
        annual_income=18_500, support_intensity=SupportIntensity.MIDDEL, support_team="T-A1",
        zrm={"financien": 3, "huisvesting": 2}, required_features=frozenset({"lift"}),
        allowed_forms=frozenset({HousingForm.ZELFSTANDIG, HousingForm.HOUSING_FIRST}),
        acceptable_areas=("WK900101",), preferred_areas=("BU90010101",),
    )
    p1.move_to(PersonStatus.IN_VOORBEREIDING, date(2025, 4, 1), "ZA-A:jan")
    p1.move_to(PersonStatus.UITSTROOMKLAAR, date(2025, 9, 1), "ZA-A:jan")
    p2 = Person.register(
        date(2025, 6, 1), "ZA-B:piet", key="P-2", name="Bram Jansen",
        target_group=TargetGroup.MO_UITSTROOM, care_provider="ZA-B", household_size=3,
        annual_income=31_000, legal_urgency=True,
    )
    agreements = [
        Agreement("GM9001", "WC-A", TargetGroup.BW_UITSTROOM, 2026, 12),
        Agreement("GM9001", "WC-A", TargetGroup.STATUSHOUDER, 2026, 20),
    ]
    return Region(areas, orgs, teams, complexes, dwellings, [p1, p2], agreements)
