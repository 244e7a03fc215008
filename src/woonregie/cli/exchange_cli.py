"""`woonregie import`, `woonregie export` and `woonregie template`: exchange files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from woonregie.cli.context import console, err_console, fail, operator, state
from woonregie.domain.dutch_digits import grouped
from woonregie.exchange.layouts import LAYOUTS
from woonregie.exchange.limits import ReadLimits
from woonregie.exchange.template_files import copy_templates
from woonregie.services.exports import (
    KEY_ENV,
    PseudonymKeyMissing,
    export_region,
    export_targets,
    pseudonym_key_from_env,
)
from woonregie.services.imports import ImportReport, import_files


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("export")(export_command)
    app.command("template")(template_command)


def import_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(
        help="Map met CSV-bestanden (gebieden.csv, …), CSV-bestanden of .xlsx-werkmappen.")],
    check_only: Annotated[bool, typer.Option(
        "--check", help="Alleen controleren, niets opslaan.")] = False,
    max_rows: Annotated[int | None, typer.Option(
        help=f"Hoogstens zoveel rijen (standaard {ReadLimits().max_rows:_}).", min=1)] = None,
    max_cells: Annotated[int | None, typer.Option(
        help=f"Hoogstens zoveel cellen (standaard {ReadLimits().max_cells:_}).", min=1)] = None,
    max_problems: Annotated[int | None, typer.Option(
        help=f"Toon hoogstens zoveel problemen (standaard {ReadLimits().max_problems}).",
        min=1)] = None,
) -> None:
    """Lees gebieden, organisaties, teams, complexen, woningen, personen, statushistorie en
    afspraken in, en cijfers per buurt: CBS Kerncijfers wijken en buurten en Leefbaarometer
    (CSV zoals gedownload; kolommen op titel herkend). Alles of niets: bij één fout wordt
    niets opgeslagen."""
    limits = ReadLimits.from_env(max_rows=max_rows, max_cells=max_cells,
                                 max_problems=max_problems)
    report = import_files(state(ctx).uow(), paths, actor=operator(), dry_run=check_only,
                          limits=limits)
    for warning in report.warnings:
        err_console.print(f"[yellow]Let op:[/] {escape(warning)}", highlight=False)
    if not report.ok:
        print_problems(report)
        raise typer.Exit(1)
    verb = "opgeslagen" if report.written else "gecontroleerd, niets opgeslagen"
    console.print(_counts_table(f"Ingelezen en {verb}", report.counts))


def print_problems(report: ImportReport) -> None:
    total = grouped(report.problem_count)
    table = Table("bestand", "rij", "kolom", "probleem",
                  title=f"{total} problemen; er is niets opgeslagen")
    for p in report.problems:
        table.add_row(escape(p.file), str(p.row or ""), escape(p.column or ""), escape(p.message))
    err_console.print(table)
    if report.omitted:
        err_console.print(f"… en nog {grouped(report.omitted)} problemen (niet getoond; "
                          f"de eerste {grouped(len(report.problems))} staan hierboven).")


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table("soort", "aantal", title=title)
    for name in LAYOUTS:
        table.add_row(name, str(counts.get(name, 0)))
    for name in set(counts) - set(LAYOUTS):  # CBS Kerncijfers, Leefbaarometer
        table.add_row(name, str(counts[name]))
    return table


def export_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(
        help="Map (csv) of .xlsx-bestand om naar te schrijven.")],
    fmt: Annotated[str | None, typer.Option(
        "--format", help="csv of xlsx (standaard: xlsx als PATH op .xlsx eindigt).")] = None,
    pseudonymise: Annotated[bool, typer.Option(
        "--pseudonymise", help=f"Sleutels als pseudoniem (HMAC met {KEY_ENV}), "
        "zonder namen: voor analyse.")] = False,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Bestaande bestanden overschrijven.")] = False,
) -> None:
    """Schrijf alle gegevens in de importindeling. Let op: bevat persoonsgegevens, tenzij
    --pseudonymise."""
    chosen = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    if chosen not in ("csv", "xlsx"):
        fail(f"onbekend formaat '{chosen}'; kies csv of xlsx")
    existing = [p for p in export_targets(path, chosen) if p.exists()]  # type: ignore[arg-type]
    if existing and not overwrite:
        fail(f"{existing[0]} bestaat al; gebruik --overwrite om te overschrijven")
    key = None
    if pseudonymise:
        try:
            key = pseudonym_key_from_env()
        except PseudonymKeyMissing as exc:
            fail(str(exc))
    result = export_region(state(ctx).uow(), path, chosen, actor=operator(),  # type: ignore[arg-type]
                           pseudonym_key=key)
    console.print(_counts_table("Geëxporteerd", result.counts))
    for written in result.paths:
        console.print(f"  {escape(str(written))}")
    if not pseudonymise and result.counts.get("personen"):
        console.print("[yellow]Deze export bevat persoonsgegevens: bewaar en deel hem zo.[/]")


def template_command(
    directory: Annotated[Path, typer.Argument(help="Map voor de lege sjablonen.")],
) -> None:
    """Schrijf lege invulsjablonen: een Excel-werkmap met één blad per soort (en een blad
    'toelichting') en een CSV-bestand met kopregel per soort."""
    for written in copy_templates(directory):
        console.print(f"  {escape(str(written))}")
