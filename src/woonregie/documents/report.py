"""The monitor's report (rapportage) as one self-contained HTML page: every chart inline as
SVG, every table as text, the style sheet in the page; nothing is fetched when it is opened,
so it can be mailed, archived, attached to a council letter — and printed to PDF (pdf.py)
from the same HTML, so the PDF carries exactly the page's figures.

Knows nothing of the monitor: the service hands it sections of ready text and SVG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Section:
    """One figure: a chart (SVG text, or empty) above its table (cells as text)."""

    name: str
    title: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""
    svg: str = ""
    description: str = ""
    hidden_rows: int = 0  # rows left out here (the workbook holds them)
    numeric: list[bool] = field(default_factory=list)  # per column: right-aligned numbers
    map_png: str = ""  # a map as a PNG data: URL (thousands of shapes print faster as an image)
    map_description: str = ""
    map_note: str = ""


@dataclass
class Report:
    title: str
    subtitle: str
    made_at: datetime
    sections: list[Section] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    workbook: str = ""  # file name of the workbook with every row


_XML_PROLOGUE = re.compile(r"^\s*<\?xml[^>]*\?>\s*")


def inline_svg(svg: str) -> Markup:
    """SVG drawn by vl-convert from our own specs (its text escaped by the renderer), as
    markup to place in the page; an XML prologue is not allowed inside HTML."""
    return Markup(_XML_PROLOGUE.sub("", svg))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html"]))
    env.filters["inline_svg"] = inline_svg
    return env


def report_html(report: Report) -> str:
    return _environment().get_template("report.html").render(report=report)
