"""The column layout of every record type, as users fill it in (Dutch headers).

One `Layout` per record type; its `name` is both the CSV file name (`gebieden.csv`) and the sheet
name in a workbook. `LAYOUTS` is in dependency order: a record only refers to records of layouts
before it (persons refer to teams, the status history to persons).
"""

from __future__ import annotations

from dataclasses import dataclass

from woonregie.domain.enums import (
    AreaLevel,
    DwellingStatus,
    Feature,
    HousingForm,
    OrgKind,
    SupportIntensity,
    TargetGroup,
)
from woonregie.domain.locale_nl import INCOME, RENT
from woonregie.domain.placement import EndReason
from woonregie.domain.status import PersonStatus
from woonregie.exchange.values import (
    Amount,
    CellType,
    Choice,
    CodeList,
    Day,
    Integer,
    Scores,
    Text,
    YesNo,
)

# Text lengths follow the database columns (store/tables.py); a test keeps them in step.
AREA_CODE = Text(16)
CODE = Text(32)
NAME = Text(160)
AREA_CODES = CodeList(AREA_CODE)
CAP = Integer(0, 100_000)

FEATURE = Choice.of(Feature, "kenmerk")
FORM = Choice.of(HousingForm, "woonvorm")
GROUP = Choice.of(TargetGroup, "doelgroep")
STATUS = Choice.of(PersonStatus, "status")


@dataclass(frozen=True)
class Column:
    header: str
    type: CellType
    required: bool = False  # the column must be present and every row must fill it
    meaning: str = ""
    example: str = ""


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, header: str) -> Column | None:
        return next((c for c in self.columns if c.header == header), None)


C = Column

AREAS = Layout("gebieden", "Gebieden: gemeente, wijk, buurt (CBS-codes)", (
    C("code", AREA_CODE, True, "CBS-code van het gebied", "BU03630101"),
    C("naam", Text(120), True, "naam van het gebied", "Oude Kern"),
    C("niveau", Choice.of(AreaLevel, "niveau"), True, "niveau in de gebiedsboom", "buurt"),
    C("ouder", AREA_CODE, False,
      "code van het gebied één niveau hoger (wijk van een buurt, gemeente van een wijk)",
      "WK036301"),
    C("leefbaarheid", Integer(1, 9), False, "Leefbaarometer-klasse 1–9", "6"),
    C("plafond", CAP, False, "maximum aantal plaatsingen per matchingsronde (leeg: geen)", "3"),
))

ORGANISATIONS = Layout("organisaties", "Organisaties: gemeenten, corporaties, zorgaanbieders", (
    C("code", CODE, True, "korte code van de organisatie", "WC-A"),
    C("naam", NAME, True, "naam van de organisatie", "Woonstede"),
    C("soort", Choice.of(OrgKind, "organisatiesoort"), True, "soort organisatie",
      "woningcorporatie"),
    C("gemeente", AREA_CODE, False, "gebiedscode van de gemeente van vestiging", "GM0363"),
))

TEAMS = Layout("teams", "Ambulante teams van zorgaanbieders", (
    C("code", CODE, True, "korte code van het team", "T-A1"),
    C("naam", NAME, True, "naam van het team", "Kompas Centrum"),
    C("organisatie", CODE, True, "code van de zorgaanbieder waar het team bij hoort", "ZA-A"),
    C("gebieden", AREA_CODES, True, "gebiedscodes (elk niveau) waar het team begeleidt",
      "WK036301;WK036302"),
    C("capaciteit", Integer(0, 100_000), True, "nieuwe cliënten per matchingsronde", "4"),
))

COMPLEXES = Layout("complexen", "Complexen: gebouwen met een eigen plaatsingsplafond", (
    C("code", CODE, True, "korte code van het complex", "CX-1"),
    C("naam", NAME, True, "naam van het complex", "De Toren"),
    C("corporatie", CODE, True, "code van de woningcorporatie (eigenaar)", "WC-A"),
    C("buurt", AREA_CODE, True, "CBS-buurtcode", "BU03630101"),
    C("plafond", CAP, False, "maximum aantal plaatsingen per ronde (leeg: geen)", "1"),
))

DWELLINGS = Layout("woningen", "Woningen in het aanbod", (
    C("code", CODE, True, "korte code van de woning", "W-1"),
    C("corporatie", CODE, True, "code van de woningcorporatie", "WC-A"),
    C("buurt", AREA_CODE, True, "CBS-buurtcode", "BU03630101"),
    C("complex", CODE, False, "code van het complex (leeg: geen)", "CX-1"),
    C("adres", Text(200), False, "straat en huisnummer", "Torenstraat 1"),
    C("huur", Amount(RENT), True, "kale huur per maand in euro", "612,50"),
    C("kamers", Integer(1, 50), True, "aantal kamers", "2"),
    C("woonvorm", FORM, False, "woonvorm (leeg: zelfstandig)", "housing_first"),
    C("min_huishouden", Integer(1, 99), False, "kleinste huishouden (leeg: 1)", "1"),
    C("max_huishouden", Integer(1, 99), False, "grootste huishouden (leeg: 99)", "2"),
    C("kenmerken", CodeList(FEATURE), False, "kenmerken van de woning", "lift;gelijkvloers"),
    C("status", Choice.of(DwellingStatus, "woningstatus"), False, "verhuurstatus (leeg: vrij)",
      "vrij"),
    C("beschikbaar_vanaf", Day(), False, "datum waarop de woning vrijkomt", "2026-02-01"),
))

