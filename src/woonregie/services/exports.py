"""Export the region in the import layout: a directory of CSV files or one Excel workbook.

An export that holds persons is personal data. For analysis, `pseudonym_key` replaces every
person key (and the `door` of status changes, which names employees) by a keyed hash and drops
names (design.md, privacy model: "Exports for analysis use pseudonyms (keyed hash), never
names"). The same key gives the same pseudonyms, so exports over time can be linked by whoever
holds the key and by nobody else.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine

from woonregie.exchange.layouts import LAYOUTS
from woonregie.exchange.records import Record, region_records
from woonregie.exchange.writers import write_csv_dir, write_workbook
from woonregie.services.region import read_region
from woonregie.store.unit_of_work import UnitOfWork

KEY_ENV = "WOONREGIE_PSEUDONYM_KEY"
PSEUDONYM_PREFIX = "PS-"
WORKBOOK_NAME = "woonregie-export.xlsx"

Format = Literal["csv", "xlsx"]


class PseudonymKeyMissing(RuntimeError):
    """No key to pseudonymise with: refusing beats writing names."""


def pseudonym_key_from_env() -> bytes:
    key = os.environ.get(KEY_ENV, "")
    if not key:
        raise PseudonymKeyMissing(f"{KEY_ENV} is niet gezet; zonder sleutel geen pseudoniemen")
    return key.encode()


def pseudonym(key: bytes, value: str) -> str:
    """HMAC-SHA256 of `value`, shortened to 96 bits: collisions are negligible at any region's
    size and the result fits the key column (32 characters)."""
    digest = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:24]


def pseudonymise(records: dict[str, list[Record]], key: bytes) -> dict[str, list[Record]]:
    """Pseudonyms for `sleutel` (persons, history, placements) and `door`, no `naam`."""
    out = dict(records)
    out["personen"] = [
        {**r, "sleutel": pseudonym(key, r["sleutel"]), "naam": None}
        for r in records["personen"]
    ]
    out["statushistorie"] = [
        {**r, "sleutel": pseudonym(key, r["sleutel"]), "door": pseudonym(key, r["door"])}
        for r in records["statushistorie"]
    ]
    out["plaatsingen"] = [
        {**r, "sleutel": pseudonym(key, r["sleutel"])} for r in records["plaatsingen"]
    ]
    return out


PSEUDONYM_HEADERS = {"personen": [h for h in LAYOUTS["personen"].headers if h != "naam"]}
"""A pseudonymised export leaves the name column out altogether."""


@dataclass
class ExportResult:
    paths: list[Path]
    counts: dict[str, int]


def export_region(
    source: UnitOfWork | Engine,
    target: Path,
    fmt: Format = "csv",
    *,
    pseudonym_key: bytes | None = None,
) -> ExportResult:
    """Write every record of the database to `target`: a directory for CSV (one file per
    record type), a file for xlsx (a directory gets `woonregie-export.xlsx` inside)."""
    uow = source if isinstance(source, UnitOfWork) else UnitOfWork(source)
    with uow:
        region = read_region(uow)
    records = region_records(region)
    headers = None
    if pseudonym_key is not None:
        records = pseudonymise(records, pseudonym_key)
        headers = PSEUDONYM_HEADERS
    counts = {name: len(rows) for name, rows in records.items()}
    if fmt == "csv":
        return ExportResult(write_csv_dir(target, records, headers), counts)
    if target.is_dir():
        target = target / WORKBOOK_NAME
    return ExportResult([write_workbook(target, records, headers)], counts)


def export_targets(target: Path, fmt: Format) -> list[Path]:
    """The files an export to `target` would write (to refuse overwriting them)."""
    if fmt == "csv":
        return [target / f"{name}.csv" for name in LAYOUTS]
    return [target / WORKBOOK_NAME if target.is_dir() else target]
