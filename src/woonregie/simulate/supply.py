"""Vacancies offered to the register (aanbod), per corporation and housing form, per month.

A corporation's vacancies are its stock times its turnover (mutatiegraad); the share of them it
offers to the register is what its contingent agreements reserve (calibrated from what it let
to the groups, docs/simulate.md). A scenario's contingent factor scales that share, never beyond
all vacancies. New projects are let all at once when they come on stream and turn over after.
An offer nobody takes returns to regular letting after `free_months`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from woonregie.matching.model import DwellingOffer
from woonregie.simulate import streams as st
from woonregie.simulate.params import Model, Project


@dataclass
class Offer:
    offer: DwellingOffer
    until: int  # last month it is on offer


class Supply:
    def __init__(self, model: Model, seq: np.random.SeedSequence):
        self.model, self.seq = model, seq
        p = model.params
        self.cells = [cell for cell in sorted(p.stock) if model.structure.dwellings.get(cell)]
        self.keys = [st.name_key(corp, form) for corp, form in self.cells]
        self.pool: list[Offer] = [Offer(d, p.free_months - 1) for d in model.start.free]
        self.complex_caps = dict(model.structure.complex_caps)
        self.offered = 0

    def month(self, m: int, start: date, end: date) -> tuple[int, int]:
        """Add month `m`'s offers (new projects on stream in [start, end) included) and drop
        the ones that expired; returns (offered, expired)."""
        before = len(self.pool)
        self.pool = [o for o in self.pool if o.until >= m]
        expired = before - len(self.pool)
        new: list[DwellingOffer] = []
        rngs = [st.stream(self.seq, st.VACANCIES, key, m) for key in self.keys]
        us = [rng.random() for rng in rngs]
        rates = [self.rate(corp, form, start.year) for corp, form in self.cells]
        counts = st.poisson_counts(us, rates).tolist()
        for cell, key, rng, count in zip(self.cells, self.keys, rngs, counts, strict=True):
            if count:
                new += self._draw(self.model.structure.dwellings[cell], rng, count,
                                  f"v{m}-{key}-")
        for k, project in enumerate(self.model.scenario.projects):
            new += self._project(k, project, m, start, end)
        until = m + self.model.params.free_months - 1
        self.pool += [Offer(d, until) for d in new]
        return len(new), expired

    def rate(self, corp: str, form: str, year: int) -> float:
        """Offers per month of (corporation, form) in `year`: its vacancies × the share its
        contingents reserve that year (the nearest year agreed), × the scenario's factor."""
        p, sc = self.model.params, self.model.scenario
        turnover = sc.turnover if sc.turnover is not None else p.turnover[corp]
        by_year = p.reserved[corp]
        agreed = by_year.get(year)
        if agreed is None:
            agreed = by_year[min(by_year, key=lambda y: (abs(y - year), -y))]
        factor = sc.contingent * sc.contingent_by_corporation.get(corp, 1.0)
        return p.stock[(corp, form)] * turnover / 12.0 * min(1.0, agreed * factor)

    def _draw(self, templates, rng, count: int, prefix: str, **changes) -> list[DwellingOffer]:
        picks = (rng.random(count) * len(templates)).astype(int)
        offers = [_with_id(templates[t], f"{prefix}{j}") for j, t in enumerate(picks.tolist())]
        return [replace(o, **changes) for o in offers] if changes else offers

    def _project(self, k: int, project: Project, m: int, start: date, end: date):
        if project.on >= end:
            return []
        rng = st.stream(self.seq, st.PROJECTS, k, m)
        if project.on >= start:  # comes on stream this month: first letting of every unit
            count = project.units
            if project.cap is not None:
                self.complex_caps[f"nb{k}"] = project.cap
        else:
            count = st.poisson_count(rng.random(), project.units * project.turnover / 12.0)
        templates = project_templates(self.model, project)
        offers = self._draw(templates, rng, count, f"n{k}-{m}-", complex=f"nb{k}")
        if project.buurt:
            offers = [replace(o, area=project.buurt) for o in offers]
        return offers

    def remove(self, ids: set[str]) -> None:
        self.pool = [o for o in self.pool if o.offer.id not in ids]


def _with_id(d: DwellingOffer, id_: str) -> DwellingOffer:
    """`replace(d, id=id_)` without its per-call introspection (hot: every vacancy)."""
    return DwellingOffer(id_, d.area, d.rent, d.complex, d.min_household, d.max_household,
                         d.features, d.housing_form)


def project_templates(model: Model, project: Project) -> tuple[DwellingOffer, ...]:
    """Dwellings like the project's: the register's of its form (its corporation's first)."""
    cells = model.structure.dwellings
    own = cells.get((project.corporation, project.form), ())
    if own:
        return own
    same_form = tuple(d for (_c, f), ds in sorted(cells.items()) if f == project.form for d in ds)
    return same_form or tuple(d for ds in cells.values() for d in ds)
