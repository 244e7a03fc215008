"""Tables of figures as people read them: Dutch title and headers, labels instead of codes, one
value per cell (numbers stay numbers). The command line prints them, the workbook has one sheet
per table, the pages and the report show them and offer them as CSV and Excel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from woonregie.domain.dutch_digits import grouped
from woonregie.domain.enums import HousingForm, SupportIntensity, TargetGroup
from woonregie.domain.vocabulary import label_of
from woonregie.monitor.analysis import Analysis

Cell = str | int | float | None


@dataclass
class Table:
    name: str  # short machine name: sheet name, file name, anchor
    title: str  # Dutch caption
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""  # what the figures mean, in one sentence


def dutch(value: Cell, decimals: int = 1) -> str:
    """A cell as Dutch text: 1.234,5; shares as 12,3 %; None as '–'."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return grouped(value)
    if isinstance(value, float):
        return grouped(value, decimals)
    return str(value)


def _r(x: float | None, digits: int = 1) -> float | None:
    return None if x is None else round(x, digits)


def _pct(x: float | None) -> float | None:
    return None if x is None else round(100 * x, 1)


def analysis_tables(a: Analysis) -> list[Table]:
    """The woonzorganalyse as its five tables."""
    return [_demand(a), _gaps(a), _contingents(a), _spread(a), _buurten(a)]


def _name(a: Analysis, code: str) -> str:
    return a.names.get(code, code)


def _demand(a: Analysis) -> Table:
    t = Table("vraag", f"Vraag per doelgroep, begeleiding en woonvorm (peildatum {a.on:%d-%m-%Y})",
              ["Doelgroep", "Begeleiding", "Woonvorm", "Wachtend", "Verwachte instroom",
               "Vraag"],
              note="Wachtend: uitstroomklaar of voorgedragen op de peildatum. Verwachte instroom: "
                   "wie in de 365 dagen ervoor uitstroomklaar werd. Wie meer woonvormen mag, "
                   "telt naar rato mee.")
    for r in a.demand:
        t.rows.append([label_of(r.group, TargetGroup), label_of(r.intensity, SupportIntensity),
                       label_of(r.form, HousingForm), _r(r.waiting), _r(r.inflow),
                       _r(r.demand)])
    return t


def _gaps(a: Analysis) -> Table:
    t = Table("tekort", f"Vraag en aanbod per wijk en woonvorm, {a.year}",
              ["Gemeente", "Wijk", "Woonvorm", "Wachtend", "Verwachte instroom", "Vraag",
               "Woningvoorraad", "Mutatiegraad (%)", "Verwacht vrijkomend",
               "Extra uit contingent", "Aanbod", "Verschil (aanbod − vraag)"],
              note="Aanbod: voorraad × mutatiegraad van de woonvorm, plus wat contingent-"
                   "afspraken meer beloven. Een negatief verschil is een tekort.")
    for r in a.gaps:
        t.rows.append([_name(a, r.gemeente), _name(a, r.wijk), label_of(r.form, HousingForm),
                       _r(r.waiting), _r(r.inflow), _r(r.demand), r.stock, _pct(r.turnover),
                       _r(r.vacancies), _r(r.contingent_extra), _r(r.supply), _r(r.gap)])
    return t


def _contingents(a: Analysis) -> Table:
    t = Table("contingenten", f"Contingentafspraken {a.year} tegenover verwacht vrijkomend",
              ["Gemeente", "Corporatie", "Afspraak", "Verwacht vrijkomend", "Extra aanbod"])
    for r in a.contingents:
        t.rows.append([_name(a, r.gemeente), _name(a, r.corporation), r.agreed, _r(r.vacancies),
                       _r(r.extra)])
    return t


def _spread(a: Analysis) -> Table:
    t = Table("spreiding", f"Plaatsingen per wijk tegenover de sociale voorraad, {a.year}",
              ["Gemeente", "Wijk", "Inwoners", "Huishoudens", "Corporatiebezit (%)",
               "Sociale voorraad", "Aandeel voorraad (%)", "Plaatsingen",
               "Aandeel plaatsingen (%)", "Verhouding", "Leefbaarheid (klasse)"],
              note="Verhouding: aandeel plaatsingen ÷ aandeel voorraad (boven 1: meer dan naar "
                   "verhouding). Sociale voorraad uit CBS-kerncijfers waar ingelezen, anders "
                   "de woningen in het register.")
    for r in a.spread:
        t.rows.append([_name(a, r.gemeente), _name(a, r.wijk), r.inhabitants, r.households,
                       _r(r.corporation_pct), _r(r.social_stock), _pct(r.stock_share),
                       r.placements, _pct(r.placement_share), _r(r.ratio, 2),
                       _r(r.liveability)])
    return t


def _buurten(a: Analysis) -> Table:
    t = Table("buurten", "Kerncijfers per buurt (CBS en Leefbaarometer)",
              ["Buurtcode", "Buurt", "Inwoners", "Huishoudens", "Woningen", "Koopwoningen (%)",
               "Corporatiebezit (%)", "Leefbaarometer-score", "Leefbaarheid (klasse)"])
    for area, f in a.buurten:
        cls = f.liveability_class if f and f.liveability_class is not None else area.liveability
        t.rows.append([area.code, area.name, *(_figures(f)), cls])
    return t


def _figures(f: object) -> Sequence[Cell]:
    if f is None:
        return [None] * 6
    return [f.inhabitants, f.households, f.dwellings, f.owner_pct,  # type: ignore[attr-defined]
            f.corporation_pct, f.liveability_score]  # type: ignore[attr-defined]
