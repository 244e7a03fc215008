"""Console entry point `woonregie`: `match --instance FILE --json` and `monitor ... --json`
take fast paths.

The first (see instance_match.py) needs neither typer/rich nor the database, web or password
layers; the second (monitor_json.py) reads the monitor over a plain DB-API connection without
Typer, Rich or the ORM. Every other command line, or any option a fast path does not know,
goes to the Typer app in cli/main.py unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _fast_args(argv: list[str]) -> tuple[Path, str] | None:
    """(instance, policy) for exactly `match --instance F --json [--policy P]`, else None."""
    if not argv or argv[0] != "match":
        return None
    values = {"--instance": None, "--policy": "optimal", "--json": None}
    rest = iter(argv[1:])
    for arg in rest:
        name, eq, value = arg.partition("=")
        if name == "--json" and not eq:
            values["--json"] = "ja"
        elif name in ("--instance", "--policy"):
            values[name] = value if eq else next(rest, None)
            if values[name] is None:
                return None
        else:
            return None
    if values["--instance"] is None or values["--json"] is None:
        return None
    return Path(values["--instance"]), str(values["--policy"])


def _one_blas_thread() -> None:
    """The engine never calls BLAS (no linear algebra), but numpy's OpenBLAS starts a thread
    per core when it is imported: ~0.04 s CPU per process on a 2-core machine. Set before
    numpy is imported; a value the user set is kept."""
    import os

    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def main() -> None:
    fast = _fast_args(sys.argv[1:])
    if fast is not None:
        _one_blas_thread()
        from woonregie.cli.instance_match import run_json

        sys.exit(run_json(*fast))
    if "monitor" in sys.argv[1:] and "--json" in sys.argv[1:]:
        from woonregie.cli import monitor_json

        answered = monitor_json.run(sys.argv[1:])
        if answered is not None:
            sys.exit(answered)
    from woonregie.cli.main import app

    app()
