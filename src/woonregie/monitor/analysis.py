"""The woonzorganalyse per wijk (housing-care needs analysis): demand against supply.

Pure: plain records in, tables out (no database, no clock). The services fetch the records
(services/analysis.py); the command line, the pages and the report show the tables. The
definitions, with a worked example, are in docs/woonzorganalyse.md.

- **Peildatum** (reference date) `on`: the day the analysis looks from.
- **Demand** (vraag) of a person: 1 when waiting on `on` (status `uitstroomklaar` or
  `voorgedragen`), plus the expected inflow: each change into `uitstroomklaar` in the 365 days
  before `on` (`on - 365 <= d < on`) counts once, as an estimate of next year's inflow. A
  person's demand is split evenly over the housing forms their support plan allows (none listed:
  zelfstandig) and over their preferred areas (else acceptable areas); an area is resolved to
  its wijk; a gemeente, or no area at all, spreads over the wijken (of that gemeente, or of the
  region) in proportion to the corporation stock (woningvoorraad) in the register.
- **Supply** (aanbod) per wijk × housing form: expected vacancies = register dwellings of that
  form in the wijk (not `niet_beschikbaar`) × the form's turnover (mutatiegraad: placements
  starting in the 365 days before `on` in dwellings of that form ÷ those dwellings, over the
  region), plus the contingent top-up: where a corporation's agreements for the year in a
  gemeente promise more than its expected vacancies there, the difference is spread over its
  wijken and forms in that gemeente in proportion to its stock.
- **Gap** (verschil) = supply − demand (negative: shortage).
- **Spreading** (spreiding) per wijk: placements starting in the year up to `on` and the wijk's
  share of them, against its share of the social stock. The social stock of a wijk is, where CBS
  figures are imported, Σ over its buurten of dwellings (else households) × the corporation
  share; else the register's dwellings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from woonregie.domain.enums import AreaLevel, HousingForm, SupportIntensity, TargetGroup
from woonregie.domain.status import PersonStatus

WAITING = frozenset({PersonStatus.UITSTROOMKLAAR, PersonStatus.VOORGEDRAGEN})
DEFAULT_FORM = HousingForm.ZELFSTANDIG
WINDOW = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class AreaRecord:
    code: str
    name: str
    level: str  # AreaLevel code
    parent: str | None
    liveability: int | None = None


@dataclass(frozen=True, slots=True)
class BuurtFigures:
    """CBS Kerncijfers and Leefbaarometer figures of one buurt (None: not known)."""

    buurt: str
    inhabitants: int | None = None
    households: int | None = None
    dwellings: int | None = None  # woningvoorraad
    corporation_pct: float | None = None  # % huurwoningen in bezit woningcorporaties
    owner_pct: float | None = None  # % koopwoningen
    liveability_score: float | None = None  # Leefbaarometer score
    liveability_class: int | None = None  # Leefbaarometer klasse 1–9


@dataclass(frozen=True, slots=True)
class PersonRecord:
    key: str
    group: str
    intensity: str
    forms: tuple[str, ...]  # allowed housing forms; empty = any
    areas: tuple[str, ...]  # preferred, else acceptable areas (any level); empty = anywhere
    changes: tuple[tuple[date, str], ...]  # (date, target status), in order


@dataclass(frozen=True, slots=True)
class DwellingRecord:
    corporation: str
    buurt: str
    form: str
    status: str


@dataclass(frozen=True, slots=True)
class PlacementRecord:
    buurt: str
    form: str
    start: date


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    gemeente: str
    corporation: str
    group: str
    year: int
    dwellings: int


@dataclass(frozen=True, slots=True)
class AnalysisInput:
    year: int
    on: date
    areas: Sequence[AreaRecord]
    persons: Sequence[PersonRecord]
    dwellings: Sequence[DwellingRecord]
    placements: Sequence[PlacementRecord]
    agreements: Sequence[AgreementRecord]
    figures: Sequence[BuurtFigures] = ()
    organisations: Mapping[str, str] = field(default_factory=dict)  # code → name


@dataclass(frozen=True, slots=True)
class DemandRow:
    group: str
    intensity: str
    form: str
    waiting: float
    inflow: float

    @property
    def demand(self) -> float:
        return self.waiting + self.inflow


@dataclass(frozen=True, slots=True)
class GapRow:
    gemeente: str
    wijk: str
    form: str
    waiting: float
    inflow: float
    stock: int
    turnover: float | None  # mutatiegraad of the form (region)
    vacancies: float
    contingent_extra: float

    @property
    def demand(self) -> float:
        return self.waiting + self.inflow

    @property
    def supply(self) -> float:
        return self.vacancies + self.contingent_extra

    @property
    def gap(self) -> float:
        return self.supply - self.demand


@dataclass(frozen=True, slots=True)
class ContingentRow:
    gemeente: str
    corporation: str
    agreed: int  # Σ agreements of the year over groups
    vacancies: float  # expected vacancies of the corporation's register stock in the gemeente
    extra: float  # max(0, agreed − vacancies)


@dataclass(frozen=True, slots=True)
class SpreadRow:
    gemeente: str
    wijk: str
    inhabitants: int | None
    households: int | None
    corporation_pct: float | None
    social_stock: float
    stock_share: float | None
    placements: int
    placement_share: float | None
    liveability: float | None  # mean Leefbaarometer class of its buurten

    @property
    def ratio(self) -> float | None:
        """Share of placements ÷ share of stock (1 = in proportion, above 1 = more)."""
        if self.placement_share is None or not self.stock_share:
            return None
        return self.placement_share / self.stock_share


@dataclass
class Analysis:
    year: int
    on: date
    demand: list[DemandRow] = field(default_factory=list)
    gaps: list[GapRow] = field(default_factory=list)
    contingents: list[ContingentRow] = field(default_factory=list)
    spread: list[SpreadRow] = field(default_factory=list)
    buurten: list[tuple[AreaRecord, BuurtFigures | None]] = field(default_factory=list)
    turnover: dict[str, float | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # area code → name


class AreaTree:
    """Wijken and gemeenten of the region, for resolving areas to wijken."""

    def __init__(self, areas: Iterable[AreaRecord]) -> None:
        self.areas = {a.code: a for a in areas}
        self.wijk_of: dict[str, str] = {}
        self.wijken_of: dict[str, list[str]] = defaultdict(list)  # gemeente → wijken
        for a in self.areas.values():
            if a.level == AreaLevel.WIJK:
                self.wijk_of[a.code] = a.code
                if a.parent:
                    self.wijken_of[a.parent].append(a.code)
        self.all_wijken = sorted(self.wijk_of)
        for a in self.areas.values():
            if a.level == AreaLevel.BUURT and a.parent in self.wijk_of:
                self.wijk_of[a.code] = a.parent

    def gemeente_of(self, wijk: str) -> str:
        return self.areas[wijk].parent or ""

    def wijken(self, code: str | None) -> list[str] | None:
        """The wijken an area stands for: its own wijk, a gemeente's wijken, None if unknown."""
        if code is None:
            return None
        if code in self.wijk_of:
            return [self.wijk_of[code]]
        return self.wijken_of.get(code) or None


