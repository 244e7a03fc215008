"""Keep data from becoming a formula when a person opens an export in Excel (CSV injection).

A cell that starts with `=`, `+`, `-`, `@`, tab or carriage return is taken as a formula by Excel
and LibreOffice when a CSV file is opened, so a client named `=HYPERLINK(…)` would run in the
spreadsheet of whoever opens the export. OWASP's advice, followed here: in CSV such text gets a
leading apostrophe, which spreadsheets show as "this is text" and do not display; in xlsx the
cell is written as a string with Excel's quote prefix, so it stays text even when edited.

The reader undoes the CSV apostrophe (`restore`), so an export read back in is the same data.
Machine formats (JSON: the API, the audit export, the match instance) are not touched: no
spreadsheet evaluates them, and a program must see the exact value.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """The text as a CSV cell a spreadsheet will not evaluate."""
    return QUOTE + text if is_formula_like(text) else text


def restore(text: str) -> str:
    """Undo `neutralise` on a cell read from a file."""
    if text.startswith(QUOTE) and is_formula_like(text[1:]):
        return text[1:]
    return text
