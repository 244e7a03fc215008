"""Vocabularies: each member is its code and carries its Dutch label beside it."""

from __future__ import annotations

import json

import pytest

from woonregie.domain.enums import Feature, HousingForm, TargetGroup
from woonregie.domain.status import PersonStatus
from woonregie.domain.vocabulary import Vocabulary, label_of


def test_a_member_is_its_code_and_carries_its_label():
    assert TargetGroup("dakloos") is TargetGroup.DAKLOOS
    assert TargetGroup.DAKLOOS == "dakloos" and str(TargetGroup.DAKLOOS) == "dakloos"
    assert json.dumps(HousingForm.ZELFSTANDIG) == '"zelfstandig"'
    assert HousingForm.ZELFSTANDIG.label == "Zelfstandige woning"
    assert PersonStatus.labels()["in_voorbereiding"] == "In voorbereiding"


def test_label_of_a_member_a_code_or_something_unknown():
    assert label_of(Feature.ROLSTOEL) == "Rolstoeltoegankelijk"
    assert label_of("rolstoel", Feature) == "Rolstoeltoegankelijk"
    assert label_of("zwembad", Feature) == "zwembad"  # an old code is shown, never an error
    assert label_of(None) == ""


def test_a_new_code_cannot_come_without_a_label():
    with pytest.raises(TypeError):
        class Half(Vocabulary):  # noqa: F841
            ALLEEN_CODE = "alleen_code"
