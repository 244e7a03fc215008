"""The monitor's reads: compact columns straight from SQL (monitor/records.py), no ORM objects.

At national scale the monitor reads every status change (700,000 rows). One Python tuple per
row would cost more than every figure together, so each column comes back as ONE string the
database builds (`group_concat` in SQLite, `string_agg` in PostgreSQL) and numpy parses in C:
codes become small integers in SQL (CASE), dates proleptic ordinals, and the status changes
of all persons in scope arrive packed into one integer each, ordered by person and seq.

Persons are not numbered in SQL (PostgreSQL has no rowid): persons and their changes are read
in the same key order, and a person's changes start where `seq` does not increase (every
history starts at seq 0). The number of starts is checked against the persons read; a history
that does not fit that shape makes `history` fall back to reading person keys row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from woonregie.monitor.records import (
    GROUPS,
    NO_STATUS,
    OPEN_END,
    STATUSES,
    AgreementRecord,
    BuurtRecord,
    History,
    Placements,
)
from woonregie.monitor.workflow import DECLINES, STEP_CODE, STEPS, MatchSteps
from woonregie.store import monitor_steps, monitor_stock, monitor_summary
from woonregie.store import plain_sql as sql

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from woonregie.store.plain_sql import Plain

_DATE_BITS = 20  # ordinals up to 1,048,575 (the year 2870)
_CODE_BITS = 4


@dataclass(frozen=True, slots=True)
class PersonScope:
    """Which persons the figures count: responsible gemeente (the gemeente of the person's
    zorgaanbieder), target group, zorgaanbieder. None = no restriction."""

    gemeente: str | None = None
    target_group: str | None = None
    care_provider: str | None = None

    def where(self, alias: str = "p") -> tuple[str, dict[str, Any]]:
        parts, params = ["1 = 1"], {}
        if self.gemeente is not None:
            parts.append(f"{alias}.care_provider IN (SELECT code FROM organisations "
                         "WHERE gemeente = :scope_gemeente)")
            params["scope_gemeente"] = self.gemeente
        if self.target_group is not None:
            parts.append(f"{alias}.target_group = :scope_group")
            params["scope_group"] = self.target_group
        if self.care_provider is not None:
            parts.append(f"{alias}.care_provider = :scope_provider")
            params["scope_provider"] = self.care_provider
        return " AND ".join(parts), params

    @property
    def everyone(self) -> bool:
        return self.gemeente is None and self.target_group is None and self.care_provider is None


def _case(column: str, codes: tuple[str, ...], default: int) -> str:
    whens = " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(codes))
    return f"(CASE {column} {whens} ELSE {default} END)"


def _ordinal(session: Session | Plain, column: str) -> str:
    if sql.dialect(session) == "postgresql":
        return f"({column} - DATE '0001-01-01' + 1)"
    return f"CAST(julianday({column}) - 1721424.5 AS INTEGER)"


def _ints(found: str | None) -> np.ndarray:
    if not found:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(found, dtype=np.int64, sep=",")  # parsed in C: 10× a split


def _aggregate(session: Session | Plain, values: list[str], source: str, order: str | None,
               separators: tuple[str, ...] | None = None) -> str:
    """A SELECT of one string per value: that value of every row, in `order` (None: in the
    order the database reads the rows, the same for every value of one SELECT — PostgreSQL
    would sort the rows once per value)."""
    seps = separators or ("','",) * len(values)
    if sql.dialect(session) == "postgresql":
        by = f" ORDER BY {order}" if order else ""
        parts = ", ".join(f"string_agg(({v})::text, {sep}{by})"
                          for v, sep in zip(values, seps, strict=True))
        return f"SELECT {parts} FROM {source}"
    # SQLite aggregates in the order of the subquery.
    inner = ", ".join(f"{v} AS v{i}" for i, v in enumerate(values))
    parts = ", ".join(f"group_concat(v{i}, {sep})" for i, sep in enumerate(seps))
    by = f" ORDER BY {order}" if order else ""
    return f"SELECT {parts} FROM (SELECT {inner} FROM {source}{by})"


KEY_SEPARATOR = "\x1f"  # unit separator: a control character, never part of a key


def persons(session: Session, scope: PersonScope,
            with_keys: bool = True) -> tuple[np.ndarray, list[str]]:
    """Target group codes and (when asked) keys of the persons in scope, in key order: the
    order in which `history` numbers them."""
    where, params = scope.where()
    values, seps = [_case("p.target_group", tuple(map(str, GROUPS)), 0)], ["','"]
    if with_keys:
        values.append("p.key")
        seps.append("chr(31)" if sql.dialect(session) == "postgresql" else "char(31)")
    found = sql.one(session, _aggregate(session, values, f"persons p WHERE {where}",
                                        "p.key", tuple(seps)), params)
    keys = found[1].split(KEY_SEPARATOR) if with_keys and found[1] else []
    return _ints(found[0]), keys


def _packed_change(session: Session | Plain, with_seq: bool) -> str:
    day = _ordinal(session, "t.on_date")
    target = _case("t.target", tuple(map(str, STATUSES)), 15)
    source = _case("t.source", tuple(map(str, STATUSES)), 15)
    seq = f"CAST(t.seq AS BIGINT) * {1 << _DATE_BITS} + " if with_seq else ""
    return f"(({seq}{day}) * 16 + {target}) * 16 + {source}"


def history(session: Session, scope: PersonScope, groups: np.ndarray) -> History:
    """The status changes of the persons in scope (`groups` from `persons`), as columns."""
    where, params = scope.where()
    inside = ("" if scope.everyone
              else f" WHERE t.person IN (SELECT p.key FROM persons p WHERE {where})")
    q = _aggregate(session, [_packed_change(session, True)], f"status_transitions t{inside}",
                   "t.person, t.seq")
    rows = _ints(sql.scalar(session, q, params))
    seq = rows >> (_DATE_BITS + 2 * _CODE_BITS)
    starts = np.ones(len(rows), dtype=bool)
    starts[1:] = seq[1:] <= seq[:-1]
    if int(starts.sum()) != len(groups):
        return _history_by_key(session, scope, groups)
    return _unpack(groups, np.cumsum(starts) - 1, rows)


def _unpack(groups: np.ndarray, person: np.ndarray, rows: np.ndarray) -> History:
    source = rows & 15
    source[source == 15] = NO_STATUS
    return History(groups=groups, person=person, source=source, target=(rows >> 4) & 15,
                   day=(rows >> 8) & ((1 << _DATE_BITS) - 1))


def _history_by_key(session: Session, scope: PersonScope, groups: np.ndarray) -> History:
    """The general path: person keys per change (slower; for histories of another shape)."""
    where, params = scope.where()
    index = {k: i for i, k in enumerate(persons(session, scope)[1])}
    rows = sql.rows(
        session, f"SELECT t.person, {_packed_change(session, False)} FROM status_transitions t "
        f"JOIN persons p ON p.key = t.person WHERE {where} ORDER BY t.person, t.seq", params)
    person = np.fromiter((index[k] for k, _ in rows), dtype=np.int64, count=len(rows))
    packed = np.fromiter((v for _, v in rows), dtype=np.int64, count=len(rows))
    return _unpack(groups, person, packed)


def placements(session: Session, scope: PersonScope, keys: list[str] | None,
               attributes_from: date, only_recent: bool = False) -> Placements:
    """Placements of the persons in scope, numbered by `keys` (from `persons`; None: not
    numbered, person -1). Corporation, gemeente, buurt and group are read only for placements
    starting on or after `attributes_from` (contingent and concentration look no further
    back); earlier ones get empty strings, or with `only_recent` are not read at all."""
    where, params = scope.where()
    conditions = [] if scope.everyone else [
        f"x.person IN (SELECT p.key FROM persons p WHERE {where})"]
    if only_recent:
        conditions.append("x.start_date >= :attributes_from")
    inside = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    sep = "chr(31)" if sql.dialect(session) == "postgresql" else "char(31)"
    recent = "x.start_date >= :attributes_from"
    texts = [f"CASE WHEN {recent} THEN x.{c} ELSE '' END"
             for c in ("corporation", "gemeente", "buurt", "target_group")]
    q = _aggregate(session, ["x.person", *texts, _ordinal(session, "x.start_date"),
                             f"COALESCE({_ordinal(session, 'x.end_date')}, -1)"],
                   f"placements x{inside}", "x.id", (sep,) * 5 + ("','", "','"))
    found = sql.one(session, q, params | {"attributes_from": attributes_from})
    if not found[0]:
        return Placements(*[np.zeros(0, dtype=np.int64)] * 3)
    people, corporation, gemeente, buurt, group = (v.split(KEY_SEPARATOR) for v in found[:5])
    index = {k: i for i, k in enumerate(keys or ())}
    person = np.fromiter((index.get(k, -1) for k in people), dtype=np.int64, count=len(people))
    end = _ints(found[6])
    end[end < 0] = OPEN_END
    out = Placements(person, _ints(found[5]), end, corporation, gemeente, buurt, group)
    keep = person >= 0
    return out if keys is None or keep.all() else _subset(out, keep)


def _subset(p: Placements, keep: np.ndarray) -> Placements:
    return p.take(np.flatnonzero(keep))


def agreements(session: Session, first_year: int, last_year: int) -> list[AgreementRecord]:
    rows = sql.rows(session, "SELECT gemeente, corporation, target_group, year, dwellings "
                    "FROM agreements WHERE year BETWEEN :a AND :b",
                    {"a": first_year, "b": last_year})
    return [AgreementRecord(*r) for r in rows]


def buurten(session: Session, gemeente: str | None, corporation: str | None) -> list[BuurtRecord]:
    """Buurten with their corporation stock (dwellings in the register), within `gemeente`
    (buurt → wijk → gemeente) and counting only `corporation`'s dwellings when given."""
    params: dict[str, Any] = {}
    dwelling_filter = ""
    if corporation is not None:
        dwelling_filter = " WHERE d.corporation = :corporation"
        params["corporation"] = corporation
    area_filter = ""
    if gemeente is not None:
        area_filter = (" AND a.parent IN (SELECT code FROM areas WHERE parent = :gemeente)")
        params["gemeente"] = gemeente
    rows = sql.rows(
        session, "SELECT a.code, COALESCE(s.n, 0), a.liveability, a.name FROM areas a LEFT JOIN "
        f"(SELECT d.buurt AS buurt, count(*) AS n FROM dwellings d{dwelling_filter} "
        f"GROUP BY d.buurt) s ON s.buurt = a.code WHERE a.level = 'buurt'{area_filter}", params)
    return [BuurtRecord(code, int(n), live, name) for code, n, live, name in rows]


