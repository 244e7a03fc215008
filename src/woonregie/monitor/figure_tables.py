"""The monitor's figures (the JSON contract of monitor-definitions.md) as the tables people
read: the dashboard shows them beside their charts, the report prints them, and both offer
them as CSV and Excel. One function builds them for every edge, so a figure reads the same on
the page, in the report and in a download.

Cells hold the figures themselves, not text: counts stay ints, day figures the contract's
floats (1 decimal), shares become percentages with two decimals (`percent`: 0.6667 → 66.67,
exact, since a share has four). Labels replace codes; `decimals` says per column how many
decimals a person sees (`cell_text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from woonregie.domain.enums import TargetGroup
from woonregie.domain.match import MatchStep
from woonregie.domain.status import PersonStatus
from woonregie.monitor.tables import Cell, Table, dutch

LONG_TABLE_ROWS = 50
"""Rows a page or the report shows of a long table (contingent, buurten); the downloads hold
every row."""


@dataclass
class FigureTable(Table):
    """A table of monitor figures; `decimals`: shown decimals per column index (floats
    without an entry show 1)."""

    decimals: dict[int, int] = field(default_factory=dict)
    plain: frozenset[int] = frozenset()  # columns of numbers without grouping (years)

    def cell_text(self, column: int, value: Cell) -> str:
        if column in self.plain and value is not None:
            return str(value)
        return dutch(value, self.decimals.get(column, 1))

    def text_rows(self, limit: int | None = None) -> list[list[str]]:
        rows = self.rows if limit is None else self.rows[:limit]
        return [[self.cell_text(i, v) for i, v in enumerate(row)] for row in rows]

    def numeric(self) -> list[bool]:
        """Per column: does it hold numbers (right-aligned)?"""
        return [any(isinstance(row[i], int | float) and not isinstance(row[i], bool)
                    for row in self.rows) for i in range(len(self.headers))]

    def hidden_rows(self, limit: int) -> int:
        return max(0, len(self.rows) - limit)


def percent(share: float | None) -> float | None:
    """A share (0–1, four decimals) as a percentage with two decimals."""
    return None if share is None else round(100 * share, 2)


GROUP_ROWS: list[tuple[str, str]] = [(str(g), g.label) for g in TargetGroup] + [
    ("totaal", "Totaal")]
RETURN_BANDS = (("0_180", "0–180 dagen"), ("181_365", "181–365 dagen"),
                ("366_730", "366–730 dagen"), ("totaal", "binnen 730 dagen"))
TABLE_TITLES = {
    "stroom": "Instroom en uitstroom per doelgroep",
    "stand": "Stand per status",
    "wachttijd": "Wachttijd in dagen (van uitstroomklaar tot gehuisvest)",
    "stagnatie": "Stagnatie",
    "huurbehoud": "Huurbehoud en terugval (eerste plaatsingen)",
    "contingent": "Contingent: gerealiseerd tegen afspraak",
    "concentratie": "Concentratie: plaatsingen per buurt (meeste eerst)",
    "bemiddeling": "Bemiddeling: dagen per stap",
}


def monitor_tables(figures: Mapping, names: Mapping[str, str] | None = None) -> list[FigureTable]:
    """The tables of one answer of the monitor (`figures`: the JSON contract); `names` maps
    gemeente and corporation codes to names (codes stand where a name is missing)."""
    names = names or {}
    tot = date.fromisoformat(str(figures["periode"]["tot"]))
    tables = [_flow(figures), _stock(figures, tot), _waiting(figures, tot),
              _stagnation(figures), _tenancy(figures),
              _contingent(figures["contingent"], names),
              _concentration(figures["concentratie"])]
    if figures.get("bemiddeling"):
        tables.append(_workflow(figures["bemiddeling"]))
    return tables


def _flow(f: Mapping) -> FigureTable:
    t = FigureTable("stroom", TABLE_TITLES["stroom"],
                    ["Doelgroep", "Eerste instroom", "Instroom", "Gehuisvest", "Teruggevallen",
                     "Uitgeschreven"],
                    note="Instroom: eerste aanmelding plus terugkeer (teruggevallen, of opnieuw "
                         "aangemeld na uitschrijving) in de periode; uitstroom: statuswijzigingen "
                         "in de periode.")
    out = f["uitstroom"]
    for code, label in GROUP_ROWS:
        t.rows.append([label, f["eerste_instroom"][code], f["instroom"][code],
                       out["gehuisvest"][code], out["teruggevallen"][code],
                       out["uitgeschreven"][code]])
    return t


def _stock(f: Mapping, tot: date) -> FigureTable:
    t = FigureTable("stand", f"{TABLE_TITLES['stand']} op {tot:%d-%m-%Y}", ["Status", "Personen"],
                    note="Personen met die status op de einddatum van de periode.")
    for status in PersonStatus:
        t.rows.append([status.label, f["stand"][str(status)]])
    return t


def _waiting(f: Mapping, tot: date) -> FigureTable:
    t = FigureTable("wachttijd", TABLE_TITLES["wachttijd"],
                    ["Wie", "Aantal", "Mediaan", "P90", "Gemiddeld"],
                    note="Gehuisvest: dagen van de laatste keer uitstroomklaar tot gehuisvest, "
                         "over wie in de periode gehuisvest werd. Wachtend: wie op de einddatum "
                         "uitstroomklaar of voorgedragen is.")
    w = f["wachttijd"]
    t.rows.append(["Gehuisvest in de periode", w["aantal"], w["mediaan"], w["p90"],
                   w["gemiddeld"]])
    for g in TargetGroup:
        s = w["per_doelgroep"][str(g)]
        t.rows.append([f"Gehuisvest: {g.label}", s["aantal"], s["mediaan"], s["p90"],
                       s["gemiddeld"]])
    s = f["wachtend"]
    t.rows.append([f"Wachtend op {tot:%d-%m-%Y}", s["aantal"], s["mediaan"], s["p90"], None])
    return t


def _stagnation(f: Mapping) -> FigureTable:
    s = f["stagnatie"]
    t = FigureTable("stagnatie", TABLE_TITLES["stagnatie"], ["Maat", "Waarde"],
                    note="Geblokkeerde plaatsdagen: dagen in de periode waarop iemand uit "
                         "beschermd wonen of de opvang langer dan de drempel uitstroomklaar "
                         "of voorgedragen was.")
    t.rows += [["Drempel (dagen)", s["drempel_dagen"]],
               [f"Wachtenden langer dan {s['drempel_dagen']} dagen", s["aantal"]],
               ["Geblokkeerde BW/MO-plaatsdagen in de periode", s["geblokkeerde_dagen"]]]
    return t


def _tenancy(f: Mapping) -> FigureTable:
    t = FigureTable("huurbehoud", TABLE_TITLES["huurbehoud"],
                    ["Maat", "Universum", "Aandeel (%)"], decimals={2: 2},
                    note="Huurbehoud: van de eerste plaatsingen die N maanden geleden "
                         "begonnen, het aandeel dat dan nog gehuisvest is (Housing First haalt "
                         "rond 80 %). Terugval: aandeel dat binnen zoveel dagen terugviel.")
    for months, s in f["huurbehoud"].items():
        t.rows.append([f"Huurbehoud na {months} maanden", s["aantal"], percent(s["aandeel"])])
    r = f["terugval"]
    for key, label in RETURN_BANDS:
        t.rows.append([f"Terugval {label}", r["aantal"], percent(r[key])])
    return t


def _contingent(rows: list[Mapping], names: Mapping[str, str]) -> FigureTable:
    t = FigureTable("contingent", TABLE_TITLES["contingent"],
                    ["Gemeente", "Corporatie", "Doelgroep", "Jaar", "Afspraak", "Gerealiseerd",
                     "Prognose jaareinde"], plain=frozenset({3}),
                    note="Prognose: gerealiseerd naar rato van de verstreken dagen van het jaar.")
    for r in rows:
        t.rows.append([names.get(r["gemeente"], r["gemeente"]),
                       names.get(r["corporatie"], r["corporatie"]),
                       TargetGroup(r["doelgroep"]).label, r["jaar"], r["afspraak"],
                       r["gerealiseerd"], r["prognose"]])
    return t


def concentration_order(rows: list[Mapping]) -> list[Mapping]:
    """Buurten with the most placements first, then by code."""
    return sorted(rows, key=lambda r: (-r["plaatsingen"], r["buurt"]))


def _concentration(rows: list[Mapping]) -> FigureTable:
    t = FigureTable("concentratie", TABLE_TITLES["concentratie"],
                    ["Buurtcode", "Buurt", "Plaatsingen", "Aandeel plaatsingen (%)",
                     "Aandeel voorraad (%)", "Leefbaarheid (klasse)"],
                    decimals={3: 2, 4: 2},
                    note="Aandeel voorraad: het aandeel van de buurt in de corporatiewoningen "
                         "van de regio. Leefbaarheid: klasse 1 (zeer onvoldoende) tot 9 "
                         "(uitstekend) van de Leefbaarometer.")
    for r in concentration_order(rows):
        t.rows.append([r["buurt"], r.get("naam") or "", r["plaatsingen"],
                       percent(r["aandeel_plaatsingen"]), percent(r["aandeel_voorraad"]),
                       r["leefbaarheid"]])
    return t


def _workflow(w: Mapping) -> FigureTable:
    d = w["weigeringen"]
    t = FigureTable("bemiddeling", TABLE_TITLES["bemiddeling"],
                    ["Stap", "Verlaten", "Mediaan", "P90", "Gemiddeld", "Vastgelopen"],
                    note=f"Weigeringen in de periode: {dutch(d['totaal'])}; ingetrokken: "
                         f"{dutch(d['ingetrokken'])}. Vastgelopen: op de einddatum langer in de "
                         "stap dan de termijn.")
    for code, s in w["dagen_per_stap"].items():
        t.rows.append([MatchStep(code).label, s["aantal"], s["mediaan"], s["p90"],
                       s["gemiddeld"], w["vastgelopen"]["per_stap"].get(code, 0)])
    return t
