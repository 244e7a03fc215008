"""SQLAlchemy table models. Lists (features, areas) are JSON columns: portable across SQLite and
PostgreSQL and always read and written whole with their row."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(10, 2, asdecimal=False)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AreaRow(Base):
    __tablename__ = "areas"
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    level: Mapped[str] = mapped_column(String(16))
    parent: Mapped[str | None] = mapped_column(ForeignKey("areas.code"), index=True)
    liveability: Mapped[int | None] = mapped_column(Integer)
    cap: Mapped[int | None] = mapped_column(Integer)


class OrganisationRow(Base):
    __tablename__ = "organisations"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(24))
    gemeente: Mapped[str | None] = mapped_column(ForeignKey("areas.code"))


class SupportTeamRow(Base):
    __tablename__ = "support_teams"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    organisation: Mapped[str] = mapped_column(ForeignKey("organisations.code"), index=True)
    areas: Mapped[list[str]] = mapped_column(JSON)
    capacity: Mapped[int] = mapped_column(Integer)


class ComplexRow(Base):
    __tablename__ = "complexes"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    corporation: Mapped[str] = mapped_column(ForeignKey("organisations.code"), index=True)
    buurt: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    cap: Mapped[int | None] = mapped_column(Integer)


class DwellingRow(Base):
    __tablename__ = "dwellings"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    corporation: Mapped[str] = mapped_column(ForeignKey("organisations.code"), index=True)
    buurt: Mapped[str] = mapped_column(ForeignKey("areas.code"), index=True)
    complex: Mapped[str | None] = mapped_column(ForeignKey("complexes.code"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    rent: Mapped[float] = mapped_column(Money)
    rooms: Mapped[int] = mapped_column(Integer)
    housing_form: Mapped[str] = mapped_column(String(24))
    min_household: Mapped[int] = mapped_column(Integer)
    max_household: Mapped[int] = mapped_column(Integer)
    features: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(24), index=True)
    available_from: Mapped[date | None] = mapped_column(Date)

    # Keyset pages in code order within a filter (store/pagination.py): an index range read of
    # one page instead of sorting every matching row; covering for the capped count too.
    __table_args__ = (
        Index("ix_dwellings_status_code", "status", "code"),
        Index("ix_dwellings_corporation_code", "corporation", "code"),
        # The region overview counts form × status from this index alone (no table read).
        Index("ix_dwellings_form_status", "housing_form", "status"),
        # A corporation's stock at one status, in code order.
        Index("ix_dwellings_corporation_status_code", "corporation", "status", "code"),
        # The monitor's stock per buurt and corporation from this index alone (concentratie).
        Index("ix_dwellings_buurt_corporation", "buurt", "corporation"),
    )


class PersonRow(Base):
    __tablename__ = "persons"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    target_group: Mapped[str] = mapped_column(String(24), index=True)
    care_provider: Mapped[str] = mapped_column(ForeignKey("organisations.code"), index=True)
    household_size: Mapped[int] = mapped_column(Integer)
    annual_income: Mapped[float] = mapped_column(Money)
    support_intensity: Mapped[str] = mapped_column(String(16))
    support_team: Mapped[str | None] = mapped_column(ForeignKey("support_teams.code"))
    zrm: Mapped[dict[str, int] | None] = mapped_column(JSON)
    legal_urgency: Mapped[bool] = mapped_column(Boolean, default=False)
    pension_age: Mapped[bool] = mapped_column(Boolean, default=False)
    required_features: Mapped[list[str]] = mapped_column(JSON)
    allowed_forms: Mapped[list[str]] = mapped_column(JSON)
    acceptable_areas: Mapped[list[str]] = mapped_column(JSON)
    preferred_areas: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(24), index=True)
    # Optimistic locking: every update checks and bumps it (see PersonRepository.save).
    version: Mapped[int] = mapped_column(Integer, default=1)

    # Keyset pages in key order for a care provider's caseworkers and per status.
    __table_args__ = (
        Index("ix_persons_care_provider_key", "care_provider", "key"),
        Index("ix_persons_status_key", "status", "key"),
        Index("ix_persons_target_group_key", "target_group", "key"),
        Index("ix_persons_provider_status_key", "care_provider", "status", "key"),
        # The region overview counts group × status from this index alone (no table read).
        Index("ix_persons_group_status", "target_group", "status"),
    )


class StatusTransitionRow(Base):
    __tablename__ = "status_transitions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(ForeignKey("persons.key", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(24))
    target: Mapped[str] = mapped_column(String(24))
    on_date: Mapped[date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(400), default="")
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        UniqueConstraint("person", "seq", name="uq_status_transitions_person_seq"),
        Index("ix_status_transitions_target_on_date", "target", "on_date"),
    )


class AgreementRow(Base):
    __tablename__ = "agreements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    gemeente: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    corporation: Mapped[str] = mapped_column(ForeignKey("organisations.code"))
    target_group: Mapped[str] = mapped_column(String(24))
    year: Mapped[int] = mapped_column(Integer)
    dwellings: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "gemeente", "corporation", "target_group", "year", name="uq_agreements_key"
        ),
    )


# --- Accounts, sessions, consent, matches and audit (issues 4, 7) -------------------------------


class UserRow(Base):
    """A person who logs in (gebruiker): one organisation, one role."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(160), default="")
    organisation: Mapped[str] = mapped_column(ForeignKey("organisations.code"), index=True)
    role: Mapped[str] = mapped_column(String(24))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ApiTokenRow(Base):
    """An API token for integrations; only its SHA-256 is stored, so a leak of the table
    does not leak usable tokens."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class AccountLinkRow(Base):
    """An invitation or password-reset link (uitnodiging, herstel): single use and expiring.
    Only the SHA-256 of its secret is stored; the link itself is shown once, to be passed on."""

    __tablename__ = "account_links"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(16))  # uitnodiging | herstel
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class WebSessionRow(Base):
    """A server-side login session; the cookie holds a random token, the table its hash."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class LoginAttemptRow(Base):
    """Failed logins by username and address: the input of login throttling (per account and per
    source address)."""

    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_login_attempts_username_address_at", "username", "address", "at"),
        Index("ix_login_attempts_address_at", "address", "at"),  # throttling per address
    )


