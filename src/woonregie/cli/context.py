"""Shared command-line state: which database, the Rich consoles."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from woonregie.cli.operator import operator
from woonregie.domain.clock import SYSTEM_CLOCK, Clock

if TYPE_CHECKING:  # loaded on first use: `woonregie monitor` reads without them
    from sqlalchemy import Engine

    from woonregie.store.unit_of_work import UnitOfWork

console = Console()
err_console = Console(stderr=True)


@dataclass
class CliState:
    """`db`: the database (`--db`); `clock`: where commands take "today" and "now" from (the
    system clock; a test gives a FakeClock through `CliRunner.invoke(..., obj=CliState(...))`)."""

    db: str | None = None
    clock: Clock = SYSTEM_CLOCK

    @cached_property
    def engine(self) -> Engine:
        from woonregie.store.db import make_engine

        return make_engine(self.db)

    def uow(self) -> UnitOfWork:
        """A unit of work on an up-to-date schema (migrations run on first use)."""
        from woonregie.store.unit_of_work import UnitOfWork

        return UnitOfWork(self.migrated(), self.clock)

    def migrated(self) -> Engine:
        """The engine, on an up-to-date schema (migrations run on first use)."""
        from woonregie.store.schema import is_initialised, upgrade

        if not is_initialised(self.engine):
            upgrade(self.engine)
        return self.engine


def state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def cells(*values: object) -> list[str]:
    """Values for a Rich table row or message, with markup escaped: data (a name like
    `[/bold]`, a reason) is shown as typed and can never break or restyle the output."""
    return [escape(str(v)) for v in values]


def fail(message: str, code: int = 1) -> None:
    """Print a Dutch error (escaped: it may quote user input) and exit with `code`."""
    err_console.print(f"[bold red]Fout:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)


__all__ = ["CliState", "cells", "console", "err_console", "fail", "operator", "state"]
