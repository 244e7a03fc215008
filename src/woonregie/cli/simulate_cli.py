"""`woonregie simulate run|compare|backtest`: scenario planning on the command line.

Replications run on a Dask `LocalCluster` of worker processes by default (`--workers N`, `0`
for this process only) or on a running cluster (`--scheduler tcp://HOST:PORT`); a Rich
progress bar counts them. `--json` prints the per-replication and summary figures
(docs/simulate.md).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from woonregie.cli.context import cells, console, fail, operator, state

simulate_app = typer.Typer(help="Scenario's doorrekenen (simulatie).", no_args_is_help=True)

Years = Annotated[int, typer.Option(help="Aantal jaren vooruit.", min=1, max=30)]
Runs = Annotated[int, typer.Option(help="Aantal replicaties (Monte Carlo).", min=1, max=10_000)]
Seed = Annotated[int, typer.Option(help="Startgetal: dezelfde seed geeft dezelfde uitkomst.")]
Json = Annotated[bool, typer.Option("--json", help="Uitkomst als JSON (docs/simulate.md).")]
Scheduler = Annotated[
    str | None,
    typer.Option(help="Dask-scheduler van een draaiend cluster, zoals tcp://host:8786."),
]
Workers = Annotated[
    int | None,
    typer.Option(help="Lokale werkprocessen (Dask LocalCluster); 0 = alles in dit proces. "
                 "Standaard: het aantal processorkernen."),
]


def register(app: typer.Typer) -> None:
    app.add_typer(simulate_app, name="simulate")


@simulate_app.command("run")
def run_cmd(ctx: typer.Context, scenario: Path, years: Years = 5, runs: Runs = 200,
            seed: Seed = 1, as_json: Json = False, scheduler: Scheduler = None,
            workers: Workers = None) -> None:
    """Reken één scenario door: gehuisvesten per jaar, wachttijd, stagnatie, geblokkeerde
    BW/MO-beddagen en huurbehoud, elk met een onzekerheidsband (5e–95e percentiel)."""
    results = _run(ctx, [scenario], years, runs, seed, scheduler, workers, as_json)
    if as_json:
        _print_json(results, years, runs, seed, with_replications=True)
    else:
        _table(results, years, runs)


@simulate_app.command("compare")
def compare_cmd(ctx: typer.Context, scenarios: list[Path], years: Years = 5, runs: Runs = 100,
                seed: Seed = 1, html: Annotated[Path | None, typer.Option(
                    help="Schrijf ook een HTML-pagina met grafieken.")] = None,
                as_json: Json = False, scheduler: Scheduler = None,
                workers: Workers = None) -> None:
    """Zet scenario's naast elkaar (dezelfde toevalsgetallen voor elk scenario)."""
    results = _run(ctx, scenarios, years, runs, seed, scheduler, workers, as_json)
    if as_json:
        _print_json(results, years, runs, seed, with_replications=False)
    else:
        _table(results, years, runs)
    if html is not None:
        from woonregie.simulate.report import comparison_page

        html.write_text(comparison_page(_named(results), years, runs, seed), encoding="utf-8")
        if not as_json:
            console.print(f"Vergelijking geschreven naar {html}")


def _run(ctx, paths: list[Path], years: int, runs: int, seed: int, scheduler, workers,
         quiet: bool):
    from woonregie.services import simulation as sim
    from woonregie.simulate import build
    from woonregie.simulate.scenario import ScenarioError, load

    try:
        files = [load(p) for p in paths]
        sources = {f.source for f in files}
        if len(sources) > 1:
            fail("de scenario's noemen verschillende regio's ([regio]); vergelijk alleen "
                 "scenario's van één regio")
        st = state(ctx)
        region, on = sim.load_region(files[0].source, st.uow, operator())
        base = build.calibrated(region, on, on)
        for f in files:
            build.check(f.scenario, base[1], base[2], f.path)
    except ScenarioError as e:
        fail(str(e), 2)
    executor = _executor(scheduler, workers, runs * len(files))
    total = runs * len(files)
    with executor, Progress(TextColumn("{task.description}"), BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                            transient=True, disable=quiet) as bar:
        task = bar.add_task("Replicaties", total=total)
        return sim.run_scenarios(files, base, 12 * years, runs, seed, executor,
                                 lambda done, _n: bar.update(task, completed=done))