class ConsentRow(Base):
    """Legal basis or consent (grondslag/toestemming) for sharing a person's data with one
    party for one purpose, valid in a date range (AVG art. 6 and 9)."""

    __tablename__ = "consents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(ForeignKey("persons.key", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(24))
    party: Mapped[str] = mapped_column(ForeignKey("organisations.code"))
    legal_basis: Mapped[str] = mapped_column(String(32))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    # Visibility (store/security.person_key_query): the persons a party may see for a purpose,
    # in key order, from the index alone.
    __table_args__ = (
        Index("ix_consents_party_purpose_person", "party", "purpose", "person", "valid_from"),
    )


class MatchRow(Base):
    """A match (bemiddeling): one person on the way into one dwelling (domain/match.py).

    `live` mirrors "the step still holds person and dwelling"; the partial unique indexes on it
    make a second live match for one dwelling or one person impossible even for writers that
    bypass the guarded claim."""

    __tablename__ = "matches"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    person: Mapped[str] = mapped_column(ForeignKey("persons.key", ondelete="CASCADE"), index=True)
    dwelling: Mapped[str] = mapped_column(ForeignKey("dwellings.code"), index=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("match_rounds.id", ondelete="SET NULL"))
    step: Mapped[str] = mapped_column(String(40))
    live: Mapped[bool] = mapped_column(Boolean)
    opened_on: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # the day the match entered its step (waiting days, stalls) and the day the support plan
    # was confirmed (from then on the corporation sees the match), issue 9
    step_on: Mapped[date | None] = mapped_column(Date)
    confirmed_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        Index("uq_matches_live_dwelling", "dwelling", unique=True,
              sqlite_where=text("live"), postgresql_where=text("live")),
        Index("uq_matches_live_person", "person", unique=True,
              sqlite_where=text("live"), postgresql_where=text("live")),
        # "wacht op mij" and stalls: the live matches of a step, oldest first
        Index("ix_matches_live_step_step_on", "live", "step", "step_on"),
    )


