"""The result of a round, shaped exactly like the schema's ``$defs.result``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Assignment:
    candidate: str
    dwelling: str
    fit: int
    rank: int  # 1-based position in the priority order
    reasons: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Unassigned:
    candidate: str
    reasons: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class MatchResult:
    policy: str
    assignments: tuple[Assignment, ...]  # by rank
    unassigned: tuple[Unassigned, ...]  # by rank
    # how the engine worked (not part of the JSON result): "network" is "grouped" or "pairs"
    # (see optimal.choose_network), with type, cover, arc and node counts
    stats: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def housed(self) -> int:
        return len(self.assignments)

    @property
    def total_fit(self) -> int:
        return sum(a.fit for a in self.assignments)

    def to_json(self) -> dict[str, Any]:
        return {
            "assignments": [
                {
                    "candidate": a.candidate,
                    "dwelling": a.dwelling,
                    "fit": a.fit,
                    "reasons": list(a.reasons),
                    "codes": list(a.codes),
                    "rank": a.rank,
                }
                for a in self.assignments
            ],
            "unassigned": [
                {"candidate": u.candidate, "reasons": list(u.reasons), "codes": list(u.codes)}
                for u in self.unassigned
            ],
            "housed": self.housed,
        }

    def dumps(self) -> str:
        """Deterministic JSON text (same input, byte-identical output).

        orjson writes the same text as ``json.dumps(..., ensure_ascii=False, indent=2)`` about
        ten times faster (a national result is ~100 MB of JSON)."""
        return self.dumpb().decode("utf-8")

    def dumpb(self) -> bytes:
        """`dumps` as UTF-8 bytes, for writing straight to a file or stdout."""
        import orjson

        return orjson.dumps(self.to_json(), option=orjson.OPT_INDENT_2) + b"\n"
