"""Benchmark of the matching engine: `python bench/matching.py [--sizes regional,large,national]`.

For each size, with and without support-team caps, it measures in a fresh subprocess per
measurement (so memory peaks do not mix): the engine (`optimal`, explanations included), the
`per_vacancy` baseline, and a reference: a plain OR-Tools SimpleMinCostFlow over explicitly listed
eligible person x dwelling pairs with rank-following weights (no classes). Peak memory is the
subprocess's maximum resident set size (ru_maxrss), which includes Python, numpy, OR-Tools and the
loaded instance; "solve MB" is how much the peak grew during the measured call. The reference
runs at every size (the calibrated national round has ~28 million eligible pairs; it takes tens of
seconds and a few GB); `--no-reference` skips it. A second table, "extra gehuisvest t.o.v.
per_vacancy", shows per instance how many more people the engine houses than the per-vacancy
practice (the `krap` instance is where the difference shows).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = {  # people, dwellings, buurten
    "regional": (5_000, 1_000, 60),
    # a tight regional round (few candidates per dwelling): where per-vacancy loses placements
    "krap": (1_200, 1_000, 60),
    "large": (20_000, 5_000, 150),
    "national": (100_000, 20_000, 500),
}
SEED = 1


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(path: str):
    from woonregie.matching.instance import load_instance

    data = json.loads(Path(path).read_text())
    round_ = load_instance(data, validate=False)
    del data
    gc.collect()
    return round_


def measure(kind: str, path: str, repeat: int) -> dict:
    """Runs inside the subprocess: time (best of `repeat`), peak memory and housed count."""
    round_ = _load(path)
    if kind == "reference":
        from reference_flow import reference_solve  # type: ignore[import-not-found]

        run = lambda: reference_solve(round_)  # noqa: E731
    else:
        from woonregie.matching.engine import solve

        policy = "optimal" if kind == "engine" else "per_vacancy"
        run = lambda: solve(round_, policy).housed  # noqa: E731
    before = _maxrss_mb()
    best, housed = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        housed = run()
        best = min(best, time.perf_counter() - start)
    return {
        "seconds": best,
        "peak_mb": _maxrss_mb(),
        "solve_mb": _maxrss_mb() - before,
        "housed": housed,
    }


def _child(kind: str, path: str, repeat: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--file", path, "--repeat", str(repeat)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "fout"}
    return json.loads(out.stdout)


def _table(rows: list[dict]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # pragma: no cover - rich is a dependency, plain text as fallback
        for row in rows:
            print(row)
        return
    table = Table(title="Woonregie matching benchmark")
    for col in ("size", "team caps", "what", "time (s)", "peak MB", "solve MB", "housed"):
        table.add_column(col, justify="right" if col not in ("size", "what") else "left")
    for r in rows:
        if "error" in r:
            table.add_row(r["size"], r["teams"], r["what"], "-", "-", "-", r["error"][:40])
            continue
        table.add_row(
            r["size"],
            r["teams"],
            r["what"],
            f"{r['seconds']:.3f}",
            f"{r['peak_mb']:.0f}",
            f"{r['solve_mb']:.0f}",
            str(r["housed"]),
        )
    Console(width=110).print(table)
    _extra_table(rows, Console(width=110), Table)


def _extra_table(rows: list[dict], console, table_cls) -> None:
    """Engine vs per_vacancy housed counts per instance (and the reference, for scale)."""
    housed: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        if "error" not in r:
            housed.setdefault((r["size"], r["teams"]), {})[r["what"]] = r["housed"]
    table = table_cls(title="Extra gehuisvest t.o.v. per_vacancy (engine − per_vacancy)")
    for col in ("size", "team caps", "engine", "per_vacancy", "extra", "reference"):
        table.add_column(col, justify="left" if col == "size" else "right")
    for (size, teams), got in housed.items():
        if "engine" not in got or "per_vacancy" not in got:
            continue
        extra = got["engine"] - got["per_vacancy"]
        table.add_row(
            size,
            teams,
            str(got["engine"]),
            str(got["per_vacancy"]),
            f"{extra:+d}",
            str(got.get("reference", "-")),
        )
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="regional,krap,large,national",
        help="comma-separated: " + ",".join(SIZES),
    )
    parser.add_argument("--no-reference", action="store_true", help="skip the pair-level flow")
    parser.add_argument("--with-national-reference", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=0, help="timing repeats (default: auto)")
    args = parser.parse_args()
    if args.measure:
        sys.path.insert(0, str(Path(__file__).parent))
        print(json.dumps(measure(args.measure, args.file, max(1, args.repeat))))
        return
    from woonregie.matching.generate import generate_instance

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            people, dwellings, areas = SIZES[size]
            repeat = args.repeat or (5 if people <= 5_000 else 1)
            for teams in (True, False):
                path = Path(tmp) / f"{size}-{teams}.json"
                path.write_text(
                    json.dumps(generate_instance(people, dwellings, areas, SEED, teams))
                )
                kinds = ["engine", "per_vacancy"]
                if not args.no_reference:
                    kinds.append("reference")
                for kind in kinds:
                    row = _child(kind, str(path), repeat)
                    row |= {
                        "size": f"{size} {people:,}×{dwellings:,}",
                        "teams": "ja" if teams else "nee",
                        "what": kind,
                    }
                    rows.append(row)
                    print(json.dumps(row), file=sys.stderr)
    _table(rows)


if __name__ == "__main__":
    main()
