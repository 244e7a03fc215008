"""How much one import may read, so a hostile or broken file costs bounded time and memory.

Bounds are on what a file really holds, never on what it declares: an xlsx can declare
`A1:XFD1048576` (17 billion cells) in 1.8 KB. Rows and cells are counted while they are read,
over all files of one import; the first bound passed ends the reading with a Dutch problem, so
nothing is stored. A run of `empty_run` empty rows ends a sheet (spreadsheets often carry
formatting far below the data). Problems are listed up to `max_problems`; the rest are counted.

Every bound can be set per import (CLI options) or by environment variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from woonregie.domain.dutch_digits import grouped

ENV = {
    "max_rows": "WOONREGIE_IMPORT_MAX_ROWS",
    "max_cells": "WOONREGIE_IMPORT_MAX_CELLS",
    "max_problems": "WOONREGIE_IMPORT_MAX_PROBLEMS",
    "empty_run": "WOONREGIE_IMPORT_EMPTY_RUN",
}


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_rows: int = 1_000_000
    """Data rows over all files of one import (a region of 135,000 people with five status
    changes each is about 850,000 rows in all)."""
    max_cells: int = 20_000_000
    """Cells read over all files, empty cells inside a row included (they cost time too)."""
    max_problems: int = 1_000
    """Problems listed in a report; the rest are only counted."""
    empty_run: int = 10_000
    """Consecutive empty rows after which the rest of a sheet is skipped (with a warning)."""

    @classmethod
    def from_env(cls, **overrides: int | None) -> ReadLimits:
        """Defaults, then environment variables, then explicit (non-None) overrides."""
        values: dict[str, int] = {}
        for name, env in ENV.items():
            raw = os.environ.get(env, "").strip()
            if raw.isdigit() and int(raw) > 0:
                values[name] = int(raw)
            if overrides.get(name) is not None:
                values[name] = int(overrides[name])  # type: ignore[arg-type]
        return cls(**values)


class Budget:
    """Rows and cells still allowed in this import; `spend` says which bound was passed."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.rows = 0
        self.cells = 0

    def spend(self, cells: int, data_row: bool) -> str | None:
        self.cells += cells
        self.rows += data_row
        if self.rows > self.limits.max_rows:
            return (f"te veel rijen: meer dan {grouped(self.limits.max_rows)} in deze "
                    f"import (grens instelbaar met --max-rows of {ENV['max_rows']}); splits de "
                    "bestanden. Er is niets opgeslagen")
        if self.cells > self.limits.max_cells:
            return (f"te veel cellen: meer dan {grouped(self.limits.max_cells)} in deze "
                    f"import (grens instelbaar met --max-cells of {ENV['max_cells']}); verwijder "
                    "lege kolommen of splits de bestanden. Er is niets opgeslagen")
        return None
