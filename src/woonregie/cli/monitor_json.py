"""The fast path of `woonregie [--db URL] monitor --from D --to D [filters] --json`.

The JSON contract is what dashboards, scripts and other organisations' tools read; they run
the command once per answer, so its start-up is most of what they wait for. Typer, Click, Rich
and the pydantic-backed parameter adapters cost more than half a second of imports (measured
with `python -X importtime`); this path reads the arguments itself and loads only the monitor
(services/monitoring.py over a plain DB-API connection, store/plain_sql.py).

It answers only when everything is in order: exactly these options, dates it can read, a
database that exists and is migrated, filters that name something. Anything else (help, a
typo, an unknown code, a database to create) returns None and the Typer command runs as ever,
with its Dutch messages — so the two can never disagree on what they refuse.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date

_OPTIONS = {"--from": "van", "--van": "van", "--to": "tot", "--tot": "tot",
            "--gemeente": "gemeente", "--doelgroep": "doelgroep", "--corporatie": "corporatie",
            "--zorgaanbieder": "zorgaanbieder"}


@dataclass(frozen=True, slots=True)
class MonitorArgs:
    db: str | None
    van: date
    tot: date
    gemeente: str | None = None
    doelgroep: str | None = None
    corporatie: str | None = None
    zorgaanbieder: str | None = None


def parse(argv: list[str]) -> MonitorArgs | None:
    """The arguments (after the program name) when they are exactly a JSON monitor request this
    path answers, else None."""
    args, values, db = iter(argv), {}, None
    for arg in args:
        name, eq, value = arg.partition("=")
        if name == "--db" and "command" not in values:
            db = value if eq else next(args, None)
            if db is None:
                return None
        elif name == "monitor" and not eq and "command" not in values:
            values["command"] = "monitor"
        elif name == "--json" and not eq and "command" in values:
            values["json"] = "ja"
        elif name in _OPTIONS and "command" in values and _OPTIONS[name] not in values:
            found = value if eq else next(args, None)
            if found is None or found.startswith("-"):
                return None
            values[_OPTIONS[name]] = found
        else:
            return None
    if not {"command", "json", "van", "tot"} <= values.keys():
        return None
    van, tot = _day(values["van"]), _day(values["tot"])
    if van is None or tot is None:
        return None
    return MonitorArgs(db, van, tot, values.get("gemeente"), values.get("doelgroep"),
                       values.get("corporatie"), values.get("zorgaanbieder"))


def _day(raw: str) -> date | None:
    from woonregie.domain.locale_nl import NotDutch, parse_date

    try:
        return parse_date(raw.strip())
    except NotDutch:
        return None


def run(argv: list[str]) -> int | None:
    """Print the figures as `woonregie monitor --json` does and return 0, or None when the
    Typer command must answer (see the module's docstring)."""
    args = parse(argv)
    if args is None:
        return None
    import orjson

    from woonregie.cli.operator import operator
    from woonregie.domain.errors import DomainError
    from woonregie.monitor.calendar import Period
    from woonregie.services.monitoring import MonitorFilters, read_monitor_from
    from woonregie.store import plain_sql

    try:
        period = Period(args.van, args.tot)
    except DomainError:
        return None
    plain = plain_sql.connect(args.db)
    if plain is None:
        return None
    filters = MonitorFilters(args.gemeente, args.doelgroep, args.corporatie, args.zorgaanbieder)
    try:
        figures = read_monitor_from(plain, operator(), period, filters)
    except DomainError:
        return None
    finally:
        plain.close()
    out = orjson.dumps(figures.to_json(), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    return 0