class MatchTransitionRow(Base):
    """One dated, attributed step change of a match (its history)."""

    __tablename__ = "match_transitions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    match_key: Mapped[str] = mapped_column(ForeignKey("matches.key", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(40))
    on_date: Mapped[date] = mapped_column(Date)
    by: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(400), default="")
    # what the step recorded: the support plan, the offer, a decline reason's code (issue 9)
    details: Mapped[dict[str, str] | None] = mapped_column(JSON)

    __table_args__ = (
        UniqueConstraint("match_key", "seq", name="uq_match_transitions_match_key_seq"),
    )


class DeclineReasonRow(Base):
    """A reason to decline a match, as the region configures it (domain/workflow.py)."""

    __tablename__ = "decline_reasons"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    declined_by: Mapped[str] = mapped_column(String(16))
    pause_days: Mapped[int] = mapped_column(Integer, default=0)
    urgency_lapses: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class StepDeadlineRow(Base):
    """The region's deadline per match step in days (NULL: no deadline)."""

    __tablename__ = "step_deadlines"
    step: Mapped[str] = mapped_column(String(40), primary_key=True)
    days: Mapped[int | None] = mapped_column(Integer)


class PersonPauseRow(Base):
    """A pause after a decline (geparkeerd tot): rounds skip the person until `until`, unless
    the regisseur lifted it; and the urgency lapse it brings (domain/workflow.LapseState)."""

    __tablename__ = "person_pauses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(ForeignKey("persons.key", ondelete="CASCADE"))
    match_key: Mapped[str | None] = mapped_column(String(32))
    reason_code: Mapped[str] = mapped_column(String(40))
    on_date: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    lapse: Mapped[str] = mapped_column(String(16))
    lifted_on: Mapped[date | None] = mapped_column(Date)
    lifted_by: Mapped[str | None] = mapped_column(String(64))
    lift_reason: Mapped[str] = mapped_column(String(400), default="")

    __table_args__ = (Index("ix_person_pauses_person_until", "person", "until"),)


class StallAlertRow(Base):
    """A stall alert raised once per match and step entry (`woonregie jobs run` is idempotent:
    the unique key makes a second run raise nothing new)."""

    __tablename__ = "stall_alerts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    match_key: Mapped[str] = mapped_column(ForeignKey("matches.key", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(40))
    step_on: Mapped[date] = mapped_column(Date)
    waiting_for: Mapped[str] = mapped_column(String(16))
    raised_on: Mapped[date] = mapped_column(Date)

    __table_args__ = (
        UniqueConstraint("match_key", "step", "step_on", name="uq_stall_alerts_match_key"),
    )


class PeriodicRunRow(Base):
    """The last run of a periodic task (`woonregie jobs run`), per task and period key."""

    __tablename__ = "periodic_runs"
    task: Mapped[str] = mapped_column(String(48), primary_key=True)
    period: Mapped[str] = mapped_column(String(32), primary_key=True)
    ran_at: Mapped[datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(String(400), default="")


class PlacementRow(Base):
    """A placement (verhuring): a signed tenancy of a person in a dwelling, with what it counts
    towards (the contingent agreement gemeente × corporation × group × year) and how it ended."""

    __tablename__ = "placements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[str] = mapped_column(ForeignKey("persons.key", ondelete="CASCADE"), index=True)
    dwelling: Mapped[str] = mapped_column(ForeignKey("dwellings.code"), index=True)
    match_key: Mapped[str | None] = mapped_column(ForeignKey("matches.key", ondelete="SET NULL"))
    corporation: Mapped[str] = mapped_column(ForeignKey("organisations.code"))
    gemeente: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    buurt: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    complex: Mapped[str | None] = mapped_column(ForeignKey("complexes.code"))
    housing_form: Mapped[str] = mapped_column(String(24))
    target_group: Mapped[str] = mapped_column(String(24))
    start_date: Mapped[date] = mapped_column(Date)
    agreement_year: Mapped[int] = mapped_column(Integer)
    end_date: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        UniqueConstraint("person", "start_date", name="uq_placements_person_start_date"),
        Index("ix_placements_agreement", "gemeente", "corporation", "target_group",
              "agreement_year"),
    )


