"""`woonregie match` and `woonregie instance generate`: the matching engine on the command line.

`register(app)` is called by cli/main.py (owned by the store/CLI work). Invalid instances print a
Dutch message naming the JSON path on stderr and exit with code 2.

Only typer is imported up front: the engine (numpy, OR-Tools) loads when a command runs, so that
`woonregie match --instance` pays for nothing else (cli/main.py registers only this module then).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import typer

from woonregie.cli.instance_match import (
    InstanceFileError,
    policy_error,
    read_instance,
)

EXIT_INVALID = 2

instance_app = typer.Typer(help="Matchinginstanties (JSON) maken.", no_args_is_help=True)


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(EXIT_INVALID)


def _read(path: Path) -> dict:
    try:
        return read_instance(path)
    except InstanceFileError as exc:
        raise _fail(str(exc)) from exc


def _print_table(result) -> None:
    typer.echo(
        f"Beleid: {result.policy}; gehuisvest: {result.housed}; "
        f"niet gehuisvest: {len(result.unassigned)}; totale fit: {result.total_fit}"
    )
    for a in result.assignments:
        typer.echo(f"  {a.rank:>5}  {a.candidate} -> {a.dwelling}  (fit {a.fit})")
    for u in result.unassigned:
        typer.echo(f"  -----  {u.candidate}: {', '.join(u.codes)}")
        for reason in u.reasons:
            typer.echo(f"           {reason}")


def match(
    ctx: typer.Context,
    instance: Path = typer.Option(None, "--instance", help="Instantiebestand (JSON)."),
    as_json: bool = typer.Option(False, "--json", help="Resultaat als JSON."),
    policy: str = typer.Option("optimal", "--policy", help="optimal of per_vacancy."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Laat de ronde zien, sla niets op."),
    export_instance: Path = typer.Option(
        None, "--export-instance", help="Schrijf de ronde uit de database als instantiebestand."
    ),
    on: datetime = typer.Option(
        None, "--date", formats=["%Y-%m-%d"], help="Peildatum (JJJJ-MM-DD); standaard vandaag."
    ),
) -> None:
    """Voer een matchingronde uit (uit een instantiebestand of uit de database)."""
    if policy_error(policy):
        raise _fail(policy_error(policy))
    if instance is None:
        from woonregie.cli.round_cli import database_round

        database_round(
            ctx,
            policy=policy,
            as_json=as_json,
            dry_run=dry_run,
            export_instance=export_instance,
            on=on.date() if on else None,
        )
        return
    from woonregie.matching.engine import solve
    from woonregie.matching.instance import InstanceError, load_instance

    try:
        round_ = load_instance(_read(instance))
    except InstanceError as exc:
        raise _fail(str(exc)) from exc
    result = solve(round_, policy)
    if as_json:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.dumpb())
        sys.stdout.buffer.flush()
    else:
        _print_table(result)


@instance_app.command("generate")
def generate(
    people: int = typer.Option(..., "--people", min=0, help="Aantal kandidaten."),
    dwellings: int = typer.Option(..., "--dwellings", min=0, help="Aantal woningen."),
    areas: int = typer.Option(..., "--areas", min=1, help="Aantal buurten."),
    seed: int = typer.Option(0, "--seed", help="Toevalszaad (zelfde zaad, zelfde instantie)."),
    team_caps: bool = typer.Option(
        True, "--team-caps/--no-team-caps", help="Capaciteit van begeleidingsteams meenemen."
    ),
    out: Path = typer.Option(..., "--out", help="Uitvoerbestand (JSON)."),
    rents: str = typer.Option(
        "limits",
        "--rents",
        help="limits: maximale huur volgt de grenzen van passend toewijzen; individual: "
        "individuele maximale huren en willekeurige zoekgebieden; rents: individuele maximale "
        "huren, gekalibreerde zoekgebieden.",
    ),
) -> None:
    """Maak een gekalibreerde willekeurige instantie."""
    from woonregie.matching.generate import RENT_VARIANTS, generate_instance

    if rents not in RENT_VARIANTS:
        raise _fail(f"Onbekende huurvariant {rents!r}; kies uit: {', '.join(RENT_VARIANTS)}.")
    data = generate_instance(people, dwellings, areas, seed, team_caps, rents=rents)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    typer.echo(f"Instantie geschreven naar {out}: {people} kandidaten, {dwellings} woningen.")


def register(app: typer.Typer) -> None:
    """Add `match` and the `instance` sub-app to the main Woonregie CLI."""
    app.command("match")(match)
    app.add_typer(instance_app, name="instance")
