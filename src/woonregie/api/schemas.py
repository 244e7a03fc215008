"""Pydantic output models of the JSON API. The inputs (strict, bounded, no extra fields) are
shared with the pages and live in http/inputs.py.

Several output models list the same fields as a service dataclass (`ConsentOut` and
`consent.Basis`, `AuditEntryOut` and `audit.AuditEntry`, `RegieOut` and `access.RegieView`,
`RoundOut` and `round_reports.RoundSummary`). That is deliberate: these models are the
versioned public contract of /api/v1 (OpenAPI descriptions, time zones, enums), the dataclasses
are internal and free of pydantic. Routes fill one from the other with `from_attributes`, so a
field the service drops fails loudly (Schemathesis), and a field it adds is not published by
accident.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field, field_validator

from woonregie.domain.enums import (
    AreaLevel,
    DwellingStatus,
    HousingForm,
    OrgKind,
    SupportIntensity,
    TargetGroup,
)
from woonregie.domain.signal import SignalKind, SignalOutcome, SignalRoute, SignalStatus
from woonregie.domain.status import PersonStatus

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(ge=0, description="Aantal (hoogstens 10.000, zie total_exact)")
    limit: int = Field(ge=1)
    offset: int = Field(ge=0)
    next: str | None = Field(None, description="Cursor voor de volgende pagina (parameter "
                             "`cursor`); leeg op de laatste pagina")
    total_exact: bool = Field(True, description="Onwaar als er meer dan 10.000 zijn")


class StatusChangeOut(BaseModel):
    source: PersonStatus | None
    target: PersonStatus
    on: date
    by: str
    reason: str


class PersonOut(BaseModel):
    """The full record: only for the caseworker of the client's own organisation."""

    view: Literal["volledig"] = "volledig"
    key: str
    name: str
    target_group: TargetGroup
    care_provider: str
    household_size: int
    annual_income: float
    support_intensity: SupportIntensity
    support_team: str | None
    zrm: dict[str, int] | None
    legal_urgency: bool
    pension_age: bool
    required_features: list[str]
    allowed_forms: list[HousingForm]
    acceptable_areas: list[str]
    preferred_areas: list[str]
    status: PersonStatus
    priority: int
    ready_since: date | None
    waiting_days: int
    max_rent: float


class CandidateOut(BaseModel):
    """What a corporation sees of a candidate proposed for its dwellings."""

    view: Literal["corporatie"] = "corporatie"
    key: str
    name: str
    household_size: int
    income_band: str
    support_arranged: bool
    caseworker_contact: str
    status: PersonStatus
    proposed_dwellings: list[str]


class RegieOut(BaseModel):
    """What the regisseur sees: no name, no care details."""

    view: Literal["regie"] = "regie"
    key: str
    target_group: TargetGroup
    status: PersonStatus
    priority: int
    legal_urgency: bool
    household_size: int
    care_provider: str
    ready_since: date | None
    waiting_days: int


PersonAny = Annotated[PersonOut | CandidateOut | RegieOut, Field(discriminator="view")]


class ConsentOut(BaseModel):
    id: int
    person: str
    purpose: str
    party: str
    legal_basis: str
    valid_from: date
    valid_until: date | None
    recorded_by: str


class DwellingOut(BaseModel):
    code: str
    corporation: str
    buurt: str
    complex: str | None
    address: str
    rent: float
    rooms: int
    housing_form: HousingForm
    min_household: int
    max_household: int
    features: list[str]
    status: DwellingStatus
    available_from: date | None


class ComplexOut(BaseModel):
    code: str
    name: str
    corporation: str
    buurt: str
    cap: int | None


class AreaOut(BaseModel):
    code: str
    name: str
    level: AreaLevel
    parent: str | None
    liveability: int | None
    cap: int | None


class OrganisationOut(BaseModel):
    code: str
    name: str
    kind: OrgKind
    gemeente: str | None


class AgreementOut(BaseModel):
    gemeente: str
    corporation: str
    target_group: TargetGroup
    year: int
    dwellings: int


class OverviewOut(BaseModel):
    persons: dict[str, dict[str, int]]
    dwellings: dict[str, dict[str, int]]
    totals: dict[str, int]


