"""Region overview: counts of persons by group × status and dwellings by form × status."""

from __future__ import annotations

from dataclasses import dataclass, field

from woonregie.domain.enums import DwellingStatus, HousingForm, TargetGroup
from woonregie.domain.status import PersonStatus
from woonregie.store.unit_of_work import UnitOfWork


@dataclass
class Overview:
    persons: dict[str, dict[str, int]] = field(default_factory=dict)
    dwellings: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "persons": self.persons,
            "dwellings": self.dwellings,
            "totals": {
                "persons": sum(sum(v.values()) for v in self.persons.values()),
                "dwellings": sum(sum(v.values()) for v in self.dwellings.values()),
            },
        }


def _grid(rows: list[tuple[str, str, int]], outer: list[str], inner: list[str]) -> dict:
    grid = {o: dict.fromkeys(inner, 0) for o in outer}
    for o, i, n in rows:
        grid.setdefault(o, dict.fromkeys(inner, 0))[i] = n
    return grid


def region_overview(uow: UnitOfWork) -> Overview:
    """Every group and status appears, zero or not, so consumers get a stable shape."""
    return Overview(
        persons=_grid(uow.persons.counts(), list(TargetGroup), list(PersonStatus)),
        dwellings=_grid(uow.dwellings.counts(), list(HousingForm), list(DwellingStatus)),
    )
