"""The monitor in the API: `GET /api/v1/monitor`, the figures of monitor-definitions.md for a
period (aggregates only; the regisseur and the auditor may read them). The response is the
same JSON as `woonregie monitor --json`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field

from woonregie.domain.enums import TargetGroup
from woonregie.domain.errors import DomainError
from woonregie.http.auth import ApiAuth, Uow
from woonregie.http.inputs import DutchDate
from woonregie.monitor import Period
from woonregie.services.monitoring import MonitorFilters, UnknownFilter, read_monitor

router = APIRouter(tags=["monitor"])

Day = DutchDate
"""A period's first or last day: ISO or as Dutch users type it (31-12-2026)."""
OrgCode = Annotated[str | None, Query(min_length=1, max_length=32,
                                      pattern=r"^[A-Za-z0-9_.-]+$")]


class Days(BaseModel):
    aantal: int
    mediaan: float | None = Field(description="Mediaan in dagen (1 decimaal)")
    p90: float | None = Field(description="90e percentiel, nearest-rank (1 decimaal)")
    gemiddeld: float | None = Field(None, description="Gemiddelde in dagen (1 decimaal)")


class WaitingTime(Days):
    per_doelgroep: dict[str, Days]


class Stagnation(BaseModel):
    drempel_dagen: int
    aantal: int = Field(description="Wachtenden die op `tot` langer dan de drempel wachten")
    geblokkeerde_dagen: int = Field(description="Geblokkeerde BW/MO-plaatsdagen in de periode")


class Share(BaseModel):
    aantal: int = Field(description="Grootte van het universum")
    aandeel: float | None = Field(description="Aandeel 0–1 (4 decimalen); null bij leeg")


class Returns(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    aantal: int
    d0_180: float | None = Field(alias="0_180")
    d181_365: float | None = Field(alias="181_365")
    d366_730: float | None = Field(alias="366_730")
    totaal: float | None


class ContingentRow(BaseModel):
    gemeente: str
    corporatie: str
    doelgroep: str
    jaar: int
    afspraak: int
    gerealiseerd: int
    prognose: float = Field(description="Prognose voor het jaareinde (1 decimaal)")


class ConcentrationRow(BaseModel):
    buurt: str
    naam: str = ""
    plaatsingen: int
    aandeel_plaatsingen: float | None
    aandeel_voorraad: float | None
    leefbaarheid: int | None


class Declines(BaseModel):
    totaal: int = Field(description="Weigeringen (door persoon of corporatie) in de periode")
    per_stap: dict[str, int]
    per_reden: dict[str, int] = Field(description="Per code van de weigerreden")
    ingetrokken: int


class Stalled(BaseModel):
    aantal: int = Field(description="Lopende bemiddelingen op `tot` voorbij de termijn")
    per_stap: dict[str, int]


class Workflow(BaseModel):
    dagen_per_stap: dict[str, Days]
    weigeringen: Declines
    vastgelopen: Stalled


class MonitorOut(BaseModel):
    """The figures of monitor-definitions.md; counts per target group carry `totaal`."""

    periode: dict[str, date]
    eerste_instroom: dict[str, int]
    instroom: dict[str, int]
    uitstroom: dict[str, dict[str, int]]
    stand: dict[str, int]
    wachttijd: WaitingTime
    wachtend: Days
    stagnatie: Stagnation
    huurbehoud: dict[str, Share]
    terugval: Returns
    contingent: list[ContingentRow]
    concentratie: list[ConcentrationRow]
    bemiddeling: Workflow | None = None
    filters: dict[str, str] | None = None


def _refuse(field: str, message: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("query", field),
                                    "msg": message, "ctx": {"error": message}}])


@router.get("/monitor", response_model=MonitorOut, response_model_exclude_unset=True,
            summary="Monitorcijfers over een periode (alleen aantallen)")
def monitor(
    who: ApiAuth, uow: Uow,
    van: Annotated[Day | None, Query(description="Begin (JJJJ-MM-DD of DD-MM-JJJJ), "
                                     "inclusief; standaard 1 januari van dit jaar")] = None,
    tot: Annotated[Day | None, Query(description="Einde, inclusief; standaard vandaag")] = None,
    gemeente: OrgCode = None,
    doelgroep: TargetGroup | None = None,
    corporatie: OrgCode = None,
    zorgaanbieder: OrgCode = None,
) -> dict:
    today = uow.clock.today()
    try:
        period = Period(van or date(today.year, 1, 1), tot or today)
    except DomainError as e:
        raise _refuse("tot" if "einddatum" in str(e) else "van", str(e)) from e
    filters = MonitorFilters(gemeente, doelgroep and str(doelgroep), corporatie, zorgaanbieder)
    try:
        return read_monitor(uow, who.principal, period, filters).to_json()
    except UnknownFilter as e:
        raise _refuse(e.field, str(e)) from e
