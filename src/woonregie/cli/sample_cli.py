"""`woonregie sample`: fill an empty database with a fictional but realistic region."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from woonregie.cli.context import console, fail, state
from woonregie.domain.dutch_digits import grouped
from woonregie.domain.enums import DwellingStatus
from woonregie.domain.model import Region
from woonregie.domain.status import ACTIVE
from woonregie.sample import generate_region
from woonregie.services.accounts import create_demo_users
from woonregie.services.region import after_bulk_load, is_empty, write_region


def register(app: typer.Typer) -> None:
    app.command("sample")(sample)


NOT_EMPTY = (
    "de database bevat al een regio (gebieden of personen). Een voorbeeldregio wordt alleen in "
    "een lege database geschreven; kies een andere --db of gebruik --if-empty."
)


def sample(
    ctx: typer.Context,
    seed: Annotated[int, typer.Option(help="Startgetal: dezelfde seed geeft dezelfde regio.")] = 1,
    scale: Annotated[
        float,
        typer.Option(
            help="Grootte: 1 = één centrumgemeente met omliggende gemeenten, 50 ≈ landelijk.",
            min=0.01,
            max=100.0,
        ),
    ] = 1.0,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Niets doen als de database al een regio bevat.")
    ] = False,
    today: Annotated[
        datetime | None,
        typer.Option(
            "--today",
            formats=["%Y-%m-%d"],
            help="Peildatum (JJJJ-MM-DD) waarop de geschiedenis eindigt; standaard vandaag.",
        ),
    ] = None,
) -> None:
    """Bouw een fictieve, realistische voorbeeldregio (sample region) in de database."""
    st = state(ctx)
    with st.uow() as uow:
        empty = is_empty(uow)
    if not empty:
        if if_empty:
            console.print("De database bevat al een regio; er is niets toegevoegd.")
            return
        fail(NOT_EMPTY)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        started = time.perf_counter()
        building = bar.add_task("Regio bouwen", total=None)
        region = generate_region(
            seed,
            scale,
            today.date() if today else st.clock.today(),
            progress=lambda label, done, total: bar.update(
                building, description=f"Bouwen: {label}", completed=done, total=total
            ),
        )
        built = time.perf_counter()
        writing = bar.add_task("Wegschrijven", total=_records(region))
        with st.uow() as uow:
            if not is_empty(uow):  # someone filled it meanwhile: still never mix two regions
                fail(NOT_EMPTY)
            write_region(
                uow,
                region,
                progress=lambda label, n: bar.update(
                    writing, description=f"Wegschrijven: {label}", advance=n
                ),
            )
            create_demo_users(uow, region)
            uow.commit()
            after_bulk_load(uow, _records(region))
        written = time.perf_counter()
    _summary(region, seed, scale, built - started, written - built)


def _records(region: Region) -> int:
    return (
        len(region.areas)
        + len(region.organisations)
        + len(region.dwellings)
        + len(region.persons)
        + len(region.agreements)
    )


def _summary(region: Region, seed: int, scale: float, build_s: float, write_s: float) -> None:
    levels = Counter(str(a.level) for a in region.areas)
    kinds = Counter(str(o.kind) for o in region.organisations)
    free = sum(d.status == DwellingStatus.VRIJ for d in region.dwellings)
    active = sum(p.status in ACTIVE for p in region.persons)
    table = Table("onderdeel", "aantal", title=f"Voorbeeldregio (seed {seed}, schaal {scale:g})")
    for label, n in (
        ("gemeenten", levels["gemeente"]),
        ("wijken", levels["wijk"]),
        ("buurten", levels["buurt"]),
        ("woningcorporaties", kinds["woningcorporatie"]),
        ("zorgaanbieders", kinds["zorgaanbieder"]),
        ("ambulante teams", len(region.support_teams)),
        ("complexen", len(region.complexes)),
        ("woningen", len(region.dwellings)),
        ("  waarvan vrij", free),
        ("personen", len(region.persons)),
        ("  waarvan nog op de lijst", active),
        ("statuswijzigingen", sum(len(p.history) for p in region.persons)),
        ("contingentafspraken", len(region.agreements)),
    ):
        table.add_row(label, grouped(n))
    console.print(table)
    console.print(f"Gebouwd in {build_s:.1f} s, weggeschreven in {write_s:.1f} s.")
