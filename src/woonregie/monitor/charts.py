"""Charts of the monitor's tables as Vega-Lite specifications, written with Altair.

Each chart is drawn from the rows of its table (figure_tables.py), so the table beside it is an
exact text alternative: screen readers read the table, the chart carries the same numbers. The
pages render a spec in the browser (vega-embed, served from the app), the report renders the
same spec to SVG with vl-convert (`to_svg`): one spec, two renderers, the same figures.

Specs are plain dicts (`Chart.to_dict`); the schema check is skipped at run time (it costs
more than building the chart) and done once in the tests instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from woonregie.monitor.figure_tables import LONG_TABLE_ROWS, FigureTable

if TYPE_CHECKING:  # Altair takes 0.7 s to import: only where a chart is drawn
    import altair as alt

Spec = dict[str, Any]

DUTCH_NUMBERS = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""]}
"""d3-format locale: 1.234,5 and € 1.050,00 (the browser's vega-embed gets the same)."""
FONT = "DejaVu Sans"
"""The charts' font: vl-convert measures labels with it and the PDF prints with it (Debian's
fonts-dejavu, which WeasyPrint's Pango finds too), so no label is cut off; browsers without it
fall back to their sans-serif."""
WIDTH = 520
COLOURS = ["#1f5f8b", "#e07b00", "#6b8e23", "#8e3b8e"]


def _bars(rows: list[dict], category: str, measure: str, value: str, title: str,
          description: str, unit: str) -> alt.Chart:
    """Horizontal bars per category, one bar per measure (grouped), in the rows' order."""
    import altair as alt

    order = list(dict.fromkeys(r[category] for r in rows))
    measures = list(dict.fromkeys(r[measure] for r in rows))
    return alt.Chart(alt.Data(values=rows), title=title, description=description).mark_bar(
    ).encode(
        y=alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelLimit=280)),
        yOffset=alt.YOffset(f"{measure}:N", sort=measures),
        x=alt.X(f"{value}:Q", title=unit),
        color=alt.Color(f"{measure}:N", sort=measures, title=None,
                        scale=alt.Scale(range=COLOURS), legend=alt.Legend(orient="bottom")),
    ).properties(width=WIDTH)


def _long(table: FigureTable, label: int, columns: dict[str, int],
          keep: Callable[[list], bool] = lambda row: True) -> list[dict]:
    """Table rows as long records {categorie, maat, waarde}; empty cells are left out."""
    out = []
    for row in table.rows:
        if not keep(row):
            continue
        for name, index in columns.items():
            if row[index] is not None:
                out.append({"categorie": row[label], "maat": name, "waarde": row[index]})
    return out


def _flow(t: FigureTable) -> alt.Chart:
    rows = _long(t, 0, {"Instroom": 2, "Gehuisvest": 3},
                 keep=lambda row: row[0] != "Totaal")
    return _bars(rows, "categorie", "maat", "waarde", t.title,
                 "Staafdiagram: instroom en gehuisvesten per doelgroep.", "Personen")


def _stock(t: FigureTable) -> alt.Chart:
    rows = _long(t, 0, {"Personen": 1})
    return _bars(rows, "categorie", "maat", "waarde", t.title,
                 "Staafdiagram: personen per status op de einddatum.", "Personen")


def _waiting(t: FigureTable) -> alt.Chart:
    rows = _long(t, 0, {"Mediaan": 2, "P90": 3})
    return _bars(rows, "categorie", "maat", "waarde", t.title,
                 "Staafdiagram: mediaan en 90e percentiel van de wachttijd per doelgroep.",
                 "Dagen")


def _tenancy(t: FigureTable) -> alt.Chart:
    rows = _long(t, 0, {"Aandeel (%)": 2})
    return _bars(rows, "categorie", "maat", "waarde", t.title,
                 "Staafdiagram: huurbehoud en terugval als percentage.", "Procent")


def _contingent(t: FigureTable) -> alt.Chart:
    """Summed per doelgroep (the table has a row per gemeente × corporation × group)."""
    totals: dict[str, dict[str, float]] = {}
    for row in t.rows:
        group = totals.setdefault(row[2], {"Afspraak": 0, "Gerealiseerd": 0, "Prognose": 0})
        group["Afspraak"] += row[4] or 0
        group["Gerealiseerd"] += row[5] or 0
        group["Prognose"] += row[6] or 0
    rows = [{"categorie": group, "maat": name, "waarde": round(value, 1)}
            for group, values in totals.items() for name, value in values.items()]
    return _bars(rows, "categorie", "maat", "waarde", t.title + " (opgeteld per doelgroep)",
                 "Staafdiagram: afspraak, gerealiseerd en prognose van de contingenten, "
                 "opgeteld per doelgroep.", "Woningen")


def _concentration(t: FigureTable) -> alt.Chart:
    """The buurten the table shows (most placements first), so the table is the chart's
    exact text alternative; thousands of points would say nothing more."""
    import altair as alt

    rows = [{"buurt": f"{r[1]} ({r[0]})" if r[1] else r[0], "plaatsingen": r[2],
             "aandeel_plaatsingen": r[3], "aandeel_voorraad": r[4],
             "leefbaarheid": r[5]} for r in t.rows[:LONG_TABLE_ROWS]]
    return alt.Chart(alt.Data(values=rows), title=t.title.split(" (")[0],
                     description="Spreidingsdiagram: per buurt (de buurten met de meeste "
                                 "plaatsingen) het aandeel in de plaatsingen tegen het "
                                 "aandeel in de voorraad.").mark_circle(size=60).encode(
        x=alt.X("aandeel_voorraad:Q", title="Aandeel voorraad (%)"),
        y=alt.Y("aandeel_plaatsingen:Q", title="Aandeel plaatsingen (%)"),
        color=alt.Color("leefbaarheid:O", title="Leefbaarheid",
                        scale=alt.Scale(scheme="redyellowgreen", domain=list(range(1, 10)))),
    ).properties(width=WIDTH)