def _executor(scheduler: str | None, workers: int | None, tasks: int):
    from woonregie.services import simulation as sim

    if scheduler:
        return sim.Dask(scheduler=scheduler)
    n = (os.cpu_count() or 1) if workers is None else workers
    if n <= 0 or tasks == 1:
        return sim.InProcess()
    return sim.Dask(workers=min(n, tasks))


def _print_json(results, years: int, runs: int, seed: int, with_replications: bool) -> None:
    out = {"jaren": years, "replicaties": runs, "seed": seed,
           "scenarios": [r.to_json(with_replications) for r in results]}
    typer.echo(json.dumps(out, ensure_ascii=False, indent=2, allow_nan=False))


def _named(results) -> list[tuple[str, dict]]:
    return [(r.file.scenario.title, r.summary) for r in results]


def _table(results, years: int, runs: int) -> None:
    from woonregie.simulate.report import rows

    title = f"{years} jaar, {runs} replicaties: mediaan [5e–95e percentiel]"
    table = Table("kengetal", *[r.file.scenario.title for r in results], title=title)
    for label, values in rows(_named(results), years):
        table.add_row(*cells(label, *values))
    console.print(table)


@simulate_app.command("backtest")
def backtest_cmd(ctx: typer.Context,
                 months: Annotated[int, typer.Option(help="Zoveel maanden terug beginnen.",
                                                     min=3, max=120)] = 24,
                 runs: Runs = 20, seed: Seed = 1,
                 database: Annotated[bool, typer.Option(
                     "--database", help="Het register van --db in plaats van de voorbeeldregio."
                 )] = False,
                 scale: Annotated[float, typer.Option(help="Schaal van de voorbeeldregio.",
                                                      min=0.01, max=100)] = 1.0,
                 region_seed: Annotated[int, typer.Option(help="Seed van de voorbeeldregio.")
                                        ] = 1,
                 as_json: Json = False, scheduler: Scheduler = None,
                 workers: Workers = None) -> None:
    """Reken vanaf de stand van MONTHS maanden geleden door en vergelijk uitstroom, wachttijd
    en lijst per maand met wat er werkelijk gebeurde (fout per kengetal)."""
    from woonregie.services import simulation as sim
    from woonregie.simulate.backtest import LABELS
    from woonregie.simulate.scenario import Source

    source = Source("database" if database else "voorbeeld", region_seed, scale)
    region, on = sim.load_region(source, state(ctx).uow, operator())
    executor = _executor(scheduler, workers, runs)
    with executor, Progress(TextColumn("{task.description}"), BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                            transient=True, disable=as_json) as bar:
        task = bar.add_task("Replicaties", total=runs)
        start, found = sim.backtest(region, on, months, runs, seed, executor,
                                    lambda done, _n: bar.update(task, completed=done))
    if as_json:
        typer.echo(json.dumps({"start": start.isoformat(), "maanden": months, "replicaties": runs,
                               "seed": seed, "kengetallen": {f.key: f.to_json() for f in found}},
                              ensure_ascii=False, indent=2))
        return
    table = Table("kengetal", "fout (MAPE)", "grens", "binnen band", "binnen de grens",
                  title=f"Backtest vanaf {start:%d-%m-%Y}: {months} maanden, {runs} replicaties")
    for f in found:
        table.add_row(*cells(LABELS[f.key], f"{f.error:.1f} %", f"{f.bound:.0f} %",
                             f"{f.covered:.0f} % van de maanden",
                             "ja" if f.error <= f.bound else "NEE"))
    console.print(table)
