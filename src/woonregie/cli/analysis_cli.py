"""`woonregie analyse`: the woonzorganalyse per wijk as tables, and as an Excel workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table as RichTable

from woonregie.cli.context import cells, console, operator, state
from woonregie.domain.locale_nl import NotDutch, parse_date
from woonregie.monitor.tables import Table, analysis_tables, dutch
from woonregie.services.analysis import woonzorganalyse
from woonregie.services.table_files import write_workbook


def register(app: typer.Typer) -> None:
    app.command("analyse")(analyse)


def analyse(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", min=2000, max=2100,
                                      help="Jaar van de analyse.")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="Schrijf ook een Excel-werkmap (.xlsx), één blad per tabel.")] = None,
    on: Annotated[str | None, typer.Option(
        "--peildatum", help="Peildatum DD-MM-JJJJ (standaard: vandaag, of 31-12 van een "
                            "voorbij jaar).")] = None,
) -> None:
    """Woonzorganalyse per wijk: vraag (wachtenden en verwachte instroom) tegenover aanbod
    (vrijkomende woningen en contingenten), het verschil per wijk en woonvorm, en de spreiding
    van plaatsingen tegenover de sociale voorraad."""
    peildatum = _date(on) if on else None
    with state(ctx).uow() as uow:
        analysis = woonzorganalyse(uow, operator(), year, peildatum)
    tables = analysis_tables(analysis)
    for table in tables:
        console.print(rich_table(table))
    if out is not None:
        write_workbook(tables, out)
        console.print(f"Werkmap geschreven: {out}")


def _date(text: str) -> date:
    try:
        return parse_date(text)  # 31-12-2026 as a Dutch person types it, or ISO
    except NotDutch as exc:
        raise typer.BadParameter(str(exc), param_hint="--peildatum") from None


def rich_table(table: Table) -> RichTable:
    """A table of figures for the terminal: numbers right-aligned, Dutch notation."""
    out = RichTable(title=table.title, caption=table.note or None)
    numeric = [any(isinstance(r[i], int | float) for r in table.rows)
               for i in range(len(table.headers))]
    for header, is_number in zip(table.headers, numeric, strict=True):
        out.add_column(header, justify="right" if is_number else "left")
    for row in table.rows:
        out.add_row(*cells(*(dutch(v) for v in row)))
    return out
