"""The one state-machine helper: transitions as data, and which rule a refusal broke."""

from datetime import date

import pytest

from woonregie.domain.errors import IllegalTransition
from woonregie.domain.match import MACHINE as MATCH_MACHINE
from woonregie.domain.match import MatchStep
from woonregie.domain.state_machine import Rule
from woonregie.domain.status import MACHINE as PERSON_MACHINE
from woonregie.domain.status import PersonStatus as S

D = date(2026, 3, 2)


@pytest.mark.parametrize(("source", "target", "reason", "last_on", "rule", "text"), [
    (S.AANGEMELD, S.GEHUISVEST, "", None, Rule.NOT_ALLOWED, "alleen toegestaan"),
    (S.UITSTROOMKLAAR, S.UITSTROOMKLAAR, "", None, Rule.NOT_ALLOWED, "heeft al status"),
    (S.UITSTROOMKLAAR, S.TERUGGEVALLEN, " ", None, Rule.REASON_MISSING, "reden is verplicht"),
    (S.UITSTROOMKLAAR, S.IN_VOORBEREIDING, "", date(2026, 3, 3), Rule.DATE_BEFORE_LAST,
     r"02-03-2026 ligt voor de vorige wijziging \(03-03-2026\)"),
])
def test_person_machine_names_the_rule_that_failed(source, target, reason, last_on, rule, text):
    with pytest.raises(IllegalTransition, match=text) as caught:
        PERSON_MACHINE.check(source, target, D, last_on, reason)
    assert caught.value.rule == rule


def test_the_rules_are_checked_in_order_allowed_then_reason_then_date():
    with pytest.raises(IllegalTransition) as caught:
        PERSON_MACHINE.check(S.AANGEMELD, S.TERUGGEVALLEN, D, date(2027, 1, 1), "")
    assert caught.value.rule == Rule.NOT_ALLOWED


def test_match_machine_uses_dutch_labels_and_ends_are_final():
    with pytest.raises(IllegalTransition, match="alleen toegestaan: geen") as caught:
        MATCH_MACHINE.check(MatchStep.INGETROKKEN, MatchStep.VOORGESTELD, D, None, "")
    assert caught.value.rule == Rule.NOT_ALLOWED
    with pytest.raises(IllegalTransition, match="reden"):
        MATCH_MACHINE.check(MatchStep.VOORGESTELD, MatchStep.INGETROKKEN, D, None, "")
    MATCH_MACHINE.check(MatchStep.GEACCEPTEERD, MatchStep.CONTRACT_GETEKEND, D, D, "")
