"""`woonregie monitor`: the figures of the monitor (docs/monitor.md) for a period, as Dutch
tables or, with --json, as the JSON contract of monitor-definitions.md."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import orjson
import typer
from rich.table import Table

from woonregie.cli.context import CliState, cells, console, fail, operator, state
from woonregie.domain.dutch_digits import grouped
from woonregie.domain.enums import TargetGroup
from woonregie.domain.errors import DomainError
from woonregie.domain.match import MatchStep
from woonregie.domain.status import PersonStatus
from woonregie.exchange.values import CellError, Day
from woonregie.monitor import Period
from woonregie.services.monitoring import (
    MonitorFigures,
    MonitorFilters,
    read_monitor,
    read_monitor_from,
)
from woonregie.store import plain_sql


def register(app: typer.Typer) -> None:
    app.command("monitor")(monitor)


def parse_day(raw: str, option: str) -> date:
    try:
        return Day().parse(raw.strip())
    except CellError as e:
        fail(f"{option}: {e} of DD-MM-JJJJ")
        raise  # unreachable: fail exits


def monitor(
    ctx: typer.Context,
    van: Annotated[str, typer.Option("--from", "--van", help="Begin van de periode (JJJJ-MM-DD "
                                     "of DD-MM-JJJJ), inclusief.")],
    tot: Annotated[str, typer.Option("--to", "--tot", help="Einde van de periode, inclusief.")],
    gemeente: Annotated[str | None, typer.Option(help="Alleen personen van deze gemeente "
                                                 "(code, bijv. GM0363).")] = None,
    doelgroep: Annotated[str | None, typer.Option(help="Alleen deze doelgroep (code).")] = None,
    corporatie: Annotated[str | None, typer.Option(help="Alleen verhuringen van deze "
                                                   "woningcorporatie (code).")] = None,
    zorgaanbieder: Annotated[str | None, typer.Option(help="Alleen cliënten van deze "
                                                      "zorgaanbieder (code).")] = None,
    rijen: Annotated[int, typer.Option(min=1, help="Hoeveel rijen de lange tabellen "
                                       "(contingent, buurten) tonen.")] = 25,
    as_json: Annotated[bool, typer.Option("--json", help="De cijfers als JSON "
                                          "(monitor-definitions.md).")] = False,
) -> None:
    """Monitorcijfers over een periode: instroom, uitstroom, stand, wachttijd, stagnatie,
    huurbehoud, terugval, contingent en concentratie per buurt."""
    try:
        period = Period(parse_day(van, "--from"), parse_day(tot, "--to"))
        filters = MonitorFilters(gemeente, doelgroep, corporatie, zorgaanbieder)
        figures = _figures(state(ctx), period, filters)
    except DomainError as e:
        fail(str(e))
        return
    if as_json:
        # orjson: the national contingent and buurt tables make a megabyte of JSON.
        typer.echo(orjson.dumps(figures.to_json(), option=orjson.OPT_INDENT_2).decode())
        return
    print_figures(figures, rijen)


def _figures(st: CliState, period: Period, filters: MonitorFilters) -> MonitorFigures:
    """The figures over a plain read connection when the database is there and migrated (no
    ORM, table mappings or pool to load: half the command's CPU), else through the store
    (which creates and migrates a new database first)."""
    plain = None if "engine" in vars(st) else plain_sql.connect(st.db)
    if plain is None:
        with st.uow() as uow:
            return read_monitor(uow, operator(), period, filters)
    try:
        return read_monitor_from(plain, operator(), period, filters)
    finally:
        plain.close()


def _n(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else grouped(value, decimals)


def _pct(value: float | None) -> str:
    return "–" if value is None else _n(value * 100, 1) + "%"


def print_figures(figures: MonitorFigures, rows: int = 25) -> None:
    f, p = figures.figures, figures.period
    console.print(f"[bold]Monitor {p.van:%d-%m-%Y} t/m {p.tot:%d-%m-%Y}[/]"
                  + "".join(f", {k} {v}" for k, v in figures.filters.to_json().items()))
    console.print(_flow_table(f))
    console.print(_stock_table(f, p.tot))
    console.print(_waiting_table(f, p.tot))
    console.print(_tenancy_table(f))
    console.print(_contingent_table(f["contingent"], rows))
    console.print(_concentration_table(f["concentratie"], rows))
    if "bemiddeling" in f:
        console.print(_workflow_table(f["bemiddeling"]))


def _flow_table(f: dict) -> Table:
    table = Table(title="Instroom en uitstroom per doelgroep")
    for name in ("Doelgroep", "Eerste instroom", "Instroom", "Gehuisvest", "Teruggevallen",
                 "Uitgeschreven"):
        table.add_column(name, justify="left" if name == "Doelgroep" else "right")
    out = f["uitstroom"]
    for code, label in [(str(g), g.label) for g in TargetGroup] + [("totaal", "Totaal")]:
        table.add_row(*cells(label, *(grouped(x) for x in (
            f["eerste_instroom"][code], f["instroom"][code], out["gehuisvest"][code],
            out["teruggevallen"][code], out["uitgeschreven"][code]))))
    return table


def _stock_table(f: dict, tot: date) -> Table:
    table = Table(title=f"Stand op {tot:%d-%m-%Y}")
    table.add_column("Status")
    table.add_column("Personen", justify="right")
    for status in PersonStatus:
        table.add_row(*cells(status.label, grouped(f["stand"][str(status)])))
    return table


def _waiting_table(f: dict, tot: date) -> Table:
    table = Table(title="Wachttijd in dagen (van uitstroomklaar tot gehuisvest)")
    for name in ("", "Aantal", "Mediaan", "P90", "Gemiddeld"):
        table.add_column(name, justify="left" if not name else "right")
    w = f["wachttijd"]
    rows = [("Gehuisvest in de periode", w)] + [
        (f"  {g.label}", w["per_doelgroep"][str(g)]) for g in TargetGroup]
    rows.append((f"Wachtend op {tot:%d-%m-%Y}", f["wachtend"]))
    for label, s in rows:
        table.add_row(*cells(label, grouped(s["aantal"]), _n(s["mediaan"]), _n(s["p90"]),
                             _n(s.get("gemiddeld"))))
    stag = f["stagnatie"]
    table.caption = (f"Stagnatie: {grouped(stag['aantal'])} personen wachten langer dan "
                     f"{stag['drempel_dagen']} dagen; {grouped(stag['geblokkeerde_dagen'])} "
                     "geblokkeerde BW/MO-plaatsdagen in de periode.")
    return table


def _tenancy_table(f: dict) -> Table:
    table = Table(title="Huurbehoud en terugval (eerste plaatsingen)")
    for name in ("Maat", "Universum", "Aandeel"):
        table.add_column(name, justify="left" if name == "Maat" else "right")
    for months, s in f["huurbehoud"].items():
        table.add_row(*cells(f"Huurbehoud na {months} maanden", grouped(s["aantal"]),
                             _pct(s["aandeel"])))
    t = f["terugval"]
    for key, label in (("0_180", "0–180"), ("181_365", "181–365"), ("366_730", "366–730"),
                       ("totaal", "binnen 730")):
        table.add_row(*cells(f"Terugval {label} dagen", grouped(t["aantal"]), _pct(t[key])))
    return table


def _contingent_table(rows: list[dict], limit: int) -> Table:
    table = Table(title="Contingent: gerealiseerd tegen afspraak")
    for name in ("Gemeente", "Corporatie", "Doelgroep", "Jaar", "Afspraak", "Gerealiseerd",
                 "Prognose jaareinde"):
        table.add_column(name, justify="right" if name in {"Jaar", "Afspraak", "Gerealiseerd",
                                                           "Prognose jaareinde"} else "left")
    for r in rows[:limit]:
        table.add_row(*cells(r["gemeente"], r["corporatie"], TargetGroup(r["doelgroep"]).label,
                             r["jaar"], grouped(r["afspraak"]), grouped(r["gerealiseerd"]),
                             _n(r["prognose"])))
    table.caption = _more(len(rows), limit, "afspraken")
    return table


def _concentration_table(rows: list[dict], limit: int) -> Table:
    table = Table(title="Concentratie: plaatsingen per buurt (meeste eerst)")
    for name in ("Buurt", "Naam", "Plaatsingen", "Aandeel plaatsingen", "Aandeel voorraad",
                 "Leefbaarheid"):
        table.add_column(name, justify="left" if name in {"Buurt", "Naam"} else "right")
    ordered = sorted(rows, key=lambda r: (-r["plaatsingen"], r["buurt"]))
    for r in ordered[:limit]:
        table.add_row(*cells(r["buurt"], r.get("naam", ""), grouped(r["plaatsingen"]),
                             _pct(r["aandeel_plaatsingen"]), _pct(r["aandeel_voorraad"]),
                             "–" if r["leefbaarheid"] is None else r["leefbaarheid"]))
    table.caption = _more(len(rows), limit, "buurten")
    return table


def _workflow_table(w: dict) -> Table:
    table = Table(title="Bemiddeling: dagen per stap, vastgelopen op de einddatum")
    for name in ("Stap", "Verlaten", "Mediaan", "P90", "Gemiddeld", "Vastgelopen"):
        table.add_column(name, justify="left" if name == "Stap" else "right")
    for code, s in w["dagen_per_stap"].items():
        table.add_row(*cells(MatchStep(code).label, grouped(s["aantal"]), _n(s["mediaan"]),
                             _n(s["p90"]), _n(s["gemiddeld"]),
                             grouped(w["vastgelopen"]["per_stap"].get(code, 0))))
    d = w["weigeringen"]
    reasons = ", ".join(f"{code} {grouped(n)}" for code, n in d["per_reden"].items()) or "geen"
    table.caption = (f"Weigeringen: {grouped(d['totaal'])} (per reden: {reasons}); "
                     f"ingetrokken: {grouped(d['ingetrokken'])}.")
    return table


def _more(total: int, limit: int, what: str) -> str | None:
    if total == 0:
        return f"Geen {what} in deze periode."
    return f"{grouped(total - limit)} {what} meer: zie --json." if total > limit else None
