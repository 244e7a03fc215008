"""`woonregie match` without `--instance`: a matching round on the region in the database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from woonregie.cli.context import cells, console, fail, operator, state
from woonregie.services import round_jobs
from woonregie.services.instance_export import export_instance as instance_export
from woonregie.services.jobs import JobRefused
from woonregie.services.matching_rounds import RoundConflict


def database_round(
    ctx: typer.Context,
    *,
    policy: str,
    as_json: bool,
    dry_run: bool,
    export_instance: Path | None,
    on: date | None,
) -> None:
    """Run (or with `dry_run` only show) a round over the uitstroomklaar persons."""
    st = state(ctx)
    today = on or st.clock.today()
    if export_instance is not None:
        exported = instance_export(st.uow(), operator(), today)
        export_instance.write_text(exported.text + "\n", encoding="utf-8")
        console.print(escape(
            f"Instantie geschreven naar {export_instance}: {exported.candidates} kandidaten, "
            f"{exported.dwellings} woningen ({exported.excluded} uitstroomklaar zonder team)."
        ))
        return
    try:
        outcome = round_jobs.run_here(st.migrated(), st.clock, operator(), policy=policy,
                                      dry_run=dry_run, today=today)
    except (RoundConflict, JobRefused) as exc:
        fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(outcome.to_json(), ensure_ascii=False, indent=1))
        return
    _print(outcome.to_json(), dry_run)


def _print(result: dict, dry_run: bool) -> None:
    title = "Proefronde (niets opgeslagen)" if dry_run else f"Ronde {result['round']} opgeslagen"
    table = Table("rang", "persoon", "woning", "fit", "waarom", title=title)
    for a in result["assignments"]:
        table.add_row(*cells(a.get("rank", ""), a["candidate"], a["dwelling"], a.get("fit", ""),
                             "; ".join(a.get("reasons", []))))
    console.print(table)
    unhoused = Table("persoon", "codes", "waarom niet", title="Niet gehuisvest")
    for u in result["unassigned"]:
        unhoused.add_row(*cells(u["candidate"], ", ".join(u.get("codes", [])),
                                " ".join(u.get("reasons", []))))
    console.print(unhoused)
    console.print(
        f"Beleid {result['policy']}: {result['housed']} gehuisvest, "
        f"{len(result['unassigned'])} niet gehuisvest."
    )
