"""The charts of a scenario comparison: Vega-Lite specs (Altair), rendered to SVG on the server.

Why on the server (vl-convert) and not with vega-embed in the browser: the app's Content
Security Policy allows no `eval`, which Vega's expression parser needs, and a chart rendered
here is part of the page — it prints, it shows without JavaScript, and a test can read it.
Yearly figures are a line of the median per scenario with its 5–95 % band; the others a dot
(median) with a bar (the band) per scenario. Numbers are formatted the Dutch way (nl-NL).
"""

from __future__ import annotations

import math
from functools import lru_cache

from woonregie.simulate.report import COLOURS
from woonregie.simulate.summary import FIGURES, YEARLY

Named = list[tuple[str, dict]]


def _value(x: float) -> float | None:
    return None if x is None or math.isnan(x) else x


def _yearly(named: Named, key: str, label: str):
    import altair as alt

    rows = [{"scenario": title, "jaar": y + 1, "mediaan": _value(b.median),
             "p5": _value(b.low), "p95": _value(b.high)}
            for title, summary in named for y, b in enumerate(summary[key])]
    colour = _colour(named)
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("jaar:O", title="jaar", axis=alt.Axis(labelAngle=0)), color=colour)
    band = base.mark_area(opacity=0.15).encode(y=alt.Y("p5:Q", title=label), y2="p95:Q")
    line = base.mark_line(point=True).encode(y=alt.Y("mediaan:Q", title=label))
    return (band + line).properties(width=420, height=220)


def _single(named: Named, key: str, label: str):
    import altair as alt

    rows = [{"scenario": title, "mediaan": _value(s[key].median), "p5": _value(s[key].low),
             "p95": _value(s[key].high)} for title, s in named]
    colour = _colour(named, legend=False)
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("scenario:N", title=None, sort=None), color=colour)
    bar = base.mark_rule(size=6, opacity=0.4).encode(x=alt.X("p5:Q", title=label), x2="p95:Q")
    dot = base.mark_point(filled=True, size=80).encode(x="mediaan:Q")
    return (bar + dot).properties(width=420, height=28 * len(named))


def _colour(named: Named, legend: bool = True):
    import altair as alt

    titles = [t for t, _ in named]
    scale = alt.Scale(domain=titles, range=[COLOURS[i % len(COLOURS)]
                                            for i in range(len(titles))])
    return alt.Color("scenario:N", scale=scale,
                     legend=alt.Legend(title=None, orient="bottom") if legend else None)


def specs(named: Named) -> list[tuple[str, dict]]:
    """(title, Vega-Lite spec) per figure."""
    out = []
    for key, label in FIGURES.items():
        chart = (_yearly if key in YEARLY else _single)(named, key, label)
        out.append((label, chart.to_dict()))
    return out


@lru_cache(maxsize=64)
def _svg(spec_json: str) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec_json, format_locale="nl-NL")


def charts(named: Named) -> list[tuple[str, str]]:
    """(title, SVG markup) per figure, ready to place in the page."""
    import json

    return [(title, _svg(json.dumps(spec, sort_keys=True))) for title, spec in specs(named)]