class AuditRow(Base):
    """One entry of the append-only, hash-chained audit log (who, what, when, why)."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(64))
    organisation: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(24))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str | None] = mapped_column(String(64), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # HMAC-SHA256 of `hash` with a key kept outside the database (services/audit_anchor.py);
    # None for entries written before anchoring existed.
    mac: Mapped[str | None] = mapped_column(String(64))
    __table_args__ = (
        # The pages' time filter and newest-first keyset order (store/security.AuditRepository).
        Index("ix_audit_log_at_seq", "at", "seq"),
    )


class MatchRoundRow(Base):
    """A matching round (matchingsronde) as it was run: the record the regisseur answers to."""

    __tablename__ = "match_rounds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_at: Mapped[datetime] = mapped_column(DateTime)
    run_on: Mapped[date] = mapped_column(Date)  # the date waiting days and rent limits use
    run_by: Mapped[str] = mapped_column(String(64))
    policy: Mapped[str] = mapped_column(String(24))
    candidates: Mapped[int] = mapped_column(Integer)
    dwellings: Mapped[int] = mapped_column(Integer)
    housed: Mapped[int] = mapped_column(Integer)


class MatchLineRow(Base):
    """One person's outcome in a round: the proposed dwelling or why there was none."""

    __tablename__ = "match_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("match_rounds.id", ondelete="CASCADE"))
    person: Mapped[str] = mapped_column(ForeignKey("persons.key", ondelete="CASCADE"), index=True)
    dwelling: Mapped[str | None] = mapped_column(ForeignKey("dwellings.code"))
    rank: Mapped[int | None] = mapped_column(Integer)
    fit: Mapped[float | None] = mapped_column(Numeric(8, 3, asdecimal=False))
    codes: Mapped[list[str]] = mapped_column(JSON)
    reasons: Mapped[list[str]] = mapped_column(JSON)

    __table_args__ = (
        UniqueConstraint("round_id", "person", name="uq_match_lines_round_person"),
        Index("ix_match_lines_round_rank", "round_id", "rank"),  # a round's proposals by rank
    )


# --- Signals, three-party agreements (issue 9) -------------------------------------------------


class SignalRow(Base):
    """A signal (signaal) about a placement, from a corporation to the care provider or the
    gemeente (domain/signal.py). `action` is a care detail, never shown to the corporation."""

    __tablename__ = "signals"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    person: Mapped[str] = mapped_column(ForeignKey("persons.key", ondelete="CASCADE"), index=True)
    dwelling: Mapped[str] = mapped_column(ForeignKey("dwellings.code"))
    corporation: Mapped[str] = mapped_column(ForeignKey("organisations.code"))
    care_provider: Mapped[str] = mapped_column(ForeignKey("organisations.code"))
    gemeente: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    route: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(ForeignKey("organisations.code"))
    kind: Mapped[str] = mapped_column(String(24))
    raised_on: Mapped[date] = mapped_column(Date)
    raised_by: Mapped[str] = mapped_column(String(64))
    due_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(1000), default="")
    arrears_amount: Mapped[float | None] = mapped_column(Money)
    arrears_months: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(1000), default="")
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    escalated_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(32))
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        Index("ix_signals_corporation_raised_on", "corporation", "raised_on"),
        Index("ix_signals_recipient_status", "recipient", "status"),
        Index("ix_signals_status_due_on", "status", "due_on"),
    )


