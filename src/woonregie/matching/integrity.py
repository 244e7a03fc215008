"""Referential integrity of a Round: ids unique, references known, area tree acyclic, caps nest.

Errors name the JSON path like schema errors do, so one message format reaches the user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from woonregie.matching.model import InstanceError, Round


def _unique(ids: Iterable[str], section: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise InstanceError(f"{section}[{i}].id", f"id {ident!r} komt dubbel voor")
        seen.add(ident)


def _check_tree(round_: Round) -> None:
    parents = {a.id: a.parent for a in round_.areas}
    for i, area in enumerate(round_.areas):
        if area.parent is not None and area.parent not in parents:
            raise InstanceError(f"areas[{i}].parent", f"onbekend gebied {area.parent!r}")
    for i, area in enumerate(round_.areas):
        seen = {area.id}
        node = area.parent
        while node is not None:
            if node in seen:
                raise InstanceError(
                    f"areas[{i}].parent", f"cyclus in de gebiedsboom bij {area.id!r}"
                )
            seen.add(node)
            node = parents[node]


def known_areas(round_: Round) -> set[str]:
    """Declared areas; without an area tree every dwelling area is an implicit root."""
    if round_.areas:
        return {a.id for a in round_.areas}
    return {d.area for d in round_.dwellings}


def _check_dwellings(round_: Round, areas: set[str]) -> None:
    complex_area: dict[str, str] = {}
    for i, d in enumerate(round_.dwellings):
        if d.area not in areas:
            raise InstanceError(f"dwellings[{i}].area", f"onbekend gebied {d.area!r}")
        if d.min_household > d.max_household:
            raise InstanceError(
                f"dwellings[{i}].max_household", "max_household is kleiner dan min_household"
            )
        if d.complex is not None:
            first = complex_area.setdefault(d.complex, d.area)
            if first != d.area:
                raise InstanceError(
                    f"dwellings[{i}].complex",
                    f"complex {d.complex!r} ligt in meerdere gebieden ({first!r}, {d.area!r}); "
                    "een complex moet binnen één buurt liggen",
                )


def _check_candidates(round_: Round, areas: set[str]) -> None:
    for i, c in enumerate(round_.candidates):
        for key in ("areas", "support_areas", "preferred_areas"):
            for j, area in enumerate(getattr(c, key)):
                if area not in areas:
                    raise InstanceError(f"candidates[{i}].{key}[{j}]", f"onbekend gebied {area!r}")


def check_integrity(round_: Round, data: Mapping[str, Any] | None = None) -> None:
    """Raise InstanceError for duplicate ids, unknown references or a cyclic area tree."""
    _unique((c.id for c in round_.candidates), "candidates")
    _unique((d.id for d in round_.dwellings), "dwellings")
    _unique((a.id for a in round_.areas), "areas")
    if data is not None:
        _unique((c["id"] for c in data.get("complexes", [])), "complexes")
        _unique((t["id"] for t in data.get("support_teams", [])), "support_teams")
    _check_tree(round_)
    areas = known_areas(round_)
    _check_dwellings(round_, areas)
    _check_candidates(round_, areas)
