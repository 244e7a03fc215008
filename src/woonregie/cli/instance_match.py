"""`woonregie match --instance FILE --json` without the CLI framework (the fast entry path).

Researchers and the benchmark run this command over and over and it needs only the engine, so
`launch.main` parses its few options by hand and calls `run_json`, skipping typer and rich at
start-up. `read_instance` is shared with the Typer command (match_cli), so both word a bad file
the same way: Dutch message on stderr, exit code 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

EXIT_INVALID = 2
POLICIES = ("optimal", "per_vacancy")  # = matching.engine.POLICIES (a test checks they agree)


class InstanceFileError(Exception):
    """The instance file cannot be read or parsed (Dutch message)."""


def read_instance(path: Path) -> dict:
    import orjson  # parses a national instance ~2x faster than json

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InstanceFileError(f"Kan instantie niet lezen: {path}: {exc.strerror}") from exc
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass  # orjson's message has no line/column: let json word the error
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f"regel {exc.lineno}, kolom {exc.colno}" if hasattr(exc, "lineno") else "UTF-8"
        raise InstanceFileError(f"Ongeldige JSON in {path}: {where}") from exc


def policy_error(policy: str) -> str | None:
    if policy in POLICIES:
        return None
    return f"Onbekend beleid {policy!r}; kies uit: {', '.join(POLICIES)}."


def run_json(path: Path, policy: str) -> int:
    """Solve the instance file and write the result JSON to stdout; the exit code."""
    problem = policy_error(policy)
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_INVALID
    import gc

    from woonregie.matching.engine import solve
    from woonregie.matching.instance import InstanceError, load_instance

    gc.disable()  # the process ends after one round; see matching/gc_pause.py

    try:
        round_ = load_instance(read_instance(path))
    except (InstanceFileError, InstanceError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    result = solve(round_, policy)
    sys.stdout.flush()
    sys.stdout.buffer.write(result.dumpb())
    sys.stdout.buffer.flush()
    return 0
