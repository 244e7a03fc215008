"""Every command line call loads the whole command tree (Typer needs every command to print
`--help`), so a heavy library imported at module level is paid by every call, printing or not.
WeasyPrint (about a second), Altair (0.7 s) and a deliberate password hash (0.3 s) are loaded
where they are used; this keeps them there."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
import woonregie.cli.main
print(sorted(m for m in ('weasyprint', 'altair', 'vl_convert') if m in sys.modules))
"""


def test_the_command_tree_loads_no_pdf_or_chart_library():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "[]"


def test_an_unknown_user_still_takes_a_hash_verification():
    from woonregie.services import accounts

    accounts._dummy_hash.cache_clear()
    assert accounts._dummy_hash().startswith("$argon2")
    assert accounts._dummy_hash() is accounts._dummy_hash()
