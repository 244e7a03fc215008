"""Scenarios as TOML files (tomllib): a base and its variants, checked key by key in Dutch.

A variant names its base (`basis = "basis.toml"`, relative to the variant's folder) and says only
what differs: tables merge key by key, a list of tables (`[[nieuwbouw]]`, `[[teamcapaciteit]]`)
adds to the base's list, any other value replaces the base's. Every error names the file and the
key (`meer_contingent.toml: contingent.factor: moet een getal > 0 zijn`), and nothing runs until
the whole file is valid. The keys are documented in docs/simulate.md.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from woonregie.domain.enums import HousingForm
from woonregie.domain.errors import DomainError
from woonregie.simulate.params import GROUPS, Project, Scenario, TeamChange

FORMS = tuple(str(f) for f in HousingForm)
TOP = {"naam", "beschrijving", "basis", "regio", "contingent", "voorbereiding", "instroom",
       "aanbod", "teamcapaciteit", "nieuwbouw"}


class ScenarioError(DomainError):
    """A scenario file that cannot run; the message names the file and key, in Dutch."""


@dataclass(frozen=True)
class Source:
    """Where the region comes from: the sample generator or the database."""

    kind: str  # "voorbeeld" | "database"
    seed: int = 1
    scale: float = 1.0


@dataclass(frozen=True)
class ScenarioFile:
    path: str
    scenario: Scenario
    source: Source


def load(path: Path) -> ScenarioFile:
    """Read and check a scenario file (and its bases)."""
    data = _merged(path, seen=())
    return parse(data, path.name, stem=path.stem)


def loads(text: str, name: str, base_dir: Path | None = None) -> ScenarioFile:
    """A scenario from text (an upload); `basis` is looked up in `base_dir`."""
    data = _toml(text, name)
    if "basis" in data:
        if base_dir is None:
            raise ScenarioError(f"{name}: basis: een geüpload scenario kan geen basis noemen")
        data = _merge(_merged(_base_path(base_dir, data["basis"], name), (name,)), data)
    return parse(data, name, stem=Path(name).stem)


def _toml(text: str, name: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{name}: geen geldige TOML: {e}") from None


def _base_path(folder: Path, base: object, name: str) -> Path:
    if not isinstance(base, str) or not base:
        raise ScenarioError(f"{name}: basis: moet de bestandsnaam van een scenario zijn")
    return folder / base


def _merged(path: Path, seen: tuple[str, ...]) -> dict:
    if str(path) in seen:
        raise ScenarioError(f"{path.name}: basis: kringverwijzing ({' → '.join(seen)})")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ScenarioError(f"{path.name}: bestand niet gevonden of niet leesbaar") from None
    data = _toml(text, path.name)
    if "basis" not in data:
        return data
    base = _merged(_base_path(path.parent, data["basis"], path.name), (*seen, str(path)))
    return _merge(base, data)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + value
        else:
            out[key] = value
    out.pop("basis", None)
    return out


def parse(data: dict, name: str, stem: str) -> ScenarioFile:
    c = _Checker(name)
    c.known(data, TOP, "")
    regio = c.table(data, "regio")
    c.known(regio, {"bron", "seed", "schaal"}, "regio.")
    source = Source(
        kind=c.choice(regio, "bron", ("voorbeeld", "database"), "regio.", "voorbeeld"),
        seed=c.integer(regio, "seed", "regio.", 1, low=0),
        scale=c.number(regio, "schaal", "regio.", 1.0, low=0.01, high=100),
    )
    contingent = c.table(data, "contingent")
    c.known(contingent, {"factor", "per_corporatie"}, "contingent.")
    prep = c.table(data, "voorbereiding")
    c.known(prep, {"snelheid"}, "voorbereiding.")
    inflow = c.table(data, "instroom")
    c.known(inflow, set(GROUPS), "instroom.")
    aanbod = c.table(data, "aanbod")
    c.known(aanbod, {"mutatiegraad"}, "aanbod.")
    per_corp = c.table(contingent, "per_corporatie", "contingent.")
    scenario = Scenario(
        name=stem,
        title=c.text(data, "naam", "", stem),
        contingent=c.number(contingent, "factor", "contingent.", 1.0, low=0),
        contingent_by_corporation={
            k: c.number(per_corp, k, "contingent.per_corporatie.", 1.0, low=0) for k in per_corp
        },
        readiness=c.number(prep, "snelheid", "voorbereiding.", 1.0, low=0.01, high=20),
        inflow={g: c.number(inflow, g, "instroom.", 1.0, low=0) for g in inflow},
        turnover=c.number(aanbod, "mutatiegraad", "aanbod.", None, low=0, high=1),
        teams=tuple(c.rows(data, "teamcapaciteit", _team)),
        projects=tuple(c.rows(data, "nieuwbouw", _project)),
    )
    return ScenarioFile(name, scenario, source)


def _team(c: _Checker, row: dict, at: str) -> TeamChange:
    c.known(row, {"vanaf", "team", "factor", "extra"}, at)
    return TeamChange(
        on=c.day(row, "vanaf", at),
        team=c.text(row, "team", at, None),
        factor=c.number(row, "factor", at, 1.0, low=0),
        extra=c.integer(row, "extra", at, 0, low=-1000),
    )


def _project(c: _Checker, row: dict, at: str) -> Project:
    c.known(row, {"vanaf", "corporatie", "woonvorm", "aantal", "mutatiegraad", "buurt", "cap"}, at)
    return Project(
        on=c.day(row, "vanaf", at),
        corporation=c.text(row, "corporatie", at, None, required=True),
        form=c.choice(row, "woonvorm", FORMS, at, None),
        units=c.integer(row, "aantal", at, None, low=1),
        turnover=c.number(row, "mutatiegraad", at, 0.1, low=0, high=1),
        buurt=c.text(row, "buurt", at, None),
        cap=c.integer(row, "cap", at, None, low=0, optional=True),
    )


class _Checker:
    """Typed reads of a TOML table that fail with the file and key in Dutch."""

    def __init__(self, name: str):
        self.name = name

    def fail(self, key: str, message: str):
        raise ScenarioError(f"{self.name}: {key}: {message}")

    def known(self, table: dict, keys: set[str], at: str) -> None:
        for key in table:
            if key not in keys:
                self.fail(at + key, f"onbekende sleutel; bekend zijn: {', '.join(sorted(keys))}")

    def table(self, data: dict, key: str, at: str = "") -> dict:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.fail(at + key, "moet een tabel zijn")
        return value

    def rows(self, data: dict, key: str, read: Callable[[_Checker, dict, str], Any]) -> list:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(key, f"moet een lijst van tabellen zijn ([[{key}]])")
        return [read(self, row, f"{key}[{i + 1}].") for i, row in enumerate(value)]

    def number(self, t: dict, key: str, at: str, default, low=None, high=None):
        if key not in t:
            return default
        v = t[key]
        if isinstance(v, bool) or not isinstance(v, int | float):
            self.fail(at + key, f"moet een getal zijn, niet {v!r}")
        if (low is not None and v < low) or (high is not None and v > high):
            self.fail(at + key, f"moet tussen {low} en {high if high is not None else '∞'} "
                      f"liggen, niet {v}")
        return float(v)

    def integer(self, t: dict, key: str, at: str, default, low=None, optional=False):
        if key not in t:
            if default is None and not optional:
                self.fail(at + key, "ontbreekt")
            return default
        v = t[key]
        if isinstance(v, bool) or not isinstance(v, int):
            self.fail(at + key, f"moet een geheel getal zijn, niet {v!r}")
        if low is not None and v < low:
            self.fail(at + key, f"moet minstens {low} zijn, niet {v}")
        return v

    def text(self, t: dict, key: str, at: str, default, required: bool = False):
        if key not in t:
            if required:
                self.fail(at + key, "ontbreekt")
            return default
        if not isinstance(t[key], str) or not t[key].strip():
            self.fail(at + key, "moet een (niet-lege) tekst zijn")
        return t[key].strip()

    def choice(self, t: dict, key: str, options, at: str, default):
        if key not in t:
            if default is None:
                self.fail(at + key, f"ontbreekt; kies uit {', '.join(options)}")
            return default
        if t[key] not in options:
            self.fail(at + key, f"onbekende waarde {t[key]!r}; kies uit {', '.join(options)}")
        return t[key]

    def day(self, t: dict, key: str, at: str) -> date:
        if key not in t:
            self.fail(at + key, "ontbreekt (een datum, zoals 2027-01-01)")
        v = t[key]
        if isinstance(v, date) and not hasattr(v, "hour"):
            return v
        if isinstance(v, str):
            try:
                return date.fromisoformat(v)
            except ValueError:
                pass
        self.fail(at + key, f"moet een datum zijn (JJJJ-MM-DD), niet {v!r}")
