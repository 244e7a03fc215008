"""The form helper: how a refusal becomes the messages beside the fields."""

from __future__ import annotations

from woonregie.domain.errors import DomainError, IllegalTransition
from woonregie.services.persons import FieldError
from woonregie.web.forms import FormError, errors_of, message_of


def test_an_error_that_names_its_field_gets_the_fields_dutch_label():
    assert errors_of(FieldError("acceptable_areas", "onbekend gebied: WK9")) == {
        "acceptable_areas": "Acceptabele gebieden: onbekend gebied: WK9"}


def test_an_unnamed_error_goes_to_the_default_field_or_the_whole_form():
    assert errors_of(DomainError("huur kan niet negatief zijn"), "rent") == {
        "rent": "Huur: huur kan niet negatief zijn"}
    moved = IllegalTransition("aangemeld", "gehuisvest", "niet toegestaan")
    assert errors_of(moved) == {"invoer": str(moved)}
    assert errors_of(FormError("policy", "Kies een beleid.")) == {"policy": "Kies een beleid."}


def test_message_of_joins_the_errors_for_single_message_forms():
    assert message_of({"a": "Eén.", "b": "Twee."}) == "Eén.; Twee."
