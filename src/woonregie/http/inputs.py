"""The input models both HTTP edges validate with: the API validates its JSON body with them,
the pages validate their forms with the same models, so one input gets one verdict and one Dutch
message (http/validation.py) wherever it is typed.

Models are strict (no extra fields) and bounded: bounds are the database's (string lengths) and
the domain's (household size, rent), so bad input stops here and never reaches SQL.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
)

from woonregie.domain import locale_nl
from woonregie.domain.characters import ALLOWED_TEXT_PATTERN
from woonregie.domain.enums import FEATURES, HousingForm, SupportIntensity, TargetGroup
from woonregie.domain.locale_nl import NotDutch
from woonregie.domain.placement import EndReason
from woonregie.domain.signal import SignalKind, SignalOutcome
from woonregie.domain.status import PersonStatus
from woonregie.services.consent import LegalBasis

NO_CONTROL = ALLOWED_TEXT_PATTERN  # no control or bidi characters (domain/characters.py)
Text = Annotated[str, Field(pattern=NO_CONTROL)]
Name = Annotated[str, Field(min_length=1, max_length=160, pattern=NO_CONTROL)]
Code = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]
AreaCode = Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9_.-]+$")]
Feature = Literal[FEATURES]  # type: ignore[valid-type]
ZrmDomain = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")]
ZrmScore = Annotated[int, Field(ge=1, le=5)]


def _sane_date(value: date) -> date:
    if not date(2000, 1, 1) <= value <= date(2100, 12, 31):
        raise ValueError("moet tussen 2000 en 2100 liggen")
    return value


def _dutch_date(value: Any) -> Any:
    """`31-12-2026` as typed on a page, or ISO as JSON sends it (domain/locale_nl.py)."""
    if value is None or value == "" or not isinstance(value, str | date):
        return value or None
    try:
        return locale_nl.parse_date(value)
    except NotDutch as exc:
        raise ValueError(str(exc)) from None


DutchDate = Annotated[date, BeforeValidator(_dutch_date)]
"""A date as ISO (JSON) or as Dutch users type it (31-12-2026)."""
SaneDate = Annotated[DutchDate, AfterValidator(_sane_date)]
"""A date a person could mean (2000–2100): a typo like 0202 or 20266 is refused, not stored."""


def _amount_in(bounds: locale_nl.Bounds) -> Any:
    """An amount as a Dutch user types it (`18.500`, `1.050,50`, `€ 1050`) or as JSON sends it
    (a number), read by the one Dutch reader the import uses too, within `bounds`."""

    def parse(value: Any) -> Any:
        if value is None or value == "":
            return None
        try:
            return locale_nl.parse_amount(value, bounds)
        except NotDutch as exc:
            raise ValueError(str(exc)) from None

    return BeforeValidator(parse)


Rent = Annotated[float, _amount_in(locale_nl.RENT)]
Income = Annotated[float, _amount_in(locale_nl.INCOME)]
ARREARS = locale_nl.Bounds(Decimal("0.01"), Decimal(100_000), "huurachterstand")

class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonIn(Strict):
    """A new client (cliënt) as the caseworker registers them."""

    name: Name
    target_group: TargetGroup
    household_size: int = Field(ge=1, le=20)
    annual_income: Income
    support_intensity: SupportIntensity = SupportIntensity.GEEN
    support_team: Code | None = None
    legal_urgency: bool = False
    pension_age: bool = False
    required_features: list[Feature] = Field(default_factory=list, max_length=len(FEATURES))
    allowed_forms: list[HousingForm] = Field(default_factory=list, max_length=len(HousingForm))
    acceptable_areas: list[AreaCode] = Field(default_factory=list, max_length=50)
    preferred_areas: list[AreaCode] = Field(default_factory=list, max_length=50)
    zrm: dict[ZrmDomain, ZrmScore] | None = Field(default=None, max_length=20)

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("mag niet leeg zijn")
        return value.strip()


class PersonPatch(Strict):
    """Fields to change; a field left out stays as it is (null clears only support_team and
    zrm)."""

    name: Name | None = None
    target_group: TargetGroup | None = None
    household_size: int | None = Field(default=None, ge=1, le=20)
    annual_income: Income | None = None
    support_intensity: SupportIntensity | None = None
    support_team: Code | None = None
    legal_urgency: bool | None = None
    pension_age: bool | None = None
    required_features: list[Feature] | None = Field(default=None, max_length=len(FEATURES))
    allowed_forms: list[HousingForm] | None = Field(default=None, max_length=len(HousingForm))
    acceptable_areas: list[AreaCode] | None = Field(default=None, max_length=50)
    preferred_areas: list[AreaCode] | None = Field(default=None, max_length=50)
    zrm: dict[ZrmDomain, ZrmScore] | None = Field(default=None, max_length=20)

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("mag niet leeg zijn")
        return value.strip() if value else value


class StatusChangeIn(Strict):
    target: PersonStatus
    reason: Annotated[str, Field(max_length=400, pattern=NO_CONTROL)] = ""
    on: SaneDate | None = Field(default=None,
                                description="Datum van de wijziging; standaard vandaag.")


class ConsentIn(Strict):
    purpose: Literal["bemiddeling", "regie", "signalering"]
    party: Code
    legal_basis: LegalBasis
    valid_from: SaneDate
    valid_until: SaneDate | None = None


class DwellingIn(Strict):
    """A vacancy (vrijkomende woning) as a corporation registers it."""

    buurt: AreaCode
    address: Annotated[str, Field(max_length=200, pattern=NO_CONTROL)] = ""
    rent: Rent
    rooms: int = Field(ge=1, le=20)
    housing_form: HousingForm = HousingForm.ZELFSTANDIG
    min_household: int = Field(default=1, ge=1, le=20)
    max_household: int = Field(default=20, ge=1, le=99)
    features: list[Feature] = Field(default_factory=list, max_length=len(FEATURES))
    complex: Code | None = None
    available_from: SaneDate | None = None


class RoundIn(Strict):
    """A matching round to run (matchingsronde)."""

    policy: Literal["optimal", "per_vacancy"] = Field(
        default="optimal", description="optimal: voorrang-maximaal; per_vacancy: huidige "
        "praktijk, elke vrijkomende woning naar de hoogst gerangschikte passende persoon.")
    dry_run: bool = Field(default=False, description="Proefronde: niets opslaan, niemand "
                          "voordragen; vergelijkt beide beleidsregels.")


def converted(data: dict[str, Any]) -> dict[str, Any]:
    """Pydantic lists → the domain's frozensets and tuples."""
    out = dict(data)
    for name in ("required_features", "allowed_forms", "features"):
        if out.get(name) is not None:
            out[name] = frozenset(out[name])
    for name in ("acceptable_areas", "preferred_areas"):
        if out.get(name) is not None:
            out[name] = tuple(out[name])
    return out


