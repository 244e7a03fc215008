"""Scenario comparison as table rows and as a self-contained HTML page with inline SVG charts.

Pure text out of plain figures (no files, no JavaScript): the command line writes the page to a
file and the web page shows the same charts (`charts`).
"""

from __future__ import annotations

import math
from html import escape

from woonregie.simulate.summary import FIGURES, YEARLY, Band

COLOURS = ("#1f5f8b", "#c2571a", "#2e7d32", "#7b3fa0", "#9e7c0c", "#00838f", "#ad1457")


def number(x: float, digits: int = 0) -> str:
    """Dutch number: thousands with a dot, decimals with a comma."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def cell(b: Band, digits: int = 0) -> str:
    return f"{number(b.median, digits)} [{number(b.low, digits)}–{number(b.high, digits)}]"


Named = list[tuple[str, dict]]
"""(scenario title, summary: figure -> Band or a Band per year) per scenario."""


def rows(named: Named, years: int) -> list[tuple[str, list[str]]]:
    out = []
    for key, label in FIGURES.items():
        digits = 1 if key == "huurbehoud" else 0
        if key in YEARLY:
            for y in range(years):
                out.append((f"{label}, jaar {y + 1}",
                            [cell(summary[key][y], digits) for _, summary in named]))
        else:
            out.append((label, [cell(summary[key], digits) for _, summary in named]))
    return out


def charts(named: Named) -> list[tuple[str, str]]:
    """(title, SVG) per figure: yearly figures as bands over the years, the others as a
    median with its band per scenario."""
    titles = [title for title, _ in named]
    out = []
    for key, label in FIGURES.items():
        values = [summary[key] for _, summary in named]
        chart = _band_chart(values, titles) if key in YEARLY else _dot_chart(values, titles)
        out.append((label, chart))
    return out


def _scale(lo: float, hi: float, a: float, b: float):
    span = (hi - lo) or 1.0
    return lambda v: a + (v - lo) / span * (b - a)


def _band_chart(series: list[list[Band]], names: list[str], w: int = 560, h: int = 240) -> str:
    years = len(series[0])
    values = [v for s in series for b in s for v in (b.low, b.high) if not math.isnan(v)]
    lo, hi = 0.0, max(values or [1.0]) * 1.05
    x = _scale(1, max(2, years), 60, w - 20)
    y = _scale(lo, hi, h - 40, 15)
    parts = _axes(w, h, lo, hi, y) + [
        f'<text x="{x(k + 1):.0f}" y="{h - 22}" text-anchor="middle">jaar {k + 1}</text>'
        for k in range(years)]
    for n, (s, name) in enumerate(zip(series, names, strict=True)):
        c = COLOURS[n % len(COLOURS)]
        upper = [f"{x(k + 1):.1f},{y(b.high):.1f}" for k, b in enumerate(s)]
        lower = [f"{x(k + 1):.1f},{y(b.low):.1f}" for k, b in reversed(list(enumerate(s)))]
        mid = " ".join(f"{x(k + 1):.1f},{y(b.median):.1f}" for k, b in enumerate(s))
        parts.append(f'<polygon points="{" ".join(upper + lower)}" fill="{c}" '
                     f'fill-opacity="0.15" stroke="none"/>')
        parts.append(f'<polyline points="{mid}" fill="none" stroke="{c}" stroke-width="2"/>')
        parts.append(_legend(n, name, c, w))
    return _svg(w, h, parts)


def _dot_chart(bands: list[Band], names: list[str], w: int = 560) -> str:
    h = 40 + 28 * len(bands)
    values = [v for b in bands for v in (b.low, b.high) if not math.isnan(v)]
    x = _scale(0.0, max(values or [1.0]) * 1.05, 200, w - 20)
    parts = []
    for n, (b, name) in enumerate(zip(bands, names, strict=True)):
        c, yy = COLOURS[n % len(COLOURS)], 30 + 28 * n
        parts.append(f'<text x="190" y="{yy + 4}" text-anchor="end">{escape(name)}</text>')
        if math.isnan(b.median):
            continue
        parts.append(f'<line x1="{x(b.low):.1f}" x2="{x(b.high):.1f}" y1="{yy}" y2="{yy}" '
                     f'stroke="{c}" stroke-width="6" stroke-opacity="0.35"/>')
        parts.append(f'<circle cx="{x(b.median):.1f}" cy="{yy}" r="5" fill="{c}"/>')
        parts.append(f'<text x="{x(b.median):.1f}" y="{yy - 8}" text-anchor="middle">'
                     f'{number(b.median, 1 if b.median < 100 else 0)}</text>')
    return _svg(w, h, parts)


def _axes(w: int, h: int, lo: float, hi: float, y) -> list[str]:
    parts = [f'<line x1="55" x2="{w - 10}" y1="{h - 40}" y2="{h - 40}" stroke="#888"/>']
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        parts.append(f'<text x="50" y="{y(v) + 4:.0f}" text-anchor="end">{number(v)}</text>')
        parts.append(f'<line x1="55" x2="{w - 10}" y1="{y(v):.0f}" y2="{y(v):.0f}" '
                     f'stroke="#ddd"/>')
    return parts


def _legend(n: int, name: str, colour: str, w: int) -> str:
    return (f'<text x="{w - 20}" y="{20 + 16 * n}" text-anchor="end" fill="{colour}">'
            f'{escape(name)}</text>')


def _svg(w: int, h: int, parts: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
            f'height="{h}" role="img" font-family="sans-serif" font-size="12">'
            + "".join(parts) + "</svg>")


def comparison_page(named: Named, years: int, runs: int, seed: int) -> str:
    """A complete HTML page (Dutch) with the table and the charts, no external files."""
    head = "".join(f"<th>{escape(title)}</th>" for title, _ in named)
    body = "".join(
        "<tr><th scope='row'>" + escape(label) + "</th>"
        + "".join(f"<td>{escape(v)}</td>" for v in values) + "</tr>"
        for label, values in rows(named, years))
    figures = "".join(f"<figure><figcaption>{escape(t)}</figcaption>{svg}</figure>"
                      for t, svg in charts(named))
    return f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Scenariovergelijking</title>
<style>body{{font-family:sans-serif;margin:2rem;max-width:70rem}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}}th[scope=row]{{text-align:left}}
figure{{display:inline-block;margin:1rem 1rem 0 0}}figcaption{{font-weight:bold}}</style>
</head><body><h1>Scenariovergelijking</h1>
<p>{years} jaar vooruit, {runs} replicaties per scenario met dezelfde toevalsgetallen (seed
{seed}). Per kengetal de mediaan over de replicaties met de band van het 5e tot het 95e
percentiel.</p>
<table><thead><tr><th>kengetal</th>{head}</tr></thead><tbody>{body}</tbody></table>
{figures}
</body></html>
"""
