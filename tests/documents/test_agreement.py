"""The agreement renderer: Dutch dates and amounts, the sandbox, strict names, line numbers."""

from __future__ import annotations

from datetime import date

import pytest

from woonregie.documents import agreement as doc


def test_dutch_dates_and_amounts():
    assert doc.long_date(date(2025, 11, 3)) == "3 november 2025"
    assert doc.euro(1250.5) == "€ 1.250,50" and doc.euro(612) == "€ 612,00"
    assert doc.euro(1234567.891) == "€ 1.234.567,89"


@pytest.mark.parametrize("template, message", [
    ("<p>\n\n{% for %}</p>", "regel 3"),
    ("{{ nergens }}", "nergens"),
    ("{{ ''.__class__.__mro__ }}", "unsafe"),
    ("   ", "leeg"),
])
def test_bad_templates_are_refused_in_dutch(template, message):
    with pytest.raises(doc.TemplateRefused, match=message):
        doc.check(template, {"tenant": {"name": "X"}})


def test_names_are_escaped():
    html = doc.render({"name": "<b>x</b>"}, "<p>{{ name }}</p>")
    assert html == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
