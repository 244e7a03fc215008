"""`woonregie report`: the monitor's report over a year — a self-contained HTML page (charts
inline as SVG), its PDF and a workbook with every row — with a progress bar while it runs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from woonregie.cli.context import console, fail, operator, state
from woonregie.domain.errors import DomainError
from woonregie.services.monitoring import MonitorFilters
from woonregie.services.report import STEPS, write_report


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def report(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", "--jaar", min=1900, max=2199,
                                      help="Jaar van het rapport (1 januari tot en met 31 "
                                           "december, of tot vandaag).")],
    out: Annotated[Path, typer.Option("--out", help="Map voor de bestanden (HTML, PDF, "
                                      "Excel); wordt zo nodig gemaakt.")],
    gemeente: Annotated[str | None, typer.Option(help="Alleen deze gemeente (code).")] = None,
    doelgroep: Annotated[str | None, typer.Option(help="Alleen deze doelgroep (code).")] = None,
    corporatie: Annotated[str | None, typer.Option(help="Alleen deze corporatie.")] = None,
    zorgaanbieder: Annotated[str | None, typer.Option(help="Alleen deze zorgaanbieder.")] = None,
) -> None:
    """Rapport van de monitor over een jaar: een HTML-pagina die zonder netwerk opent
    (grafieken ingebed), dezelfde pagina als PDF, en alle tabellen als Excel-werkmap."""
    filters = MonitorFilters(gemeente, doelgroep, corporatie, zorgaanbieder)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    started = time.perf_counter()
    try:
        with Progress(*columns, console=console, transient=True) as bar, \
                state(ctx).uow() as uow:
            task = bar.add_task("Rapport", total=STEPS + 8)

            def step(description: str) -> None:
                bar.update(task, description=description, advance=1)

            files = write_report(uow, operator(), year, out, filters, step)
            bar.update(task, completed=bar.tasks[0].total)
    except DomainError as e:
        fail(str(e))
        return
    console.print(f"Rapport geschreven in {time.perf_counter() - started:.1f} s:")
    for path in (files.html, files.pdf, files.workbook):
        console.print(f"  {path}")
