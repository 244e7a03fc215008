"""Which characters free text may hold (tekens): one rule for the API, the pages and imports.

Refused are control characters (C0 including NUL, DEL and C1), which no name, address or reason
needs, which PostgreSQL refuses in text (NUL) and which break CSV and terminals; and the
invisible bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), with which
a name can be made to display as something else ("Trojan Source"). Ordinary letters of every
script, accents and emoji are all fine.
"""

from __future__ import annotations

import re

FORBIDDEN_CLASS = r"\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""As a regex character class body; the escapes mean the same in Python's `re` and in the Rust
regex engine pydantic uses, so the API's field pattern is built from this same string."""
ALLOWED_TEXT_PATTERN = rf"^[^{FORBIDDEN_CLASS}]*$"

_FORBIDDEN = re.compile(f"[{FORBIDDEN_CLASS}]")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def forbidden_character(text: str) -> str | None:
    """A Dutch description of the first refused character in `text`, or None when it is fine."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        return f"bevat een NUL-teken ({code}), dat is niet toegestaan"
    if char in _BIDI:
        return f"bevat een onzichtbaar teken voor tekstrichting ({code}), dat is niet toegestaan"
    return f"bevat een besturingsteken ({code}, bijvoorbeeld tab of regeleinde), dat is niet " \
        "toegestaan"