# --- Signals (signalering), issue 9 -------------------------------------------------------------

Euro = Annotated[Decimal | None, _amount_in(ARREARS)]


class SignalIn(Strict):
    """A signal a corporation raises about the tenant of one of its dwellings."""

    dwelling: Code = Field(description="Woning met een lopende verhuring via Woonregie")
    kind: SignalKind
    note: Annotated[str, Field(max_length=1000, pattern=NO_CONTROL)] = ""
    amount: Euro = Field(default=None, description="Huurachterstand in euro, bijv. 1.250,50 "
                         "(alleen bij huurachterstand)")
    months: int | None = Field(default=None, ge=1, le=120,
                               description="Aantal maanden huurachterstand")


class AcknowledgeIn(Strict):
    action: Annotated[str, Field(min_length=1, max_length=1000, pattern=NO_CONTROL,
                                 description="Welke actie de ontvanger onderneemt")]


class CloseIn(Strict):
    outcome: SignalOutcome


class ReturnIn(Strict):
    """A return (terugkeer) of a housed client: back to care, or registered again."""

    target: Literal["teruggevallen", "aangemeld"] = Field(
        description="teruggevallen: terug in zorg; aangemeld: opnieuw aangemeld na afsluiting")
    reason: Annotated[str, Field(max_length=400, pattern=NO_CONTROL)] = ""
    end_reason: EndReason = Field(default=EndReason.TERUG_IN_ZORG,
                                  description="Reden einde van de lopende plaatsing")
    on: SaneDate | None = Field(default=None, description="Datum; standaard vandaag.")


class DwellingEdit(Strict):
    """What a corporation changes on its dwelling page (services/dwellings.EDITABLE)."""

    address: Annotated[str, Field(max_length=200, pattern=NO_CONTROL)] = ""
    rent: Rent
    rooms: int = Field(ge=1, le=20)
    housing_form: HousingForm = HousingForm.ZELFSTANDIG
    min_household: int = Field(default=1, ge=1, le=20)
    max_household: int = Field(default=20, ge=1, le=99)
    features: list[Feature] = Field(default_factory=list, max_length=len(FEATURES))
    available_from: SaneDate | None = None
