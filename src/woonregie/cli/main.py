"""Entry point: `woonregie [--db URL] COMMAND`. Command groups live in their own modules."""

from __future__ import annotations

from typing import Annotated

import typer

from woonregie.cli import (
    exchange_cli,
    match_cli,
    register_cli,
    sample_cli,
    status_cli,
    web_cli,
)
from woonregie.cli.context import CliState

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
    ctx.obj = CliState(db=db)


for module in (status_cli, register_cli, sample_cli, exchange_cli, match_cli, web_cli):
    module.register(app)

if __name__ == "__main__":
    app()
