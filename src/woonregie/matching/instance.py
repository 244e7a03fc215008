"""Instance model of a matching round: plain frozen dataclasses plus JSON (de)serialisation.

The JSON shape is `match-instance.schema.json` (package data, copy of the shared schema). Loading
validates the schema and referential integrity and raises `InstanceError` whose Dutch message
names the JSON path of the offending field (``candidates[3].max_rent``), so a regisseur or a
researcher can fix the file without reading a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from woonregie.matching.integrity import check_integrity
from woonregie.matching.model import (  # noqa: F401  (re-exported: the package's public API)
    AreaNode,
    Candidate,
    DwellingOffer,
    InstanceError,
    Round,
)

if TYPE_CHECKING:
    import jsonschema

__all__ = [
    "AreaNode",
    "Candidate",
    "DwellingOffer",
    "InstanceError",
    "Round",
    "dump_instance",
    "load_instance",
    "schema",
    "validate_schema",
]

SCHEMA_FILE = "match-instance.schema.json"


@cache
def schema() -> dict[str, Any]:
    """The instance JSON schema shipped as package data."""
    # next to this module (package data); importlib.resources would cost ~0.015 s of imports
    return json.loads(Path(__file__).with_name(SCHEMA_FILE).read_text("utf-8"))


def json_path(parts: Any) -> str:
    """Render a jsonschema path deque as ``candidates[3].max_rent``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "$"


_DUTCH = {
    "required": "verplicht veld ontbreekt",
    "type": "verkeerd type (verwacht {expected})",
    "minimum": "waarde {value!r} is kleiner dan het minimum {expected}",
    "minLength": "mag niet leeg zijn",
    "const": "moet {expected!r} zijn",
    "enum": "moet een van {expected!r} zijn",
}


def _dutch_message(error: jsonschema.ValidationError) -> tuple[str, str]:
    path = list(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        path.append(missing)
    template = _DUTCH.get(str(error.validator), "ongeldige waarde ({detail})")
    text = template.format(
        expected=error.validator_value, value=error.instance, detail=error.message
    )
    return json_path(path), text


@cache
def _fast_validator():
    """jsonschema-rs (Rust): validates a national instance in ~0.1 s where the pure-Python
    `jsonschema` takes 5-15 s. It only answers valid / invalid on the hot path."""
    import jsonschema_rs

    return jsonschema_rs.Draft202012Validator(schema())


def validate_schema(data: Any) -> None:
    """Raise InstanceError for the first schema violation (in document order).

    The fast validator decides; only for an invalid document does the pure-Python `jsonschema`
    run, to find the first error in document order and word it in Dutch with its JSON path
    (its error objects carry the validator keyword and path the Dutch wording needs).
    """
    if _fast_validator().is_valid(data):
        return
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        raise InstanceError(*_dutch_message(errors[0]))


def load_instance(data: Mapping[str, Any], validate: bool = True) -> Round:
    """Build a Round from instance JSON; validate schema and referential integrity.

    `validate=False` skips only the (slow, pure-Python) JSON-schema pass, for trusted data such as
    the generator's output in benchmarks; integrity checks always run.
    """
    if validate:
        validate_schema(data)
    round_ = Round(
        candidates=_candidates(data["candidates"]),
        dwellings=tuple(_dwelling(d) for d in data["dwellings"]),
        areas=tuple(
            AreaNode(a["id"], a.get("parent"), a.get("cap")) for a in data.get("areas", [])
        ),
        complex_caps={c["id"]: c["cap"] for c in data.get("complexes", [])},
        team_caps={t["id"]: t["cap"] for t in data.get("support_teams", [])},
    )
    check_integrity(round_, data)
    return round_


def _candidates(rows) -> tuple[Candidate, ...]:
    """Candidates whose equal lists are one shared tuple (interned): the engine tells area
    lists apart by identity first (`classes._regions`), and people share most of them."""
    seen: dict[tuple[str, ...], tuple[str, ...]] = {}

    def shared(c: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = tuple(c.get(key, ()))
        return seen.setdefault(value, value)

    return tuple(
        Candidate(
            id=c["id"],
            priority=int(c["priority"]),
            waiting_days=int(c["waiting_days"]),
            household_size=int(c["household_size"]),
            max_rent=float(c["max_rent"]),
            needs=shared(c, "needs"),
            areas=shared(c, "areas"),
            support_areas=shared(c, "support_areas"),
            housing_forms=shared(c, "housing_forms"),
            preferred_areas=shared(c, "preferred_areas"),
            support_team=c.get("support_team"),
        )
        for c in rows
    )


def _dwelling(d: Mapping[str, Any]) -> DwellingOffer:
    return DwellingOffer(
        id=d["id"],
        area=d["area"],
        rent=float(d["rent"]),
        complex=d.get("complex"),
        min_household=int(d.get("min_household", 1)),
        max_household=int(d.get("max_household", 99)),
        features=tuple(d.get("features", ())),
        housing_form=d.get("housing_form", "zelfstandig"),
    )


def dump_instance(round_: Round) -> dict[str, Any]:
    """Instance JSON for a Round (inverse of load_instance)."""
    return {
        "version": 1,
        "candidates": [
            {
                "id": c.id,
                "priority": c.priority,
                "waiting_days": c.waiting_days,
                "household_size": c.household_size,
                "max_rent": c.max_rent,
                "needs": list(c.needs),
                "areas": list(c.areas),
                "support_areas": list(c.support_areas),
                "housing_forms": list(c.housing_forms),
                "preferred_areas": list(c.preferred_areas),
                "support_team": c.support_team,
            }
            for c in round_.candidates
        ],
        "dwellings": [
            {
                "id": d.id,
                "area": d.area,
                "complex": d.complex,
                "rent": d.rent,
                "min_household": d.min_household,
                "max_household": d.max_household,
                "features": list(d.features),
                "housing_form": d.housing_form,
            }
            for d in round_.dwellings
        ],
        "areas": [{"id": a.id, "parent": a.parent, "cap": a.cap} for a in round_.areas],
        "complexes": [{"id": k, "cap": v} for k, v in round_.complex_caps.items()],
        "support_teams": [{"id": k, "cap": v} for k, v in round_.team_caps.items()],
    }
