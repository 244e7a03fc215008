"""Read model of the woonzorganalyse: the register projected onto the analysis engine's plain
records (monitor/analysis.py), column by column, without building domain objects.

Also the area figures (kerncijfers: CBS and Leefbaarometer) an import stores per area.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from woonregie.monitor.analysis import (
    AgreementRecord,
    AreaRecord,
    BuurtFigures,
    DwellingRecord,
    PersonRecord,
    PlacementRecord,
)
from woonregie.store import tables as t


def areas(session: Session) -> list[AreaRecord]:
    a = t.AreaRow
    q = select(a.code, a.name, a.level, a.parent, a.liveability).order_by(a.code)
    return [AreaRecord(*row) for row in session.execute(q)]


def organisation_names(session: Session) -> dict[str, str]:
    o = t.OrganisationRow
    return {code: name for code, name in session.execute(select(o.code, o.name))}


def figures(session: Session) -> list[BuurtFigures]:
    f = t.AreaFiguresRow
    q = select(f.area, f.inhabitants, f.households, f.dwellings, f.corporation_pct, f.owner_pct,
               f.liveability_score, f.liveability_class).order_by(f.area)
    return [BuurtFigures(*row) for row in session.execute(q)]


def persons(session: Session, until: date) -> list[PersonRecord]:
    """Every person with their status changes dated on or before `until`."""
    s = t.StatusTransitionRow
    changes: dict[str, list[tuple[date, str]]] = defaultdict(list)
    q = (select(s.person, s.on_date, s.target).where(s.on_date <= until)
         .order_by(s.person, s.seq))
    for person, day, target in session.execute(q):
        changes[person].append((day, target))
    p = t.PersonRow
    q2 = select(p.key, p.target_group, p.support_intensity, p.allowed_forms, p.preferred_areas,
                p.acceptable_areas).order_by(p.key)
    return [PersonRecord(key, group, intensity, tuple(forms or ()),
                         tuple(preferred or acceptable or ()), tuple(changes.get(key, ())))
            for key, group, intensity, forms, preferred, acceptable in session.execute(q2)]


def dwellings(session: Session) -> list[DwellingRecord]:
    d = t.DwellingRow
    q = select(d.corporation, d.buurt, d.housing_form, d.status)
    return [DwellingRecord(*row) for row in session.execute(q)]


def placements(session: Session) -> list[PlacementRecord]:
    p = t.PlacementRow
    q = select(p.buurt, p.housing_form, p.start_date)
    return [PlacementRecord(*row) for row in session.execute(q)]


def agreements(session: Session, year: int) -> list[AgreementRecord]:
    a = t.AgreementRow
    q = select(a.gemeente, a.corporation, a.target_group, a.year, a.dwellings).where(
        a.year == year)
    return [AgreementRecord(*row) for row in session.execute(q)]


FIGURE_COLUMNS = ("inhabitants", "households", "dwellings", "owner_pct", "corporation_pct",
                  "liveability_score", "liveability_class")


def store_figures(session: Session | None, rows: Iterable[dict]) -> int:
    """Insert or update figures per area; a column the row does not carry keeps its value
    (a Leefbaarometer file leaves the CBS figures alone). A class also becomes the area's
    liveability (leefbaarheid), which caps and the monitor use."""
    f = t.AreaFiguresRow
    merged: dict[str, dict] = defaultdict(dict)  # one area in two files: one row
    for row in rows:
        merged[row["area"]].update({k: v for k, v in row.items() if k in FIGURE_COLUMNS})
    if not merged:
        return 0
    assert session is not None
    known = set(session.scalars(select(f.area).where(f.area.in_(list(merged)))))
    for area, values in merged.items():
        if area in known:
            session.execute(update(f).where(f.area == area).values(**values))
        else:
            session.execute(insert(f).values(area=area, **values))
        if values.get("liveability_class") is not None:
            session.execute(update(t.AreaRow).where(t.AreaRow.code == area)
                            .values(liveability=values["liveability_class"]))
    return len(merged)