def _reason(session: Session | Plain) -> str:
    """The decline reason code the workflow records in a step change's details ('' without)."""
    if "details" not in sql.columns(session, "match_transitions"):
        return "''"
    if sql.dialect(session) == "postgresql":
        return "COALESCE(CAST(mt.details AS json) ->> 'reason_code', '')"
    return "COALESCE(json_extract(mt.details, '$.reason_code'), '')"


def _step_packed(session: Session | Plain) -> str:
    return (f"(CAST(mt.seq AS BIGINT) * {1 << _DATE_BITS} + {_ordinal(session, 'mt.on_date')})"
            f" * 16 + {_case('mt.target', tuple(map(str, STEPS)), 15)}")


def match_steps(session: Session | Plain, scope: PersonScope) -> MatchSteps:
    """The step changes of the matches of persons in scope, as columns in match and seq order
    (a match's changes start where seq does not increase: every history starts at 0), with
    the decline reason code the workflow records in the change's details.

    The reasons are read apart, for the declines only (a few in a hundred changes): a JSON
    lookup on every change cost more than the rest of the read. Both reads list the declines
    in the same order; should a write between them (READ COMMITTED) make them differ, the
    changes and their reasons are read again in one statement."""
    where, params = scope.where()
    source = "match_transitions mt" if scope.everyone else (
        "match_transitions mt WHERE mt.match_key IN (SELECT m.key FROM matches m JOIN persons p "
        f"ON p.key = m.person WHERE {where})")
    order = "mt.match_key, mt.seq"
    rows = _ints(sql.scalar(session, _aggregate(session, [_step_packed(session)], source, order),
                            params))
    declines = ", ".join(f"'{d}'" for d in DECLINES)
    found = sql.scalar(session, _aggregate(
        session, [_reason(session)],
        f"{source} {'AND' if 'WHERE' in source else 'WHERE'} mt.target IN ({declines})", order,
        (_separator(session),)), params)
    reasons = found.split(KEY_SEPARATOR) if found is not None else []
    at = np.flatnonzero(np.isin(rows & 15, [STEP_CODE[d] for d in DECLINES]))
    if len(at) != len(reasons):
        return _match_steps_together(session, source, order, params)
    reason = [""] * len(rows)
    for i, code in zip(at.tolist(), reasons, strict=True):
        reason[i] = code
    return _steps_of(rows, reason)


