"""`woonregie init` and `woonregie status`."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from woonregie.cli.context import console, state
from woonregie.services.audit_anchor import ensure_key
from woonregie.services.overview import Overview, region_overview
from woonregie.store.schema import upgrade


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("status")(status)


def init(ctx: typer.Context) -> None:
    """Maak de database aan of werk het schema bij (Alembic-migraties), en maak een
    ontwikkelsleutel voor het auditlog als WOONREGIE_AUDIT_KEY en het sleutelbestand ontbreken."""
    st = state(ctx)
    upgrade(st.engine)
    console.print(f"Database bijgewerkt: {st.engine.url.render_as_string(hide_password=True)}")
    _, created = ensure_key()
    if created is not None:
        console.print(escape(f"Sleutel voor het auditlog aangemaakt: {created} (bewaar hem buiten "
                             "de database; zet in productie WOONREGIE_AUDIT_KEY)."))


def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Machineleesbare JSON.")] = False,
) -> None:
    """Aantallen personen per doelgroep × status en woningen per woonvorm × status."""
    with state(ctx).uow() as uow:
        overview = region_overview(uow)
    if as_json:
        typer.echo(json.dumps(overview.to_json(), indent=2, ensure_ascii=False))
        return
    print_overview(overview)


def _table(title: str, grid: dict[str, dict[str, int]], first: str) -> Table:
    columns = list(next(iter(grid.values())).keys()) if grid else []
    table = Table(title=title, show_footer=True)
    table.add_column(first, footer="totaal")
    for c in columns:
        table.add_column(c, justify="right", footer=str(sum(row[c] for row in grid.values())))
    table.add_column("totaal", justify="right",
                     footer=str(sum(sum(r.values()) for r in grid.values())))
    for name, row in grid.items():
        table.add_row(name, *(str(row[c]) for c in columns), str(sum(row.values())))
    return table


def print_overview(overview: Overview) -> None:
    console.print(_table("Personen per doelgroep en status", overview.persons, "doelgroep"))
    console.print(_table("Woningen per woonvorm en status", overview.dwellings, "woonvorm"))
