import re

import pytest

from woonregie.domain.characters import ALLOWED_TEXT_PATTERN, forbidden_character


@pytest.mark.parametrize("text", ["Jan Jansen", "Émilie d'Ançay", "Ĳsbrand", "محمد", "😀",
                                  "=1+1", "'t Gooi", ""])
def test_ordinary_text_of_any_script_is_allowed(text):
    assert forbidden_character(text) is None
    assert re.match(ALLOWED_TEXT_PATTERN, text)


@pytest.mark.parametrize("text,words", [
    ("a\x00b", "NUL-teken (U+0000)"), ("a\tb", "besturingsteken (U+0009"),
    ("a\x7f", "besturingsteken (U+007F"), ("a\x9b", "besturingsteken (U+009B"),
    ("a\u202eb", "tekstrichting (U+202E)"), ("a\u2067b", "tekstrichting (U+2067)"),
    ("a\u200fb", "tekstrichting (U+200F)"), ("a\u061cb", "tekstrichting (U+061C)"),
])
def test_control_and_bidi_characters_are_named(text, words):
    assert words in forbidden_character(text)
    assert not re.match(ALLOWED_TEXT_PATTERN, text)