def status_on(changes: Sequence[tuple[date, str]], on: date) -> str | None:
    """The target of the last change dated on or before `on`."""
    found = None
    for day, target in changes:
        if day <= on:
            found = target
    return found


def person_demand(p: PersonRecord, on: date) -> tuple[float, float]:
    """(waiting on `on`: 0 or 1, inflow: changes into uitstroomklaar in the year before)."""
    waiting = 1.0 if status_on(p.changes, on) in WAITING else 0.0
    inflow = sum(1 for d, t in p.changes
                 if t == PersonStatus.UITSTROOMKLAAR and on - WINDOW <= d < on)
    return waiting, float(inflow)


def _spread_over(weights: dict[str, float], wijken: Sequence[str]) -> dict[str, float]:
    """Shares of 1 over `wijken` in proportion to `weights` (evenly when all weigh 0)."""
    total = sum(weights.get(w, 0.0) for w in wijken)
    if total <= 0:
        return {w: 1 / len(wijken) for w in wijken}
    return {w: weights.get(w, 0.0) / total for w in wijken}


def wijk_shares(areas: Sequence[str], tree: AreaTree, stock: dict[str, float]) -> dict[str, float]:
    """How a person's demand divides over wijken (see the module docstring)."""
    out: dict[str, float] = defaultdict(float)
    resolved = [tree.wijken(a) for a in areas]
    known = [w for w in resolved if w]
    for wijken in known or [tree.all_wijken]:
        for wijk, share in _spread_over(stock, wijken).items():
            out[wijk] += share / max(1, len(known))
    return out