class SignalRuleRow(Base):
    """A gemeente's own acknowledgement days per kind of signal (default: domain/signal.py)."""

    __tablename__ = "signal_rules"
    gemeente: Mapped[str] = mapped_column(ForeignKey("areas.code"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    acknowledge_days: Mapped[int] = mapped_column(Integer)


class AgreementTemplateRow(Base):
    """A gemeente's own template of the driepartijenovereenkomst (Jinja2, sandboxed)."""

    __tablename__ = "agreement_templates"
    gemeente: Mapped[str] = mapped_column(ForeignKey("areas.code"), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class TenancyAgreementRow(Base):
    """The driepartijenovereenkomst as generated when the contract was signed (HTML); the PDF is
    printed from it on request, so the document stays as it was signed."""

    __tablename__ = "tenancy_agreements"
    match_key: Mapped[str] = mapped_column(ForeignKey("matches.key", ondelete="CASCADE"),
                                           primary_key=True)
    person: Mapped[str] = mapped_column(ForeignKey("persons.key", ondelete="CASCADE"), index=True)
    corporation: Mapped[str] = mapped_column(ForeignKey("organisations.code"))
    care_provider: Mapped[str] = mapped_column(ForeignKey("organisations.code"))
    gemeente: Mapped[str] = mapped_column(ForeignKey("areas.code"))
    generated_on: Mapped[date] = mapped_column(Date)
    html: Mapped[str] = mapped_column(Text)


class AreaFiguresRow(Base):
    """CBS Kerncijfers wijken en buurten and Leefbaarometer figures of one area (kerncijfers),
    as imported; None where the source has no figure ('.' in CBS files)."""

    __tablename__ = "area_figures"
    area: Mapped[str] = mapped_column(ForeignKey("areas.code", ondelete="CASCADE"),
                                      primary_key=True)
    inhabitants: Mapped[int | None] = mapped_column(Integer)
    households: Mapped[int | None] = mapped_column(Integer)
    dwellings: Mapped[int | None] = mapped_column(Integer)
    owner_pct: Mapped[float | None] = mapped_column(Numeric(5, 1, asdecimal=False))
    corporation_pct: Mapped[float | None] = mapped_column(Numeric(5, 1, asdecimal=False))
    liveability_score: Mapped[float | None] = mapped_column(Numeric(8, 4, asdecimal=False))
    liveability_class: Mapped[int | None] = mapped_column(Integer)


class BuurtGeometryRow(Base):
    """The shape of one buurt from an imported GeoJSON file (CBS wijk- en buurtkaart), as a
    GeoJSON geometry; `planar`: coordinates in metres (RD New) rather than degrees (WGS84).
    Buurten without a row get synthetic shapes on the map (monitor/geometry.py)."""

    __tablename__ = "buurt_geometries"
    buurt: Mapped[str] = mapped_column(ForeignKey("areas.code", ondelete="CASCADE"),
                                       primary_key=True)
    geometry: Mapped[str] = mapped_column(Text)
    planar: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(160))
    imported_at: Mapped[datetime] = mapped_column(DateTime)


OPEN_JOB = text("status IN ('wachtend', 'bezig')")


class JobRow(Base):
    """A background job (achtergrondtaak, services/jobs.py): what to run, who asked, where it
    is. `claim` is the token of the worker's current claim: every write of a running job is
    guarded by it, so a worker whose lease ran out can no longer finish the job."""

    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(48))
    params: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    exclusive_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(Integer)
    organisation: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=1)
    claim: Mapped[str | None] = mapped_column(String(80))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime)
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    progress_message: Mapped[str] = mapped_column(String(200), default="")
    result_ref: Mapped[str | None] = mapped_column(String(200))
    result: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        Index("ix_jobs_status_id", "status", "id"),
        Index("ix_jobs_user_id_id", "user_id", "id"),
        # One open job per exclusive key (e.g. one matching round per region at a time): the
        # database refuses the second, whatever the callers checked before.
        Index("uq_jobs_open_exclusive", "exclusive_key", unique=True,
              sqlite_where=OPEN_JOB, postgresql_where=OPEN_JOB),
    )
