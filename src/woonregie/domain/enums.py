"""Enumerations of the domain. Values are the Dutch codes users see and files carry."""

from enum import StrEnum


class OrgKind(StrEnum):
    """Kind of organisation (organisatiesoort)."""

    GEMEENTE = "gemeente"  # municipality
    WONINGCORPORATIE = "woningcorporatie"  # housing corporation
    ZORGAANBIEDER = "zorgaanbieder"  # care provider


class AreaLevel(StrEnum):
    """Level in the CBS area tree: gemeente → wijk (district) → buurt (neighbourhood)."""

    GEMEENTE = "gemeente"
    WIJK = "wijk"
    BUURT = "buurt"


class HousingForm(StrEnum):
    """Housing form (woonvorm)."""

    ZELFSTANDIG = "zelfstandig"  # independent dwelling
    HOUSING_FIRST = "housing_first"
    FLEXWONEN = "flexwonen"  # temporary units
    GEMENGD_WONEN = "gemengd_wonen"  # mixed with regular tenants
    SKAEVE_HUIS = "skaeve_huis"  # small detached units for people who do not fit elsewhere
    KAMER = "kamer"  # room with shared facilities


class TargetGroup(StrEnum):
    """Target group (aandachtsgroep)."""

    BW_UITSTROOM = "bw_uitstroom"  # leaving sheltered housing (beschermd wonen)
    MO_UITSTROOM = "mo_uitstroom"  # leaving a shelter (maatschappelijke opvang)
    DAKLOOS = "dakloos"  # homeless, not in a shelter
    URGENT = "urgent"  # urgency under the local urgency scheme
    STATUSHOUDER = "statushouder"  # refugee with a residence permit
    OVERIG = "overig"  # other


class SupportIntensity(StrEnum):
    """Intensity of ambulant support after the move (begeleidingsintensiteit)."""

    GEEN = "geen"
    LICHT = "licht"
    MIDDEL = "middel"
    INTENSIEF = "intensief"


class DwellingStatus(StrEnum):
    """Letting status of a dwelling."""

    VRIJ = "vrij"  # free: available for this group
    VOORGEDRAGEN = "voorgedragen"  # a candidate has been proposed
    VERHUURD = "verhuurd"  # let
    NIET_BESCHIKBAAR = "niet_beschikbaar"  # withdrawn (renovation, sale)


FEATURES = ("gelijkvloers", "rolstoel", "lift", "buitenruimte", "huisdier", "prikkelarm")
"""Known dwelling features (kenmerken); required features of a person must come from this list."""
