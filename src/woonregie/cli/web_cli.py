"""`woonregie serve`, `woonregie users …`, `woonregie tokens …`, `woonregie audit …`."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.markup import escape
from rich.table import Table

from woonregie.cli.context import cells, console, fail, operator, state
from woonregie.cli.jobs_cli import start_worker, stop_worker
from woonregie.services import accounts, audit
from woonregie.services import audit_anchor as anchor
from woonregie.services.access import Role
from woonregie.store.unit_of_work import UnitOfWork

T = TypeVar("T")

users_app = typer.Typer(help="Gebruikers: toevoegen, tonen, blokkeren.", no_args_is_help=True)
tokens_app = typer.Typer(help="API-tokens voor koppelingen.", no_args_is_help=True)
audit_app = typer.Typer(help="Het auditlog controleren en exporteren.", no_args_is_help=True)



def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.add_typer(audit_app, name="audit")


def _account_change(ctx: typer.Context, change: Callable[[UnitOfWork], T]) -> T:
    """Run one change to users or tokens in its own transaction; an AccountError ends the
    command with its Dutch message and nothing is written."""
    with state(ctx).uow() as uow:
        try:
            result = change(uow)
        except accounts.AccountError as exc:
            fail(str(exc))
            raise  # fail() exits; this line only tells type checkers so
        uow.commit()
    return result


def _exit_on_sigterm(_signum: int, _frame: object) -> None:
    raise SystemExit(0)


def default_workers() -> int:
    """WEB_CONCURRENCY when set (the convention of uvicorn and gunicorn), else one worker per
    CPU: each worker is one process with its own event loop, thread pool and connection pool."""
    configured = os.environ.get("WEB_CONCURRENCY", "")
    return int(configured) if configured.isdigit() and int(configured) > 0 else (
        os.cpu_count() or 1)


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Poort.")] = 8000,
    workers: Annotated[int | None, typer.Option(
        min=1, help="Aantal werkprocessen (standaard WEB_CONCURRENCY, anders één per CPU).")
    ] = None,
    forwarded_allow_ips: Annotated[str | None, typer.Option(
        help="Adressen van de reverse proxy waarvan X-Forwarded-For/-Proto vertrouwd worden "
             "(standaard WOONREGIE_TRUSTED_PROXIES, anders alleen 127.0.0.1 en ::1).")] = None,
    jobs_worker: Annotated[bool, typer.Option(
        "--jobs-worker/--no-jobs-worker",
        help="Start een werkproces voor achtergrondtaken (matchingsrondes) naast de server; "
             "uit als 'woonregie jobs worker' elders draait.")] = True,
) -> None:
    """Start de webapplicatie en de API (http://HOST:PORT, API onder /api/v1)."""
    from woonregie.app import run

    st = state(ctx)
    st.uow()  # runs migrations when the database is new, once, before the workers start
    n = workers or default_workers()
    console.print(f"Woonregie draait op http://{host}:{port} met {n} werkproces(sen) "
                  "(stoppen met Ctrl+C)")
    url = st.engine.url.render_as_string(hide_password=False)
    worker = start_worker(url) if jobs_worker else None
    # uvicorn re-raises SIGTERM after its graceful shutdown; as an exception (not the default
    # "terminate") it lets the finally below stop the job worker too.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        run(url, host, port, n, forwarded_allow_ips)
    finally:
        if worker is not None:
            stop_worker(worker)


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    username: str,
    role: Annotated[str, typer.Option(help=f"Rol: {', '.join(Role)}.")],
    organisation: Annotated[str, typer.Option("--org", help="Code van de organisatie.")],
    name: Annotated[str, typer.Option(help="Weergavenaam.")] = "",
    invite: Annotated[bool, typer.Option(
        "--invite", help="Geen wachtwoord zetten: de gebruiker kiest het zelf via een "
        "uitnodigingslink (aanbevolen).")] = False,
    password: Annotated[str | None, typer.Option(
        help="Wachtwoord (anders gevraagd, tenzij --invite).")] = None,
) -> None:
    """Voeg een gebruiker toe (één organisatie, één rol). Bedoeld voor de eerste beheerder van
    een organisatie; daarna maakt die beheerder de accounts van de eigen organisatie. Wordt
    vastgelegd in het auditlog."""
    if invite:
        password = None
    elif password is None:
        password = typer.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True)
    user, link = _account_change(ctx, lambda uow: accounts.create_account(
        uow, operator(), username, role, organisation, name, password))
    console.print(escape(f"Gebruiker {user.username} ({user.role}, {user.organisation}) "
                         "toegevoegd."))
    if link is not None:
        _print_link(link)