def _match_steps_together(session: Session | Plain, source: str, order: str,
                          params: dict[str, Any]) -> MatchSteps:
    """`match_steps` in one statement (a JSON lookup per change: slower, one snapshot)."""
    found = sql.one(session, _aggregate(session, [_step_packed(session), _reason(session)],
                                        source, order, ("','", _separator(session))), params)
    return _steps_of(_ints(found[0]), found[1].split(KEY_SEPARATOR) if found[1] is not None
                     else [])


def _steps_of(rows: np.ndarray, reason: list[str]) -> MatchSteps:
    seq = rows >> (_DATE_BITS + _CODE_BITS)
    starts = np.ones(len(rows), dtype=bool)
    starts[1:] = seq[1:] <= seq[:-1]
    return MatchSteps(match=np.cumsum(starts) - 1, target=rows & 15,
                      day=(rows >> _CODE_BITS) & ((1 << _DATE_BITS) - 1), reason=reason)


def step_deadlines(session: Session | Plain) -> dict[str, int | None]:
    """The region's step deadlines (table step_deadlines of the workflow), {} without it."""
    if not sql.has_table(session, "step_deadlines"):
        return {}
    return {step: days for step, days in sql.rows(session,
                                                  "SELECT step, days FROM step_deadlines")}


# The whole region, for the process cache (store/monitor_cache.py): read once per data
# version, then every period and filter is cut from it in numpy (services/monitoring.py).


