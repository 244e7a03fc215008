"""A `Model` from a region, a start date and a scenario, checked against the region."""

from __future__ import annotations

from datetime import date

from woonregie.domain.model import Region
from woonregie.simulate.calibrate import parameters, structure
from woonregie.simulate.params import Model, Parameters, Scenario, Start, Structure
from woonregie.simulate.scenario import ScenarioError
from woonregie.simulate.snapshot import snapshot


def calibrated(region: Region, on: date, register_date: date | None = None,
               window: int = 12) -> tuple[Start, Parameters, Structure]:
    """Start state on `on` and the parameters estimated from the `window` months before it.
    The register's free dwellings are open offers only when `on` is the register's own date."""
    free = register_date is not None and on >= register_date
    return snapshot(region, on, free), parameters(region, on, window), structure(region, on)


def model(base: tuple[Start, Parameters, Structure], scenario: Scenario, months: int,
          file: str = "scenario") -> Model:
    start, params, struct = base
    check(scenario, params, struct, file)
    return Model(start, params, struct, scenario, months)


def check(scenario: Scenario, params: Parameters, struct: Structure, file: str) -> None:
    """Names in the scenario must exist in the region (Dutch error naming the key)."""
    corps = sorted(params.turnover)
    buurten = {a.id for a in struct.areas}
    for corp in scenario.contingent_by_corporation:
        if corp not in params.turnover:
            raise ScenarioError(f"{file}: contingent.per_corporatie.{corp}: onbekende corporatie; "
                                f"de regio kent {', '.join(corps)}")
    for i, p in enumerate(scenario.projects, 1):
        if p.corporation not in params.turnover:
            raise ScenarioError(f"{file}: nieuwbouw[{i}].corporatie: onbekende corporatie "
                                f"{p.corporation!r}; de regio kent {', '.join(corps)}")
        if p.buurt is not None and p.buurt not in buurten:
            raise ScenarioError(f"{file}: nieuwbouw[{i}].buurt: onbekend gebied {p.buurt!r}")
    for i, t in enumerate(scenario.teams, 1):
        if t.team is not None and t.team not in struct.team_caps:
            raise ScenarioError(f"{file}: teamcapaciteit[{i}].team: onbekend team {t.team!r}; "
                                f"de regio kent {', '.join(sorted(struct.team_caps))}")