def _workflow(t: FigureTable) -> alt.Chart:
    rows = _long(t, 0, {"Mediaan": 2, "P90": 3})
    return _bars(rows, "categorie", "maat", "waarde", t.title,
                 "Staafdiagram: dagen per stap van de bemiddeling.", "Dagen")


CHARTS: dict[str, Callable[[FigureTable], alt.Chart]] = {
    "stroom": _flow, "stand": _stock, "wachttijd": _waiting, "huurbehoud": _tenancy,
    "contingent": _contingent, "concentratie": _concentration, "bemiddeling": _workflow,
}
"""Table name → its chart; a table without an entry (stagnatie: three numbers) has none."""


def chart_spec(table: FigureTable, validate: bool = False) -> Spec | None:
    """The Vega-Lite spec of a table's chart, or None when the table has no chart or no
    rows to draw."""
    build = CHARTS.get(table.name)
    if build is None or not table.rows:
        return None
    spec = build(table).to_dict(validate=validate)
    if not spec.get("data", {}).get("values"):
        return None  # every cell empty: nothing to draw, the table says so
    config = spec.setdefault("config", {})
    config["locale"] = {"number": DUTCH_NUMBERS}
    config["font"] = FONT
    return spec


def to_svg(spec: Spec) -> str:
    """The chart as SVG text, drawn by vl-convert (Vega in an embedded JavaScript runtime,
    no browser, no network)."""
    import vl_convert

    return vl_convert.vegalite_to_svg(spec, format_locale=DUTCH_NUMBERS)


def map_spec(shapes: dict[str, dict], names: dict[str, str], liveability: dict[str, int | None],
             rows: list[dict], planar: bool) -> Spec | None:
    """Two maps of the buurten side by side: concentration (share of placements ÷ share of
    the stock, 1 = in proportion) and liveability (Leefbaarometer class). Buurten without
    placements in the period are grey on the first map. `rows`: the monitor's concentratie."""
    import altair as alt

    if not shapes:
        return None
    by_code = {r["buurt"]: r for r in rows}
    features = []
    for code in sorted(shapes):
        r = by_code.get(code)
        ratio = (round(r["aandeel_plaatsingen"] / r["aandeel_voorraad"], 2)
                 if r and r["aandeel_plaatsingen"] is not None and r["aandeel_voorraad"]
                 else None)
        features.append({"type": "Feature", "geometry": shapes[code], "properties": {
            "buurt": code, "naam": names.get(code, ""), "plaatsingen": r["plaatsingen"] if r
            else 0, "verhouding": ratio, "leefbaarheid": liveability.get(code)}})
    ratios = [f["properties"]["verhouding"] for f in features]
    top = max([2.0, *(r for r in ratios if r is not None)])  # 1 (in proportion) in the middle
    projection = ({"type": "identity", "reflectY": True} if planar else {"type": "mercator"})
    # Named data, the features put in after to_dict: Altair would walk thousands of
    # coordinates (24 s at national scale) that it has nothing to check in.
    data = alt.NamedData(name="buurten")
    base = alt.Chart(data).mark_geoshape(fill="#dddddd", stroke="white", strokeWidth=0.4)

    def coloured(field: str, title: str, scale: alt.Scale, kind: str) -> alt.LayerChart:
        layer = alt.Chart(data).mark_geoshape(stroke="white", strokeWidth=0.4).encode(
            color=alt.Color(f"properties.{field}:{kind}", title=title, scale=scale,
                            legend=alt.Legend(orient="bottom")),
        ).transform_filter(f"isValid(datum.properties.{field})")
        return alt.layer(base, layer).project(**projection).properties(
            width=WIDTH // 2 + 20, height=WIDTH // 2 + 20, title=title)

    concentration = coloured("verhouding", "Verhouding (1 = evenredig)",
                             alt.Scale(scheme="blueorange", domain=[0, top], domainMid=1),
                             "Q")
    live = coloured("leefbaarheid", "Leefbaarheid (klasse 1–9)",
                    alt.Scale(scheme="redyellowgreen", domain=list(range(1, 10))), "O")
    chart = alt.hconcat(concentration, live, title="Kaart van de buurten",
                        description="Twee kaarten van de buurten: links plaatsingen naar "
                                    "verhouding van de voorraad (grijs: geen plaatsingen), "
                                    "rechts de leefbaarheid.")
    spec = chart.to_dict(validate=False)
    spec["datasets"] = {"buurten": features}
    config = spec.setdefault("config", {})
    config["locale"] = {"number": DUTCH_NUMBERS}
    config["font"] = FONT
    return spec


def to_png_data_url(spec: Spec, scale: float = 2) -> str:
    """The chart as a PNG data: URL, for charts of thousands of shapes (a map), which as SVG
    would make the printed PDF slow: the image is drawn once, and nothing is fetched."""
    import base64

    import vl_convert

    png = vl_convert.vegalite_to_png(spec, scale=scale, format_locale=DUTCH_NUMBERS)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