@dataclass(slots=True)
class RegionPersons:
    """Every person in key order (the order `history` numbers them): key, target group code
    and zorgaanbieder (index into `providers`)."""

    keys: list[str]
    groups: np.ndarray
    provider: np.ndarray
    providers: list[str]
    _index: dict[str, int] | None = None

    def index(self) -> dict[str, int]:
        """Each key's position (made once: placements and match steps both number by it)."""
        if self._index is None:
            self._index = dict(zip(self.keys, range(len(self.keys)), strict=True))
        return self._index


def _split(found: str | None) -> list[str]:
    return found.split(KEY_SEPARATOR) if found else []


def _coded(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Strings as indexes into their sorted distinct values."""
    names = sorted(set(values))
    code = {v: i for i, v in enumerate(names)}
    return np.fromiter(map(code.__getitem__, values), dtype=np.int64, count=len(values)), names


def region_persons(session: Session | Plain) -> RegionPersons:
    sep = _separator(session)
    found = sql.one(session, _aggregate(
        session, [_case("p.target_group", tuple(map(str, GROUPS)), 0), "p.key",
                  "p.care_provider"], "persons p", "p.key", ("','", sep, sep)))
    provider, providers = _coded(_split(found[2]))
    return RegionPersons(_split(found[1]), _ints(found[0]), provider, providers)


def region_summary(session: Session | Plain) -> tuple[RegionPersons, History] | None:
    """Every person and their status changes from the database's compact copy
    (store/monitor_summary.py): one scan of a row per person, in the table's own order (the
    figures do not depend on how persons are numbered). None without a usable copy."""
    if not monitor_summary.usable(session):
        return None
    postgres = sql.dialect(session) == "postgresql"
    agg, sep = ("string_agg", "chr(31)") if postgres else ("group_concat", "char(31)")
    cast = "::text" if postgres else ""
    found = sql.one(session, f"SELECT {agg}(person, {sep}), {agg}(target_group{cast}, ','), "
                    f"{agg}(care_provider, {sep}), {agg}(changes{cast}, ','), "
                    f"{agg}(CASE WHEN changes > 0 THEN history END, ',') "
                    f"FROM {monitor_summary.TABLE}")
    keys, counts, rows = _split(found[0]), _ints(found[3]), _ints(found[4])
    if len(counts) != len(keys) or int(counts.sum()) != len(rows):
        return None
    provider, providers = _coded(_split(found[2]))
    persons = RegionPersons(keys, _ints(found[1]), provider, providers)
    person = np.repeat(np.arange(len(keys), dtype=np.int64), counts)
    source = rows & 15
    source[source == monitor_summary.NO_SOURCE] = NO_STATUS
    return persons, History(groups=persons.groups, person=person, source=source,
                            target=(rows >> 4) & 15, day=rows >> 8)


def _separator(session: Session | Plain) -> str:
    return "chr(31)" if sql.dialect(session) == "postgresql" else "char(31)"


def region_history(session: Session | Plain, persons: RegionPersons) -> History:
    """Every status change, numbered by `persons` (see `history`)."""
    return history(session, PersonScope(), persons.groups)


def region_placements(session: Session | Plain, persons: RegionPersons) -> Placements:
    """Every placement with all its attributes, numbered by `persons`, in the order the
    database reads them (no figure depends on the order of the placements)."""
    sep = "chr(31)" if sql.dialect(session) == "postgresql" else "':sep'"
    q = _aggregate(session, ["x.person", "x.corporation", "x.gemeente", "x.buurt",
                             "x.target_group", _ordinal(session, "x.start_date"),
                             f"COALESCE({_ordinal(session, 'x.end_date')}, -1)"],
                   "placements x", None, (sep,) * 5 + ("','", "','"))
    found = sql.one(session, q.replace("':sep'", ":sep"), {"sep": KEY_SEPARATOR})
    if not found[0]:
        return Placements(*[np.zeros(0, dtype=np.int64)] * 3)
    people, corporation, gemeente, buurt, group = (v.split(KEY_SEPARATOR) for v in found[:5])
    index = persons.index()
    end = _ints(found[6])
    end[end < 0] = OPEN_END
    return Placements(np.fromiter(map(index.__getitem__, people), dtype=np.int64,
                                  count=len(people)),
                      _ints(found[5]), end, corporation, gemeente, buurt, group)


def region_steps(session: Session | Plain, persons: RegionPersons) -> tuple[MatchSteps, np.ndarray]:
    """Every match step change (see `match_steps`) and, per change, its person's index: from the
    database's compact copy (store/monitor_steps.py) when it has a usable one."""
    found = _steps_summary(session, persons) if monitor_steps.usable(session) else None
    return found if found is not None else _region_steps(session, persons)