PERSONS = Layout("personen", "Personen op de lijst (persoonsgegevens!)", (
    C("sleutel", CODE, True, "vaste (pseudonieme) sleutel van de persoon", "P-1"),
    C("naam", NAME, False, "naam (persoonsgegeven; leeg in pseudonieme bestanden)",
      "Anna de Vries"),
    C("doelgroep", GROUP, True, "aandachtsgroep", "bw_uitstroom"),
    C("zorgaanbieder", CODE, True, "code van de verantwoordelijke zorgaanbieder", "ZA-A"),
    C("huishouden", Integer(1, 99), True, "aantal personen in het huishouden", "1"),
    C("inkomen", Amount(INCOME), True, "bruto jaarinkomen van het huishouden in euro",
      "18.500"),
    C("begeleiding", Choice.of(SupportIntensity, "begeleidingsintensiteit"), False,
      "intensiteit van ambulante begeleiding na verhuizing (leeg: geen)", "middel"),
    C("team", CODE, False, "code van het ambulante team", "T-A1"),
    C("urgentie", YesNo(), False, "wettelijke of lokale urgentie toegekend (leeg: nee)", "nee"),
    C("pensioen", YesNo(), False, "AOW-leeftijd bereikt (leeg: nee)", "nee"),
    C("kenmerken_nodig", CodeList(FEATURE), False, "kenmerken die de woning moet hebben",
      "lift"),
    C("woonvormen", CodeList(FORM), False, "toegestane woonvormen (leeg: alle)",
      "zelfstandig;housing_first"),
    C("gebieden", AREA_CODES, False, "aanvaardbare gebieden (leeg: overal)", "WK036301"),
    C("voorkeursgebieden", AREA_CODES, False, "gebieden met voorkeur", "BU03630101"),
    C("zrm", Scores(), False, "ZRM-scores per domein, 1–5", "financien=3;huisvesting=2"),
    C("status", STATUS, False,
      "huidige status; verplicht als de persoon geen regels in statushistorie heeft",
      "uitstroomklaar"),
    C("status_sinds", Day(), False,
      "datum van de huidige status; verplicht als de persoon geen statushistorie heeft",
      "2025-09-01"),
))

HISTORY = Layout("statushistorie", "Statusgeschiedenis per persoon", (
    C("sleutel", CODE, True, "sleutel van de persoon", "P-1"),
    C("volgnummer", Integer(0, 1_000_000), True, "volgorde van de wijzigingen (1, 2, …)", "1"),
    C("van", STATUS, False, "status vóór de wijziging (leeg bij de eerste regel)", ""),
    C("naar", STATUS, True, "status na de wijziging", "aangemeld"),
    C("datum", Day(), True, "datum van de wijziging", "2025-03-01"),
    C("door", Text(64), True, "wie of welk proces de wijziging deed", "ZA-A:jan"),
    C("reden", Text(400), False, "reden (verplicht bij teruggevallen en uitgeschreven)", ""),
))

AGREEMENTS = Layout("afspraken", "Contingentafspraken", (
    C("gemeente", AREA_CODE, True, "gebiedscode van de gemeente", "GM0363"),
    C("corporatie", CODE, True, "code van de woningcorporatie", "WC-A"),
    C("doelgroep", GROUP, True, "aandachtsgroep", "statushouder"),
    C("jaar", Integer(2000, 2100), True, "jaar van de afspraak", "2026"),
    C("woningen", Integer(0, 1_000_000), True, "aantal woningen in dat jaar", "20"),
))

PLACEMENTS = Layout("plaatsingen", "Plaatsingen (verhuringen): wie waar is gaan huren", (
    C("sleutel", CODE, True, "sleutel van de persoon", "P-1"),
    C("woning", CODE, True, "code van de woning", "W-1"),
    C("begindatum", Day(), True,
      "ingangsdatum van het huurcontract; de statushistorie heeft die dag een wijziging naar "
      "gehuisvest", "2025-11-03"),
    C("einddatum", Day(), False, "einddatum van de huur (leeg: loopt nog)", ""),
    C("einde_reden", Choice.of(EndReason, "reden einde huur"), False,
      "reden van het einde (verplicht met een einddatum); huurbehoud bij doorgestroomd, "
      "huurovername en overleden", ""),
))

LAYOUTS: dict[str, Layout] = {
    layout.name: layout
    for layout in (
        AREAS, ORGANISATIONS, TEAMS, COMPLEXES, DWELLINGS, PERSONS, HISTORY, AGREEMENTS,
        PLACEMENTS,
    )
}
