"""Buurt shapes (monitor/geometry.py): synthetic squares nested gemeente > wijk > buurt,
deterministic and disjoint; GeoJSON read by property, simplified and rounded; refusals."""

from __future__ import annotations

import json

import pytest

from woonregie.monitor.geometry import (
    GeometryError,
    is_planar,
    read_features,
    simplify,
    synthetic_shapes,
)

BUURTEN = [(f"BU{g}{w}{b}", f"WK{g}{w}", f"GM{g}") for g in "12" for w in "123"
           for b in "1234"][:-2] + [("BU399", "WK39", "GM3")]


def _box(geometry: dict) -> tuple[float, float, float, float]:
    ring = geometry["coordinates"][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def test_synthetic_shapes_are_deterministic_disjoint_and_nested():
    shapes = synthetic_shapes(BUURTEN)
    assert shapes == synthetic_shapes(reversed(BUURTEN))  # order of input does not matter
    assert set(shapes) == {b for b, _, _ in BUURTEN}
    boxes = {code: _box(g) for code, g in shapes.items()}
    for a, (ax0, ay0, ax1, ay1) in boxes.items():
        assert ax0 < ax1 and ay0 < ay1
        for b, (bx0, by0, bx1, by1) in boxes.items():
            if a < b:  # no two buurten overlap
                assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, (a, b)
    # the buurten of one gemeente lie inside one 1,000-unit square
    for gemeente in ("GM1", "GM2", "GM3"):
        mine = [boxes[b] for b, _, g in BUURTEN if g == gemeente]
        width = max(x1 for _, _, x1, _ in mine) - min(x0 for x0, _, _, _ in mine)
        assert width < 1000
    assert all(g["coordinates"][0][0] == g["coordinates"][0][-1] for g in shapes.values())


def test_simplify_keeps_corners_and_drops_what_lies_on_the_line():
    ring = [[0, 0], [5, 0.01], [10, 0], [10, 10], [0, 10], [0, 0]]
    assert simplify(ring, 1.0) == [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    assert simplify(ring, 0.0001) == [[float(x), float(y)] for x, y in ring]


def _collection(*features: dict) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _feature(properties: dict, coordinates: list, kind: str = "Polygon") -> dict:
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": kind, "coordinates": coordinates}}


RD_SQUARE = [[[121000.4, 487000.2], [121500.0, 487000.0], [121500.0, 487500.0],
              [121000.0, 487500.0], [121000.4, 487000.2]]]


def test_cbs_file_in_rd_new():
    data = _collection(
        _feature({"buurtcode": "BU03630000", "buurtnaam": "Kop Zeedijk"}, RD_SQUARE),
        _feature({"statcode": "bu03630001"}, [RD_SQUARE], "MultiPolygon"),
        _feature({"wijkcode": "WK036300"}, RD_SQUARE),  # a wijk: passed over
        _feature({"buurtcode": "BU03630002"}, [[1, 2]], "LineString"),
    )
    read = read_features(data)
    assert read.planar and set(read.shapes) == {"BU03630000", "BU03630001"}
    assert read.shapes["BU03630000"]["coordinates"][0][0] == [121000, 487000]  # whole metres
    assert read.shapes["BU03630001"]["type"] == "MultiPolygon"
    assert (read.not_buurt, read.not_shape) == (1, 1)


def test_wgs84_file_and_a_chosen_code_field():
    square = [[[4.9, 52.37], [4.91, 52.37], [4.91, 52.38], [4.9, 52.38], [4.9, 52.37]]]
    read = read_features(_collection(_feature({"eigen_code": "BU01", "code": "x"}, square)),
                         code_field="eigen_code")
    assert not read.planar and list(read.shapes) == ["BU01"]
    assert not is_planar(read.shapes["BU01"])


@pytest.mark.parametrize(("data", "message"), [
    (b"{niet json", "geen geldige JSON"),
    (b'{"type": "Feature"}', "geen GeoJSON FeatureCollection"),
    (b'{"type": "FeatureCollection", "features": 3}', "geen lijst 'features'"),
])
def test_refusals_are_dutch(data, message):
    with pytest.raises(GeometryError, match=message):
        read_features(data)


def test_too_many_features():
    data = _collection(*[_feature({"buurtcode": f"BU{i}"}, RD_SQUARE) for i in range(3)])
    with pytest.raises(GeometryError, match="ten hoogste 2"):
        read_features(data, max_features=2)