def analyse(data: AnalysisInput) -> Analysis:
    """The woonzorganalyse of `data.year` as seen on `data.on`."""
    tree = AreaTree(data.areas)
    result = Analysis(data.year, data.on,
                      names={**data.organisations, **{a.code: a.name for a in data.areas}})
    stock = _stock(data.dwellings, tree)
    stock_per_wijk: dict[str, float] = defaultdict(float)
    for (wijk, _form), n in stock.items():
        stock_per_wijk[wijk] += n
    result.turnover = _turnover(data, stock)
    demand = _demand(data, tree, stock_per_wijk, result)
    vacancies = {k: n * (result.turnover.get(k[1]) or 0.0) for k, n in stock.items()}
    extra = _contingents(data, tree, vacancies, result)
    keys = sorted(set(stock) | set(demand) | set(extra))
    for wijk, form in keys:
        waiting, inflow = demand.get((wijk, form), (0.0, 0.0))
        result.gaps.append(GapRow(
            tree.gemeente_of(wijk), wijk, form, waiting, inflow, int(stock.get((wijk, form), 0)),
            result.turnover.get(form), vacancies.get((wijk, form), 0.0),
            extra.get((wijk, form), 0.0)))
    result.spread = _spread(data, tree, stock_per_wijk)
    figures = {f.buurt: f for f in data.figures}
    result.buurten = [(a, figures.get(a.code)) for a in sorted(data.areas, key=lambda a: a.code)
                      if a.level == AreaLevel.BUURT]
    return result


def _stock(dwellings: Iterable[DwellingRecord], tree: AreaTree) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = defaultdict(int)
    for d in dwellings:
        if d.status != "niet_beschikbaar" and d.buurt in tree.wijk_of:
            out[(tree.wijk_of[d.buurt], d.form)] += 1
    return dict(out)


def _turnover(data: AnalysisInput, stock: dict[tuple[str, str], int]) -> dict[str, float | None]:
    per_form: dict[str, int] = defaultdict(int)
    for (_wijk, form), n in stock.items():
        per_form[form] += n
    lettings: dict[str, int] = defaultdict(int)
    for p in data.placements:
        if data.on - WINDOW <= p.start < data.on:
            lettings[p.form] += 1
    return {form: (lettings[form] / n if n else None) for form, n in sorted(per_form.items())}


def _demand(data: AnalysisInput, tree: AreaTree, stock_per_wijk: dict[str, float],
            result: Analysis) -> dict[tuple[str, str], tuple[float, float]]:
    per_profile: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    per_wijk: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for p in data.persons:
        waiting, inflow = person_demand(p, data.on)
        if not waiting and not inflow:
            continue
        forms = p.forms or (DEFAULT_FORM,)
        wijken = wijk_shares(p.areas, tree, stock_per_wijk)
        for form in forms:
            cell = per_profile[(p.group, p.intensity, form)]
            cell[0] += waiting / len(forms)
            cell[1] += inflow / len(forms)
            for wijk, share in wijken.items():
                cell = per_wijk[(wijk, form)]
                cell[0] += waiting * share / len(forms)
                cell[1] += inflow * share / len(forms)
    order = {g: i for i, g in enumerate(TargetGroup)} | {s: i for i, s in
                                                          enumerate(SupportIntensity)}
    for (group, intensity, form), (w, i) in sorted(
            per_profile.items(), key=lambda kv: (order.get(kv[0][0], 99),
                                                  order.get(kv[0][1], 99), kv[0][2])):
        result.demand.append(DemandRow(group, intensity, form, w, i))
    return {k: (v[0], v[1]) for k, v in per_wijk.items()}