def _steps_summary(session: Session | Plain,
                   persons: RegionPersons) -> tuple[MatchSteps, np.ndarray] | None:
    """The steps from `monitor_matches`: one scan of a row per match, in the table's own order
    (the figures do not depend on how matches are numbered). None when the rows do not add
    up (their reasons, or a person the read of the persons did not see)."""
    postgres = sql.dialect(session) == "postgresql"
    agg, sep = ("string_agg", "chr(31)") if postgres else ("group_concat", "char(31)")
    cast = "::text" if postgres else ""
    found = sql.one(session, f"SELECT {agg}(person, {sep}), {agg}(changes{cast}, ','), "
                    f"{agg}(CASE WHEN changes > 0 THEN history END, ','), {agg}(reasons, {sep}) "
                    f"FROM {monitor_steps.TABLE}")
    people, counts, rows = _split(found[0]), _ints(found[1]), _ints(found[2])
    reasons = found[3].split(KEY_SEPARATOR) if found[3] is not None else []
    index = persons.index()
    per_match = np.fromiter(map(index.get, people, repeat(-1)), dtype=np.int64, count=len(people))
    if len(counts) != len(people) or int(counts.sum()) != len(rows) or (per_match < 0).any():
        return None
    target = rows & 15
    at = np.flatnonzero(np.isin(target, [STEP_CODE[d] for d in DECLINES]))
    if len(at) != len(reasons):
        return None
    reason = [""] * len(rows)
    for i, code in zip(at.tolist(), reasons, strict=True):
        reason[i] = code
    match = np.repeat(np.arange(len(people), dtype=np.int64), counts)
    return MatchSteps(match=match, target=target, day=rows >> 4, reason=reason), per_match[match]


