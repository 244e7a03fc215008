"""Buurt shapes: importing CBS wijk/buurt boundaries (GeoJSON) and the shapes of the map.

`import_geojson` stores the shape of every buurt of the file that the register knows (one
transaction, one audit entry, like any import), replacing an earlier shape of that buurt.
`map_shapes` gives the shapes of the buurten in scope: the imported ones when the region has
any, otherwise synthetic ones (monitor/geometry.py) — never a mix of the two, whose
coordinates would not fit one map.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import aliased

from woonregie.domain.enums import AreaLevel
from woonregie.monitor.geometry import Geometry, read_features, synthetic_shapes
from woonregie.services import audit
from woonregie.services.access import Action, Principal, require
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork


@dataclass
class GeoImport:
    stored: int = 0
    planar: bool = False
    unknown: list[str] = field(default_factory=list)  # buurt codes the register lacks
    not_buurt: int = 0
    not_shape: int = 0


def import_geojson(uow: UnitOfWork, principal: Principal, path: Path,
                   code_field: str | None = None) -> GeoImport:
    """Read `path` and store its buurt shapes, audited under `principal` (like
    `imports.import_files`, called by the operator at the command line); no commit."""
    read = read_features(path.read_bytes(), code_field)
    assert uow.session is not None
    s = uow.session
    known = set(s.scalars(select(t.AreaRow.code).where(t.AreaRow.level == AreaLevel.BUURT)))
    report = GeoImport(planar=read.planar, not_buurt=read.not_buurt, not_shape=read.not_shape)
    report.unknown = sorted(code for code in read.shapes if code not in known)
    shapes = {code: g for code, g in read.shapes.items() if code in known}
    if not shapes:
        return report
    s.execute(delete(t.BuurtGeometryRow).where(t.BuurtGeometryRow.buurt.in_(list(shapes))))
    now = uow.clock.now().replace(tzinfo=None)
    s.add_all(t.BuurtGeometryRow(buurt=code, geometry=json.dumps(g, separators=(",", ":")),
                                 planar=read.planar, source=path.name[:160], imported_at=now)
              for code, g in shapes.items())
    report.stored = len(shapes)
    audit.record(uow, principal, "import", "buurt_geometries", None,
                 {"files": [path.name], "counts": {"buurtgrenzen": report.stored}})
    return report


@dataclass
class MapShapes:
    shapes: dict[str, Geometry]
    names: dict[str, str]
    liveability: dict[str, int | None]
    planar: bool
    imported: bool  # real boundaries rather than synthetic ones


def map_shapes(uow: UnitOfWork, principal: Principal, gemeente: str | None = None) -> MapShapes:
    """Shapes and names of the buurten of the region, or of `gemeente`."""
    require(principal, Action.REFERENCE_READ)
    assert uow.session is not None
    s = uow.session
    wijk, gem = aliased(t.AreaRow), aliased(t.AreaRow)
    region = (select(t.AreaRow.code, t.AreaRow.name, wijk.code, gem.code, t.AreaRow.liveability)
              .join(wijk, wijk.code == t.AreaRow.parent).join(gem, gem.code == wijk.parent)
              .where(t.AreaRow.level == AreaLevel.BUURT))
    everything = s.execute(region).all()
    buurten = [b for b in everything if gemeente is None or b[3] == gemeente]
    names = {b[0]: b[1] for b in buurten}
    liveability = {b[0]: b[4] for b in buurten}
    stored = s.execute(select(t.BuurtGeometryRow.buurt, t.BuurtGeometryRow.geometry,
                              t.BuurtGeometryRow.planar)).all()
    if stored:
        shapes = {code: json.loads(g) for code, g, _ in stored if code in names}
        return MapShapes(shapes, names, liveability, all(p for _, _, p in stored), True)
    # Synthetic: laid out over the whole region, so a gemeente keeps its place and shape.
    shapes = synthetic_shapes((b[0], b[2], b[3]) for b in everything)
    return MapShapes({code: shapes[code] for code in names}, names, liveability, True, False)