def _contingents(data: AnalysisInput, tree: AreaTree, vacancies: dict[tuple[str, str], float],
                 result: Analysis) -> dict[tuple[str, str], float]:
    """Top-up of supply where agreements promise more than the expected vacancies."""
    agreed: dict[tuple[str, str], int] = defaultdict(int)
    for a in data.agreements:
        if a.year == data.year:
            agreed[(a.gemeente, a.corporation)] += a.dwellings
    stock: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(
        lambda: defaultdict(int))
    for d in data.dwellings:
        wijk = tree.wijk_of.get(d.buurt)
        if wijk and d.status != "niet_beschikbaar":
            stock[(tree.gemeente_of(wijk), d.corporation)][(wijk, d.form)] += 1
    rate = result.turnover
    extra: dict[tuple[str, str], float] = defaultdict(float)
    for key in sorted(agreed):
        cells = stock.get(key, {})
        expected = sum(n * (rate.get(form) or 0.0) for (_w, form), n in cells.items())
        top_up = max(0.0, agreed[key] - expected)
        result.contingents.append(ContingentRow(key[0], key[1], agreed[key], expected, top_up))
        total = sum(cells.values())
        for cell, n in cells.items():
            extra[cell] += top_up * n / total
    return dict(extra)


def _social_stock(figures: Sequence[BuurtFigures], tree: AreaTree) -> dict[str, float]:
    """Per wijk, Σ dwellings (else households) × corporation share of buurten with CBS figures."""
    out: dict[str, float] = defaultdict(float)
    for f in figures:
        base = f.dwellings if f.dwellings is not None else f.households
        wijk = tree.wijk_of.get(f.buurt)
        if wijk and base is not None and f.corporation_pct is not None:
            out[wijk] += base * f.corporation_pct / 100
    return dict(out)


def _spread(data: AnalysisInput, tree: AreaTree,
            register_stock: dict[str, float]) -> list[SpreadRow]:
    cbs = _social_stock(data.figures, tree)
    stock = cbs if cbs else register_stock
    start = date(data.year, 1, 1)
    placed: dict[str, int] = defaultdict(int)
    for p in data.placements:
        if start <= p.start <= data.on and p.buurt in tree.wijk_of:
            placed[tree.wijk_of[p.buurt]] += 1
    total_stock, total_placed = sum(stock.values()), sum(placed.values())
    figures = {f.buurt: f for f in data.figures}
    buurten_of: dict[str, list[AreaRecord]] = defaultdict(list)
    for a in tree.areas.values():
        if a.level == AreaLevel.BUURT and a.parent:
            buurten_of[a.parent].append(a)
    rows = []
    for wijk in sorted(w for w, a in tree.areas.items() if a.level == AreaLevel.WIJK):
        own = [figures[b.code] for b in buurten_of[wijk] if b.code in figures]
        rows.append(SpreadRow(
            tree.gemeente_of(wijk), wijk,
            _sum(f.inhabitants for f in own), _sum(f.households for f in own),
            _pct(own), stock.get(wijk, 0.0),
            stock.get(wijk, 0.0) / total_stock if total_stock else None,
            placed[wijk], placed[wijk] / total_placed if total_placed else None,
            _liveability(buurten_of[wijk], figures)))
    return rows


def _sum(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _pct(figures: Sequence[BuurtFigures]) -> float | None:
    """Corporation share of the wijk: dwelling- (else household-) weighted over its buurten."""
    pairs = [((f.dwellings if f.dwellings is not None else f.households), f.corporation_pct)
             for f in figures]
    pairs = [(b, p) for b, p in pairs if b and p is not None]
    total = sum(b for b, _ in pairs)
    return sum(b * p for b, p in pairs) / total if total else None


def _liveability(buurten: Sequence[AreaRecord], figures: dict[str, BuurtFigures]) -> float | None:
    """Mean Leefbaarometer class of the wijk's buurten (an imported class wins)."""
    classes = [c for c in (_class_of(b, figures.get(b.code)) for b in buurten) if c is not None]
    return sum(classes) / len(classes) if classes else None


def _class_of(area: AreaRecord, figures: BuurtFigures | None) -> int | None:
    if figures is not None and figures.liveability_class is not None:
        return figures.liveability_class
    return area.liveability
