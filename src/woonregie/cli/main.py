"""Entry point: `woonregie [--db URL] COMMAND`. Command groups live in their own modules."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

app = typer.Typer(
    name="woonregie",
    help="Woonregie: register, matching en monitor voor huisvesting van aandachtsgroepen.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database-URL of SQLite-bestand (of WOONREGIE_DATABASE_URL)."),
    ] = None,
) -> None:
    if _instance_match(sys.argv):
        return  # no database: keep its layer unimported (see below)
    from woonregie.cli.context import CliState

    given = ctx.obj if isinstance(ctx.obj, CliState) else CliState()
    ctx.obj = CliState(db=db, clock=given.clock)  # a test's clock (invoke(obj=...)) stays


def _instance_match(argv: list[str]) -> bool:
    """`woonregie match --instance FILE ...` needs no database, web stack or password hashing:
    then only the matching commands are loaded (1.5 s of imports less per run)."""
    return (
        len(argv) > 1
        and argv[1] == "match"
        and any(a == "--instance" or a.startswith("--instance=") for a in argv[2:])
    )


def _command(argv: list[str]) -> str | None:
    """The command word after the global options (`woonregie --db X monitor …` → monitor)."""
    args, i = argv[1:], 0
    while i < len(args):
        if args[i] == "--db":
            i += 2
        elif args[i].startswith("-"):
            i += 1
        else:
            return args[i]
    return None


if _instance_match(sys.argv):
    from woonregie.cli import match_cli

    match_cli.register(app)
elif _command(sys.argv) == "monitor":
    # Aggregates only: no import/export, accounts or web stack to load (a second off each run).
    from woonregie.cli import monitor_cli

    monitor_cli.register(app)
else:
    from woonregie.cli import (
        analysis_cli,
        exchange_cli,
        jobs_cli,
        match_cli,
        monitor_cli,
        register_cli,
        sample_cli,
        simulate_cli,
        status_cli,
        web_cli,
    )

    modules = [status_cli, register_cli, sample_cli, exchange_cli, match_cli, monitor_cli,
               web_cli, simulate_cli, analysis_cli, jobs_cli]
    # slot: workflow

    # slot: dashboard

    # slot: dutch

    # slot: simulate

    # slot: other

    for module in modules:
        module.register(app)

if __name__ == "__main__":
    app()