class AuditEntryOut(BaseModel):
    seq: int
    at: datetime = Field(description="Tijdstip in UTC")
    actor: str
    organisation: str
    role: str
    action: str
    entity: str
    entity_key: str | None
    purpose: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str

    @field_validator("at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        """Stored naive in UTC; said so explicitly, as RFC 3339 requires an offset."""
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


class RoundOut(BaseModel):
    """A stored round: counts only, no person-level data."""

    id: int
    run_at: datetime = Field(description="Tijdstip met tijdzone")
    run_on: date = Field(description="Peildatum voor wachttijd en huurgrenzen")
    run_by: str
    policy: Literal["optimal", "per_vacancy"]
    candidates: int = Field(ge=0)
    dwellings: int = Field(ge=0)
    housed: int = Field(ge=0)

    @field_validator("run_at")
    @classmethod
    def _zoned(cls, value: datetime) -> datetime:
        """Stored naive in server-local time (`datetime.now()`); RFC 3339 wants an offset."""
        return value.astimezone() if value.tzinfo is None else value


class RoundLineOut(BaseModel):
    """One person's outcome: a pseudonymous key, the proposed dwelling (or none) and why."""

    person: str
    dwelling: str | None
    rank: int | None
    fit: float | None
    codes: list[str]
    reasons: list[str]


class RoundDetailOut(BaseModel):
    """A round's lines. `round` is null for a dry run; `comparison` (housed per policy) is
    given for dry runs only."""

    round: RoundOut | None
    policy: Literal["optimal", "per_vacancy"]
    candidates: int = Field(ge=0)
    housed: int = Field(ge=0)
    proposals: list[RoundLineOut]
    unhoused: list[RoundLineOut]
    code_counts: dict[str, int]
    code: str | None
    comparison: dict[str, int]
    hidden: int = Field(ge=0, description="lines not listed: no legal basis for regie")
    proposals_next: str | None = Field(
        None, description="Cursor van de volgende pagina voordrachten (`proposals_cursor`, of "
        "`cursor` van .../proposals); leeg op de laatste pagina")
    unhoused_next: str | None = Field(
        None, description="Cursor van de volgende pagina niet-gehuisvesten (`unhoused_cursor`, "
        "of `cursor` van .../unhoused); leeg op de laatste pagina")


class MeOut(BaseModel):
    username: str
    role: str
    organisation: str
    organisation_kind: OrgKind


class ErrorOut(BaseModel):
    detail: str


class FieldErrorOut(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(BaseModel):
    detail: list[FieldErrorOut]


class TermOut(BaseModel):
    """One code of a vocabulary with its Dutch label."""

    code: str
    label: str


# --- Signals (signalering), issue 9 -------------------------------------------------------------


class SignalOut(BaseModel):
    """A signal as the corporation sees it: never the care provider's action."""

    key: str
    kind: SignalKind
    dwelling: str
    address: str
    tenant: str = Field(description="Naam van de huurder")
    corporation: str
    route: SignalRoute
    recipient: str = Field(description="Organisatie die het signaal ontving")
    recipient_name: str
    raised_on: date
    raised_by: str
    due_on: date = Field(description="Uiterlijk te bevestigen op")
    status: SignalStatus
    overdue: bool = Field(description="Niet op tijd bevestigd")
    days_waiting: int
    note: str
    arrears_amount: float | None = Field(description="Huurachterstand in euro")
    arrears_months: int | None
    acknowledged_on: date | None
    escalated_on: date | None
    outcome: SignalOutcome | None
    closed_on: date | None


class SignalDetailOut(SignalOut):
    """A signal as its recipient sees it: with the person's key and the action recorded."""

    person: str
    action: str = Field(description="Actie van de ontvanger (zorgdetail)")
    acknowledged_by: str | None


class PlacementEndOut(BaseModel):
    dwelling: str
    start: date
    end: date
    end_reason: str


class ReturnOut(BaseModel):
    """A recorded return: the person's new status and the placement it ended (if any)."""

    person: str
    status: PersonStatus
    on: date
    placement_ended: PlacementEndOut | None


class JobProgressOut(BaseModel):
    done: int = Field(ge=0, description="Stappen klaar")
    total: int = Field(ge=0, description="Stappen in totaal (0: nog onbekend)")
    percent: int = Field(ge=0, le=100)
    message: str = Field(description="Wat de taak nu doet (Nederlands)")


class JobOut(BaseModel):
    """A background job (achtergrondtaak): poll `url` until `status` is klaar, mislukt or
    afgebroken; then `result_url` (when klaar) names the result."""

    id: int
    kind: str
    kind_label: str
    status: Literal["wachtend", "bezig", "klaar", "mislukt", "afgebroken"]
    status_label: str
    progress: JobProgressOut
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    attempts: int = Field(ge=0, description="Pogingen (een taak van een gestopt werkproces "
                          "wordt opnieuw aangeboden)")
    error: str | None = Field(description="Waarom de taak mislukte (Nederlands)")
    url: str
    result_url: str | None

    @field_validator("created_at", "started_at", "finished_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        """Stored naive in UTC (the clock's `now`); RFC 3339 wants an offset."""
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value
