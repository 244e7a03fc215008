"""Enumerations of the domain. Values are the Dutch codes files carry; each member carries its
Dutch label beside its code (domain/vocabulary.py), which is what users read."""

from woonregie.domain.vocabulary import Vocabulary


class OrgKind(Vocabulary):
    """Kind of organisation (organisatiesoort)."""

    GEMEENTE = "gemeente", "Gemeente"  # municipality
    WONINGCORPORATIE = "woningcorporatie", "Woningcorporatie"  # housing corporation
    ZORGAANBIEDER = "zorgaanbieder", "Zorgaanbieder"  # care provider


class AreaLevel(Vocabulary):
    """Level in the CBS area tree: gemeente → wijk (district) → buurt (neighbourhood)."""

    GEMEENTE = "gemeente", "Gemeente"
    WIJK = "wijk", "Wijk"
    BUURT = "buurt", "Buurt"


class HousingForm(Vocabulary):
    """Housing form (woonvorm)."""

    ZELFSTANDIG = "zelfstandig", "Zelfstandige woning"  # independent dwelling
    HOUSING_FIRST = "housing_first", "Housing First"
    FLEXWONEN = "flexwonen", "Flexwonen"  # temporary units
    GEMENGD_WONEN = "gemengd_wonen", "Gemengd wonen"  # mixed with regular tenants
    # small detached units for people who do not fit elsewhere
    SKAEVE_HUIS = "skaeve_huis", "Skaeve Huse"
    KAMER = "kamer", "Kamer met gedeelde voorzieningen"  # room with shared facilities


class TargetGroup(Vocabulary):
    """Target group (aandachtsgroep)."""

    # leaving sheltered housing (beschermd wonen)
    BW_UITSTROOM = "bw_uitstroom", "Uitstroom beschermd wonen"
    # leaving a shelter (maatschappelijke opvang)
    MO_UITSTROOM = "mo_uitstroom", "Uitstroom maatschappelijke opvang"
    DAKLOOS = "dakloos", "Dakloos"  # homeless, not in a shelter
    URGENT = "urgent", "Urgent"  # urgency under the local urgency scheme
    STATUSHOUDER = "statushouder", "Statushouder"  # refugee with a residence permit
    OVERIG = "overig", "Overig"  # other


class SupportIntensity(Vocabulary):
    """Intensity of ambulant support after the move (begeleidingsintensiteit)."""

    GEEN = "geen", "Geen begeleiding"
    LICHT = "licht", "Licht"
    MIDDEL = "middel", "Middel"
    INTENSIEF = "intensief", "Intensief"


class DwellingStatus(Vocabulary):
    """Letting status of a dwelling."""

    VRIJ = "vrij", "Vrij"  # free: available for this group
    VOORGEDRAGEN = "voorgedragen", "Voorgedragen"  # a candidate has been proposed
    VERHUURD = "verhuurd", "Verhuurd"  # let
    NIET_BESCHIKBAAR = "niet_beschikbaar", "Niet beschikbaar"  # withdrawn (renovation, sale)


class Feature(Vocabulary):
    """Dwelling feature (kenmerk); a person's required features come from the same list."""

    GELIJKVLOERS = "gelijkvloers", "Gelijkvloers"  # no stairs inside
    ROLSTOEL = "rolstoel", "Rolstoeltoegankelijk"
    LIFT = "lift", "Lift"
    BUITENRUIMTE = "buitenruimte", "Buitenruimte"  # garden or balcony
    HUISDIER = "huisdier", "Huisdier toegestaan"
    PRIKKELARM = "prikkelarm", "Prikkelarm"  # low-stimulus surroundings


FEATURES: tuple[str, ...] = tuple(f.value for f in Feature)
"""The feature codes, for validation (required features of a person must come from this list)."""
