"""The weekly digest (weekoverzicht) as an e-mail-ready HTML page and its plain-text twin.

Our own templates (not a gemeente's), so a plain autoescaping environment: the HTML escapes
every value, the text version is plain. The digest itself (what waits, what stalled) is put
together by services/digests.py; this module only writes it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from woonregie.domain.vocabulary import label_of

HERE = Path(__file__).parent / "templates"
_HTML = Environment(loader=FileSystemLoader(HERE), autoescape=True, undefined=StrictUndefined)
_TEXT = Environment(loader=FileSystemLoader(HERE), autoescape=False, undefined=StrictUndefined,
                    keep_trailing_newline=True)


def render_digest(digest: Any) -> tuple[str, str]:
    """(HTML, plain text) of one organisation's digest."""
    html = _HTML.get_template("weekoverzicht.html").render(d=digest, label=label_of)
    text = _TEXT.get_template("weekoverzicht.txt").render(d=digest, label=label_of)
    return html, text