@users_app.command("reset")
def users_reset(ctx: typer.Context, username: str) -> None:
    """Maak een herstellink waarmee de gebruiker zelf een nieuw wachtwoord kiest."""
    link = _account_change(ctx, lambda uow: accounts.issue_link(
        uow, operator(), username, accounts.LinkPurpose.RESET))
    _print_link(link)


def _print_link(link: accounts.IssuedLink) -> None:
    console.print(f"Link ({link.purpose}, geldig tot {link.expires_at:%d-%m-%Y %H:%M} UTC, "
                  "één keer te gebruiken; geef hem aan de gebruiker, hij wordt niet opnieuw "
                  "getoond):")
    typer.echo(link.path)


@users_app.command("list")
def users_list(ctx: typer.Context) -> None:
    """Toon alle gebruikers."""
    with state(ctx).uow() as uow:
        users = accounts.list_users(uow)
    table = Table("gebruikersnaam", "naam", "rol", "organisatie", "actief")
    for u in users:
        table.add_row(*cells(u.username, u.display_name, u.role, u.organisation,
                             "ja" if u.active else "nee"))
    console.print(table)


@users_app.command("disable")
def users_disable(ctx: typer.Context, username: str) -> None:
    """Blokkeer een gebruiker; lopende sessies vervallen direct."""
    _account_change(ctx, lambda uow: accounts.set_active(uow, operator(), username, False))
    console.print(f"Gebruiker {escape(username)} geblokkeerd.")


@users_app.command("enable")
def users_enable(ctx: typer.Context, username: str) -> None:
    """Deblokkeer een gebruiker."""
    _account_change(ctx, lambda uow: accounts.set_active(uow, operator(), username, True))
    console.print(f"Gebruiker {escape(username)} gedeblokkeerd.")


@tokens_app.command("create")
def tokens_create(
    ctx: typer.Context,
    username: str,
    name: Annotated[str, typer.Option(help="Waarvoor het token dient.")] = "",
) -> None:
    """Maak een API-token voor een gebruiker; het token wordt één keer getoond."""
    issued = _account_change(
        ctx, lambda uow: accounts.create_token(uow, operator(), username, name))
    console.print(f"Token {issued.id} (bewaar het nu, het wordt niet opnieuw getoond):")
    typer.echo(issued.secret)


@tokens_app.command("revoke")
def tokens_revoke(ctx: typer.Context, token_id: int) -> None:
    """Trek een API-token in."""
    _account_change(ctx, lambda uow: accounts.revoke_token(uow, operator(), token_id))
    console.print(f"Token {token_id} ingetrokken.")


@audit_app.command("verify")
def audit_verify(
    ctx: typer.Context,
    directory: Annotated[Path | None, typer.Option(
        "--dir", help="Map met checkpoints (anders zoals bij 'audit checkpoint').")] = None,
) -> None:
    """Controleer de hashketen, de handtekeningen en de checkpoints buiten de database; noemt
    de eerste gebroken regel, en ook een ingekort of herberekend log."""
    with state(ctx).uow() as uow:
        result = audit.verify(uow, checkpoint_dir=directory)
    if not result.ok:
        fail(result.message(), code=2)
    console.print(result.message())


@audit_app.command("checkpoint")
def audit_checkpoint(
    ctx: typer.Context,
    directory: Annotated[Path | None, typer.Option(
        "--dir", help=f"Map voor checkpoints (anders {anchor.CHECKPOINTS_ENV} of "
        ".woonregie/checkpoints); buiten bereik van de databasebeheerder.")] = None,
) -> None:
    """Schrijf een ondertekend checkpoint van het einde van het auditlog (aantal regels en
    laatste hash) buiten de database, bijvoorbeeld elk uur vanuit cron."""
    if directory is not None:
        os.environ[anchor.CHECKPOINTS_ENV] = str(directory)
    with state(ctx).uow() as uow:
        point = audit.checkpoint(uow)
    if point is None:
        console.print("Het auditlog is leeg; geen checkpoint nodig.")
        return
    console.print(escape(f"Checkpoint bij regel {point.seq} geschreven: {point.path}"))


@audit_app.command("export")
def audit_export(ctx: typer.Context) -> None:
    """Schrijf het hele auditlog als JSON Lines naar stdout (de export wordt zelf gelogd)."""
    with state(ctx).uow() as uow:
        for entry in audit.export(uow, operator(Role.AUDITOR)):
            typer.echo(json.dumps(entry, ensure_ascii=False))
