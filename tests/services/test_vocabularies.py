"""The named vocabularies: complete, labelled, and the reason codes cover the engine's."""

from __future__ import annotations

import pytest

from woonregie.matching.engine import POLICIES
from woonregie.services.access import Principal, Role
from woonregie.services.round_reports import RoundPolicy
from woonregie.services.vocabularies import VOCABULARIES, vocabularies


@pytest.mark.parametrize("name", sorted(VOCABULARIES))
def test_every_label_reads_as_text_and_is_unique_within_its_vocabulary(name):
    labels = list(VOCABULARIES[name].labels().values())
    assert all(text[0].isupper() or text.startswith("…") for text in labels), labels
    assert len(set(labels)) == len(labels)


def test_round_policies_are_the_engines():
    assert set(RoundPolicy) == set(POLICIES)


def test_every_role_reads_the_vocabularies():
    from woonregie.domain.enums import OrgKind

    anyone = Principal(1, "x", Role.AUDITOR, "GEM", OrgKind.GEMEENTE)
    terms = vocabularies(anyone)
    assert terms["person_status"]["uitstroomklaar"] == "Uitstroomklaar"
    assert set(terms) == set(VOCABULARIES)
