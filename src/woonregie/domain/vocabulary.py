"""Vocabularies (vocabulaires): the coded values users pick and files carry — target groups,
housing forms, statuses, features, roles — each member with its Dutch label on the same line as
its code.

A member is its code (a `str`: stored, exported, sent over the API and compared as the code) and
carries `.label`, the words a person reads on a page or in a spreadsheet's explanation. Keeping
the label beside the code means one table per vocabulary, defined where the vocabulary is, and a
new code cannot ship without its label (the member needs both). Pages show labels through the
`label` template filter (web/rendering.py); the exchange explains codes with their labels and
accepts a label typed instead of a code (exchange/values.py).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Self


class Vocabulary(StrEnum):
    """A StrEnum whose members are declared as `NAME = "code", "Dutch label"`."""

    label: str

    def __new__(cls, code: str, label: str) -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        return member

    @classmethod
    def labels(cls) -> dict[str, str]:
        """{code: label} in declaration order (for option lists and explanations)."""
        return {m.value: m.label for m in cls}


def label_of(value: Any, vocabulary: type[Vocabulary] | None = None) -> str:
    """The Dutch label of `value`: a member's own label, or the code looked up in
    `vocabulary`. A value outside the vocabulary (an old code in the database, a free text) is
    shown as it is: a page never fails on a label."""
    if isinstance(value, Vocabulary):
        return value.label
    if value is None:
        return ""
    if vocabulary is not None:
        try:
            return vocabulary(str(value)).label
        except ValueError:
            pass
    return str(value)


def labels(codes, vocabulary: type[Vocabulary]) -> str:
    """The Dutch labels of some codes, sorted, comma-separated (`Gelijkvloers, Lift`)."""
    return ", ".join(sorted(label_of(c, vocabulary) for c in codes))
