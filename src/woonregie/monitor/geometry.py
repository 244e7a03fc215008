"""Buurt shapes for the map of the dashboard and the report (pure: plain data in, GeoJSON
geometry dicts out).

Real shapes come from a GeoJSON file (CBS *wijk- en buurtkaart*, from PDOK or CBS) that a user
imports (`read_features`): each feature's buurt code is found in its properties, polygons are
simplified (Douglas–Peucker) and rounded, so a map of thousands of buurten stays a few MB.
CBS publishes in RD New (metres) as well as in WGS84 (degrees); `is_planar` tells them apart
and the map picks its projection from it.

A region without imported shapes (the sample region: fictional buurten) gets synthetic ones
(`synthetic_shapes`): gemeenten laid out on a grid, each gemeente's wijken on a grid inside it,
each wijk's buurten on a grid inside that, ordered by code — deterministic, so the same region
always gets the same map, and buurten of one wijk lie together as real ones do.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Geometry = dict
Point = tuple[float, float]

CODE_FIELDS = ("buurtcode", "statcode", "BU_CODE", "bu_code", "code", "CODE")
"""Property names that hold the buurt code in CBS/PDOK files, tried in this order."""
SHAPES = ("Polygon", "MultiPolygon")


class GeometryError(ValueError):
    """A GeoJSON file that cannot be read (Dutch message)."""


@dataclass
class FeatureRead:
    """What a GeoJSON file gave: shapes per buurt code, and what was passed over."""

    shapes: dict[str, Geometry] = field(default_factory=dict)
    planar: bool = False
    not_buurt: int = 0  # features without a buurt code (wijken, gemeenten, no code)
    not_shape: int = 0  # features whose geometry is no (multi)polygon


# --- synthetic shapes -------------------------------------------------------------------------


def _grid(n: int) -> int:
    return max(1, math.ceil(math.sqrt(n)))


def _cells(codes: Sequence[str], x: float, y: float, size: float) -> dict[str, tuple]:
    """Square cells for `codes` on a grid filling the square (x, y, size), with a margin."""
    k = _grid(len(codes))
    step = size / k
    return {code: (x + (i % k) * step, y + (i // k) * step, step)
            for i, code in enumerate(sorted(codes))}


def _square(x: float, y: float, size: float, margin: float) -> Geometry:
    a, b = x + margin, y + margin
    c, d = x + size - margin, y + size - margin
    ring = [[round(a, 3), round(b, 3)], [round(c, 3), round(b, 3)], [round(c, 3), round(d, 3)],
            [round(a, 3), round(d, 3)], [round(a, 3), round(b, 3)]]
    return {"type": "Polygon", "coordinates": [ring]}


def synthetic_shapes(buurten: Iterable[tuple[str, str, str]]) -> dict[str, Geometry]:
    """A square per buurt from (buurt, wijk, gemeente) codes, nested gemeente > wijk > buurt;
    planar coordinates (units, y up), gemeenten 1,000 units wide."""
    tree: dict[str, dict[str, list[str]]] = {}
    for buurt, wijk, gemeente in buurten:
        tree.setdefault(gemeente, {}).setdefault(wijk, []).append(buurt)
    shapes: dict[str, Geometry] = {}
    for gemeente, (gx, gy, gs) in _cells(list(tree), 0.0, 0.0, 1000.0 * _grid(len(tree))).items():
        wijken = tree[gemeente]
        for wijk, (wx, wy, ws) in _cells(list(wijken), gx + 30, gy + 30, gs - 60).items():
            for buurt, (bx, by, bs) in _cells(wijken[wijk], wx + 6, wy + 6, ws - 12).items():
                shapes[buurt] = _square(bx, by, bs, margin=min(2.0, bs / 10))
    return shapes


# --- imported shapes --------------------------------------------------------------------------


def is_planar(geometry: Geometry) -> bool:
    """Metres (RD New) rather than degrees: any coordinate outside the range of degrees."""
    return any(abs(x) > 180 or abs(y) > 90 for x, y in _points(geometry))


def _points(geometry: Geometry) -> Iterable[Point]:
    polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                else geometry["coordinates"])
    for polygon in polygons:
        for ring in polygon:
            for point in ring:
                yield point[0], point[1]


def simplify(ring: Sequence[Sequence[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker: drop points closer than `tolerance` to the line between the points
    kept around them; a ring keeps at least its first, last and two more points."""
    points = [(float(p[0]), float(p[1])) for p in ring]
    if len(points) <= 4:
        return [list(p) for p in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    kept = [list(p) for p, k in zip(points, keep, strict=True) if k]
    if len(kept) < 4:  # a ring must stay a ring
        step = max(1, len(points) // 3)
        kept = [list(points[0]), list(points[step]), list(points[2 * step]), list(points[-1])]
    return kept


def _distance(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy)
    if length == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / length


def _tidy(geometry: Geometry, planar: bool) -> Geometry:
    """Simplified (10 m, or about 10 m in degrees) and rounded (1 m; 5 decimals)."""
    tolerance, digits = (10.0, 0) if planar else (0.0001, 5)
    polygons = ([geometry["coordinates"]] if geometry["type"] == "Polygon"
                else geometry["coordinates"])
    tidy = [[[[round(x, digits) if digits else int(round(x)), round(y, digits) if digits
              else int(round(y))] for x, y in simplify(ring, tolerance)] for ring in polygon]
            for polygon in polygons]
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": tidy[0]}
    return {"type": "MultiPolygon", "coordinates": tidy}


def _code(properties: dict, code_field: str | None) -> str | None:
    fields = (code_field,) if code_field else CODE_FIELDS
    for name in fields:
        value = properties.get(name)
        if isinstance(value, str) and value.strip().upper().startswith("BU"):
            return value.strip().upper()
    return None


def _valid(geometry: object) -> bool:
    if not isinstance(geometry, dict) or geometry.get("type") not in SHAPES:
        return False
    try:
        points = list(_points(geometry))
    except (TypeError, IndexError, KeyError):
        return False
    return bool(points) and all(isinstance(c, int | float) and math.isfinite(c)
                                for p in points for c in p)


def read_features(data: bytes, code_field: str | None = None,
                  max_features: int = 50_000) -> FeatureRead:
    """Shapes per buurt code from a GeoJSON FeatureCollection (bytes as read from a file)."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as e:
        raise GeometryError("het bestand is geen geldige JSON (GeoJSON verwacht)") from e
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise GeometryError("het bestand is geen GeoJSON FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list):
        raise GeometryError("de FeatureCollection heeft geen lijst 'features'")
    if len(features) > max_features:
        raise GeometryError(f"het bestand heeft {len(features)} features; ten hoogste "
                            f"{max_features} worden gelezen")
    out = FeatureRead()
    raw: dict[str, Geometry] = {}
    for feature in features:
        properties = feature.get("properties") if isinstance(feature, dict) else None
        code = _code(properties, code_field) if isinstance(properties, dict) else None
        if code is None:
            out.not_buurt += 1
        elif not _valid(feature.get("geometry")):
            out.not_shape += 1
        else:
            raw[code] = feature["geometry"]
    out.planar = any(is_planar(g) for g in raw.values())
    out.shapes = {code: _tidy(g, out.planar) for code, g in raw.items()}
    return out
