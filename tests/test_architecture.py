"""The layer order of README's design section, enforced: import-linter checks the contracts in
pyproject.toml ([tool.importlinter]) against the real import graph, so a module that imports
against the order (say `domain` importing `services`, or `web` importing `api`) fails the
suite with the offending import chain in the output."""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_imports_follow_the_layer_contracts():
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True) == 0
