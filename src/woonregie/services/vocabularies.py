"""The vocabularies users meet, by name: every coded value the register shows, each with its
Dutch label (defined beside its enum, domain/vocabulary.py). The pages take their labels from
here (template globals), the API publishes them (`GET /api/v1/vocabularies`), so a client shows
the same words as the pages."""

from __future__ import annotations

from woonregie.domain.enums import (
    AreaLevel,
    DwellingStatus,
    Feature,
    HousingForm,
    OrgKind,
    SupportIntensity,
    TargetGroup,
)
from woonregie.domain.match import MatchStep
from woonregie.domain.placement import EndReason
from woonregie.domain.signal import SignalKind, SignalOutcome, SignalRoute, SignalStatus
from woonregie.domain.status import PersonStatus
from woonregie.domain.vocabulary import Vocabulary
from woonregie.domain.workflow import Decliner, LapseState, MatchAction, Party
from woonregie.services.access import Action, IncomeBand, Principal, Purpose, Role, require
from woonregie.services.audit import AuditAction, AuditEntity
from woonregie.services.consent import LegalBasis
from woonregie.services.round_reports import RoundPolicy, UnhousedReason

VOCABULARIES: dict[str, type[Vocabulary]] = {
    "target_group": TargetGroup, "person_status": PersonStatus, "housing_form": HousingForm,
    "dwelling_status": DwellingStatus, "feature": Feature, "support_intensity": SupportIntensity,
    "org_kind": OrgKind, "area_level": AreaLevel, "income_band": IncomeBand,
    "legal_basis": LegalBasis, "purpose": Purpose, "role": Role, "audit_action": AuditAction,
    "audit_entity": AuditEntity, "round_policy": RoundPolicy, "unhoused_reason": UnhousedReason,
    "match_step": MatchStep, "end_reason": EndReason,
    "signal_kind": SignalKind, "signal_status": SignalStatus, "signal_outcome": SignalOutcome,
    "signal_route": SignalRoute,
    # the three-party workflow (issue 9)
    "match_action": MatchAction, "party": Party, "decliner": Decliner,
    "lapse_state": LapseState,
}


def vocabularies(principal: Principal) -> dict[str, dict[str, str]]:
    """{vocabulary: {code: Dutch label}} — reference data, readable by every role."""
    require(principal, Action.REFERENCE_READ)
    return {name: vocabulary.labels() for name, vocabulary in VOCABULARIES.items()}