def _region_steps(session: Session | Plain,
                  persons: RegionPersons) -> tuple[MatchSteps, np.ndarray]:
    """Every match step change read from `match_transitions`.

    The persons come from the matches in key order (the order the changes are read in), one
    per match with changes, not from a join per change; should their number not be the
    number of matches the changes start (a write in between), each change's person is read."""
    steps = match_steps(session, PersonScope())
    found = sql.scalar(session, _aggregate(
        session, ["m.person"], "matches m WHERE EXISTS (SELECT 1 FROM match_transitions t "
        "WHERE t.match_key = m.key)", "m.key", (_separator(session),)))
    index = persons.index()
    people = _split(found)
    count = int(steps.match[-1]) + 1 if len(steps.match) else 0
    if len(people) != count:
        found = sql.scalar(session, _aggregate(
            session, ["m.person"], "match_transitions mt JOIN matches m ON m.key = mt.match_key",
            "mt.match_key, mt.seq", (_separator(session),)))
        return steps, np.fromiter((index[k] for k in _split(found)), dtype=np.int64)
    per_match = np.fromiter((index[k] for k in people), dtype=np.int64, count=count)
    return steps, per_match[steps.match]


def providers_of(session: Session | Plain, gemeente: str) -> list[str]:
    """The zorgaanbieders seated in `gemeente` (whose clients it is responsible for)."""
    return [r[0] for r in sql.rows(session, "SELECT code FROM organisations WHERE gemeente = :g",
                                   {"g": gemeente})]


@dataclass(slots=True)
class RegionStock:
    """Every buurt (code, gemeente, liveability, name) and the register's dwellings per buurt
    and corporation: `buurten` for any gemeente and corporation without another scan of the
    dwellings (337,000 at national scale)."""

    areas: list[tuple[str, str | None, int | None, str]]
    dwellings: dict[tuple[str, str], int]
    made: dict[tuple[str | None, str | None], list[BuurtRecord]] = field(default_factory=dict)

    def buurten(self, gemeente: str | None, corporation: str | None) -> list[BuurtRecord]:
        key = (gemeente, corporation)
        if key not in self.made:
            self.made[key] = self._buurten(gemeente, corporation)
        return self.made[key]

    def _buurten(self, gemeente: str | None, corporation: str | None) -> list[BuurtRecord]:
        per_buurt: dict[str, int] = {}
        for (buurt, owner), n in self.dwellings.items():
            if corporation is None or owner == corporation:
                per_buurt[buurt] = per_buurt.get(buurt, 0) + n
        return [BuurtRecord(code, per_buurt.get(code, 0), live, name)
                for code, seat, live, name in self.areas
                if gemeente is None or seat == gemeente]


def region_stock(session: Session | Plain) -> RegionStock:
    """The buurten and the dwellings per buurt and corporation (kept by the database,
    store/monitor_stock.py, or counted now)."""
    areas = sql.rows(session, "SELECT a.code, w.parent, a.liveability, a.name FROM areas a "
                     "LEFT JOIN areas w ON w.code = a.parent WHERE a.level = 'buurt'")
    counts = monitor_stock.counts(session)
    if counts is None:
        counts = sql.rows(session, "SELECT buurt, corporation, count(*) FROM dwellings "
                          "GROUP BY buurt, corporation")
    return RegionStock([tuple(a) for a in areas], {(b, c): int(n) for b, c, n in counts})


def all_agreements(session: Session | Plain) -> list[AgreementRecord]:
    rows = sql.rows(session, "SELECT gemeente, corporation, target_group, year, dwellings "
                    "FROM agreements")
    return [AgreementRecord(*r) for r in rows]
