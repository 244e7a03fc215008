"""Render the driepartijenovereenkomst from a template: the shipped default or a gemeente's own.

A gemeente edits its template, so templates are untrusted input: they run in Jinja2's sandbox
(no attribute access to internals), with autoescaping (a name cannot inject markup) and strict
undefined names (a typo is an error at upload, not a blank in a signed document). `check`
renders a template once with example facts and says in Dutch what is wrong, with the line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from woonregie.domain.vocabulary import label_of

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "driepartijenovereenkomst.html"
MAX_TEMPLATE_CHARS = 100_000

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def long_date(value: date | None) -> str:
    """3 november 2025."""
    return "" if value is None else f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def euro(value: float | Decimal | None) -> str:
    """€ 1.250,50 (Dutch separators)."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
    env.filters.update({"datum": long_date, "euro": euro, "label": label_of})
    return env


ENV = _environment()


class TemplateRefused(ValueError):
    """A template that does not render; the message is Dutch and names the line."""


@lru_cache(maxsize=1)
def default_template() -> str:
    return DEFAULT_TEMPLATE.read_text(encoding="utf-8")


@lru_cache(maxsize=64)
def _compiled(template: str) -> Template:
    """Compiling costs tens of milliseconds; a gemeente's template is compiled once."""
    return ENV.from_string(template)


def render(facts: dict[str, Any], template: str | None = None) -> str:
    """The agreement as HTML, from `template` (default: the shipped one)."""
    try:
        return _compiled(template or default_template()).render(**facts)
    except TemplateSyntaxError as exc:
        raise TemplateRefused(f"regel {exc.lineno}: {exc.message}") from None
    except TemplateError as exc:
        raise TemplateRefused(f"het sjabloon kan niet worden gevuld: {exc}") from None


def check(template: str, example: dict[str, Any]) -> None:
    """Raise TemplateRefused unless `template` renders the example facts."""
    if not template.strip():
        raise TemplateRefused("het sjabloon is leeg")
    if len(template) > MAX_TEMPLATE_CHARS:
        raise TemplateRefused(f"het sjabloon is langer dan {MAX_TEMPLATE_CHARS:,} tekens"
                              .replace(",", "."))
    render(example, template)
