"""`woonregie persons …` and `woonregie dwellings …`: read the register from the terminal,
through the same use cases (access, audit) as the API and the pages, as the operator."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from woonregie.cli.context import cells, console, fail, operator, state
from woonregie.domain.enums import DwellingStatus, Feature, HousingForm, SupportIntensity
from woonregie.domain.locale_nl import datum, euro
from woonregie.domain.model import Person
from woonregie.domain.vocabulary import label_of, labels
from woonregie.services.access import NotFound
from woonregie.services.dwellings import list_dwellings
from woonregie.services.persons import get_person, list_persons
from woonregie.services.retention import (
    DEFAULT_RETENTION_DAYS,
    ErasureRefused,
    erase_person,
    purge_closed,
)

persons_app = typer.Typer(help="Personen op de lijst.", no_args_is_help=True)
dwellings_app = typer.Typer(help="Woningen in het aanbod.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(persons_app, name="persons")
    app.add_typer(dwellings_app, name="dwellings")


@persons_app.command("list")
def persons_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Alleen deze status.")] = None,
    group: Annotated[str | None, typer.Option(help="Alleen deze doelgroep.")] = None,
    provider: Annotated[str | None, typer.Option(help="Alleen deze zorgaanbieder.")] = None,
    limit: Annotated[int, typer.Option(help="Maximaal aantal regels.")] = 50,
) -> None:
    """Lijst van personen (pseudoniem, doelgroep, status, wachttijd)."""
    today = state(ctx).clock.today()
    with state(ctx).uow() as uow:
        persons = list_persons(uow, operator(), status=status, target_group=group,
                               care_provider=provider, limit=limit).items
    table = Table("sleutel", "doelgroep", "status", "huishouden", "max. huur", "wachtdagen",
                  "zorgaanbieder")
    for p in persons:
        table.add_row(*cells(p.key, label_of(p.target_group), label_of(p.status),
                             p.household_size, euro(p.max_rent(today.year)),
                             p.waiting_days(today), p.care_provider))
    console.print(table)


@persons_app.command("show")
def persons_show(ctx: typer.Context, key: str) -> None:
    """Alle gegevens en de statusgeschiedenis van één persoon."""
    with state(ctx).uow() as uow:
        try:
            p = get_person(uow, operator(), key)
        except NotFound:
            fail(f"persoon {key} niet gevonden")
            return
    assert isinstance(p, Person)  # the operator's view is the whole record
    today = state(ctx).clock.today()
    key, name, group, status = cells(p.key, p.name, label_of(p.target_group),
                                     label_of(p.status))
    console.print(f"[bold]{key}[/] {name} — {group}, status [bold]{status}[/]")
    console.print(escape(
        f"huishouden {p.household_size}, inkomen {euro(p.annual_income, cents=False)}, "
        f"max. huur {euro(p.max_rent(today.year))}, prioriteit {p.priority}, "
        f"begeleiding: {label_of(p.support_intensity, SupportIntensity)} "
        f"(team {p.support_team or '-'})"
    ))
    console.print(escape(
        f"kenmerken nodig: {labels(p.required_features, Feature) or '-'}; "
        f"woonvormen: {labels(p.allowed_forms, HousingForm) or 'alle'}; "
        f"gebieden: {', '.join(p.acceptable_areas) or 'alle'}"
    ))
    table = Table("datum", "van", "naar", "door", "reden", title="Statusgeschiedenis")
    for t in p.history:
        table.add_row(*cells(datum(t.on), label_of(t.source) or "-", label_of(t.target), t.by,
                             t.reason))
    console.print(table)


@dwellings_app.command("list")
def dwellings_list(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="Alleen deze status.")] = None,
    corporation: Annotated[str | None, typer.Option(help="Alleen deze corporatie.")] = None,
    form: Annotated[str | None, typer.Option(help="Alleen deze woonvorm.")] = None,
    limit: Annotated[int, typer.Option(help="Maximaal aantal regels.")] = 50,
) -> None:
    """Lijst van woningen."""
    with state(ctx).uow() as uow:
        dwellings = list_dwellings(uow, operator(), status=status, corporation=corporation,
                                   housing_form=form, limit=limit).items
    table = Table("code", "corporatie", "buurt", "woonvorm", "huur", "kamers", "huishouden",
                  "status")
    for d in dwellings:
        table.add_row(*cells(d.code, d.corporation, d.buurt, label_of(d.housing_form),
                             euro(d.rent), d.rooms, f"{d.min_household}–{d.max_household}",
                             label_of(d.status, DwellingStatus)))
    console.print(table)


@persons_app.command("erase")
def persons_erase(
    ctx: typer.Context,
    key: str,
    reason: Annotated[str, typer.Option("--reason", help="Waarom (verzoek, besluit).")],
) -> None:
    """Verwijder één persoon op verzoek (recht op vergetelheid); wordt geaudit."""
    with state(ctx).uow() as uow:
        try:
            erase_person(uow, operator(), key, reason)
        except ErasureRefused as exc:
            fail(str(exc))
    console.print(f"Persoon {escape(key)} is verwijderd.")


@persons_app.command("purge")
def persons_purge(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(help="Bewaartermijn in dagen na afsluiten of uitschrijven.")
    ] = DEFAULT_RETENTION_DAYS,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Toon alleen het aantal.")] = False,
) -> None:
    """Verwijder afgesloten dossiers waarvan de bewaartermijn is verstreken."""
    with state(ctx).uow() as uow:
        keys = purge_closed(uow, operator(), uow.clock.today(), days, dry_run)
    verb = "zouden worden verwijderd" if dry_run else "verwijderd"
    console.print(f"{len(keys)} dossier(s) {verb} (bewaartermijn {days} dagen).")
