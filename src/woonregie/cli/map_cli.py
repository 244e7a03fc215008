"""`woonregie kaart import FILE.geojson`: real CBS wijk/buurt boundaries for the dashboard's
and the report's map (without them the map is schematic: docs/dashboard.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from woonregie.cli.context import console, fail, operator, state
from woonregie.monitor.geometry import GeometryError
from woonregie.services import audit
from woonregie.services.geometry import import_geojson

map_app = typer.Typer(help="De kaart van de buurten: CBS-buurtgrenzen inlezen.",
                      no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(map_app, name="kaart")


MAX_BYTES = 500 * 1024 * 1024


@map_app.command("import")
def import_boundaries(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="GeoJSON-bestand (FeatureCollection) met "
                                              "buurtgrenzen, bijv. de CBS wijk- en buurtkaart "
                                              "van PDOK.")],
    code_field: Annotated[str | None, typer.Option(
        "--code-veld", help="Eigenschap met de buurtcode (standaard gezocht: buurtcode, "
                            "statcode, BU_CODE, code).")] = None,
) -> None:
    """Lees buurtgrenzen (GeoJSON) in: per buurtcode die het register kent de vorm, voor de
    kaart van het dashboard en het rapport; een eerdere vorm van die buurt wordt vervangen."""
    if path.stat().st_size > MAX_BYTES:
        fail(f"het bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB")
    try:
        with state(ctx).uow() as uow:
            result = import_geojson(uow, operator(), path, code_field)
            uow.commit()
            if result.stored:
                audit.checkpoint(uow)
    except GeometryError as e:
        fail(str(e))
        return
    system = "RD New (meters)" if result.planar else "WGS84 (graden)"
    console.print(f"{result.stored} buurtgrenzen opgeslagen ({system}).")
    if result.unknown:
        shown = ", ".join(result.unknown[:10]) + (" …" if len(result.unknown) > 10 else "")
        console.print(f"{len(result.unknown)} buurtcodes staan niet in het register en zijn "
                      f"overgeslagen: {shown}")
    if result.not_buurt or result.not_shape:
        console.print(f"Overgeslagen: {result.not_buurt} features zonder buurtcode (wijken, "
                      f"gemeenten), {result.not_shape} zonder vlak (Polygon/MultiPolygon).")
    if not result.stored:
        fail("geen enkele buurtgrens opgeslagen")
