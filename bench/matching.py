"""Benchmark of the matching engine: `python bench/matching.py [--sizes regional,large,national]`.

What a user waits for is the whole command, so the main rows time the WHOLE process
`woonregie match --instance FILE --json` (interpreter start, imports, JSON parsing, schema check,
solve, explanations, JSON output) beside the same for the pair-level reference
(`python bench/reference_flow.py FILE`: a plain OR-Tools min-cost flow over every eligible
person x dwelling pair, loading the file the same way). Each process runs on its own; its time is
wall clock and its peak memory the process's maximum resident set size (`os.wait4`). The
in-process rows time only `solve()` (engine) and `reference_solve()` (reference) on a round
loaded beforehand, each in a fresh subprocess, and the `per_vacancy` baseline for the "extra
gehuisvest" table.

Three generators: `limits` (the calibrated generator: maximum rents are the passend-toewijzen
limits), `individual` (individual maximum rents and random area sets: grouping compresses least) and
`rents` (individual maximum rents, calibrated search areas: rent is all that differs). Every size
runs with and without support-team caps. `--base PATH/woonregie` adds the same command from a
second checkout (rows `base`: "before" and "after" in one run). `ratio` is engine (or base)
process time over reference process time
in the same run (target: at most 0.5); `cpu` is the user + system CPU time of the process (or of the
call), which a busy shared machine distorts far less than wall time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
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
HERE = Path(__file__).resolve().parent


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
    best, cpu, housed = float("inf"), float("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        housed = run()
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return {"seconds": best, "cpu": cpu, "peak_mb": _maxrss_mb(), "housed": housed}


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


def _processes(commands: dict[str, list[str]], repeat: int) -> dict[str, dict]:
    """Whole processes, round-robin: each round runs every command once, so a slow spell of the
    machine hits all of them alike (it varies by up to 40 % here). Per command: best wall time,
    best CPU, peak RSS and the housed count it printed, or the error of its first failure."""
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            if not runs[name] or "error" not in runs[name][-1]:
                runs[name].append(_process_once(argv))
    return {name: _best(got) for name, got in runs.items()}


def _best(runs: list[dict]) -> dict:
    failed = [r for r in runs if "error" in r]
    if failed:
        return failed[0]
    return {
        "seconds": min(r["seconds"] for r in runs),
        "cpu": min(r["cpu"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
        "housed": runs[-1]["housed"],
    }


def _process_once(argv: list[str]) -> dict:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=_CHILD_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            lines = err.read().decode(errors="replace").strip().splitlines()
            return {"error": lines[-1] if lines else f"exit {code}"}
        out.seek(0)
        return {
            "seconds": seconds,
            "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024,
            "housed": _housed(out),
        }


# Timed processes may write bytecode (an installed package has it): with PYTHONDONTWRITEBYTECODE
# set, as on some CI machines, a `--base` checkout's modules would be compiled from source in every
# process (~0.1 s), which `_compile_bytecode` cannot prevent for a checkout it does not know.
_CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _housed(out) -> int:
    """The housed count a finished process printed: the engine's JSON ends with
    `"housed": N}`, the reference prints N last. Only the tail is read: parsing a national
    engine's output here (tens of MB) would raise this process's peak memory, and every later
    child starts its peak (`ru_maxrss`) at its parent's, which spoilt the later rows' peak MB."""
    out.seek(0, os.SEEK_END)
    out.seek(max(0, out.tell() - 200))
    tail = out.read().decode(errors="replace")
    found = re.search(r'"housed":\s*(\d+)\s*}\s*$', tail)
    return int(found.group(1) if found else tail.strip().splitlines()[-1])


def _woonregie() -> str:
    exe = Path(sys.executable).with_name("woonregie")
    return str(exe) if exe.exists() else "woonregie"


def _rows_for(path: str, repeat: int, reference: bool, base: str | None = None) -> list[dict]:
    commands = {"engine": [_woonregie(), "match", "--instance", path, "--json"]}
    if base:  # the same command from another checkout's venv ("before"), in the same run
        commands["base"] = [base, "match", "--instance", path, "--json"]
    if reference:
        commands["reference"] = [sys.executable, str(HERE / "reference_flow.py"), path]
    rows = [
        got | {"what": what, "scope": "proces"}
        for what, got in _processes(commands, repeat).items()
    ]
    solves = ["engine", "reference", "per_vacancy"] if reference else ["engine", "per_vacancy"]
    for what in solves:
        rows.append(_child(what, path, repeat) | {"what": what, "scope": "solve"})
    return rows


def _ratio(rows: list[dict], row: dict, key: str) -> str:
    if row["what"] not in ("engine", "base") or "error" in row:
        return ""
    for other in rows:
        same = all(other[k] == row[k] for k in ("gen", "size", "teams", "scope"))
        if same and other["what"] == "reference" and "error" not in other:
            return f"{row[key] / other[key]:.2f}"
    return ""


def _table(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Woonregie matching benchmark (proces = hele commando, solve = in-proces)")
    cols = (
        "generator",
        "size",
        "teams",
        "what",
        "scope",
        "time (s)",
        "ratio",
        "cpu (s)",
        "cpu ratio",
        "peak MB",
        "housed",
    )
    for col in cols:
        table.add_column(col, justify="left" if col in cols[:5] else "right")
    for r in rows:
        base = (r["gen"], r["size"], r["teams"], r["what"], r["scope"])
        if "error" in r:
            table.add_row(*base, "-", "", "-", "", "-", r["error"][:40])
            continue
        table.add_row(
            *base,
            f"{r['seconds']:.3f}",
            _ratio(rows, r, "seconds"),
            f"{r['cpu']:.3f}",
            _ratio(rows, r, "cpu"),
            f"{r['peak_mb']:.0f}",
            str(r["housed"]),
        )
    console = Console(width=130)
    console.print(table)
    _extra_table(rows, console, Table)


def _extra_table(rows: list[dict], console, table_cls) -> None:
    """Engine vs per_vacancy housed counts per instance (and the reference, for scale)."""
    housed: dict[tuple[str, str, str], dict[str, int]] = {}
    for r in rows:
        if "error" not in r and r["scope"] == "solve":
            housed.setdefault((r["gen"], r["size"], r["teams"]), {})[r["what"]] = r["housed"]
    table = table_cls(title="Extra gehuisvest t.o.v. per_vacancy (engine − per_vacancy)")
    for col in ("generator", "size", "team caps", "engine", "per_vacancy", "extra", "reference"):
        table.add_column(col, justify="left" if col in ("generator", "size") else "right")
    for (gen, size, teams), got in housed.items():
        if "engine" not in got or "per_vacancy" not in got:
            continue
        extra = got["engine"] - got["per_vacancy"]
        table.add_row(
            gen,
            size,
            teams,
            str(got["engine"]),
            str(got["per_vacancy"]),
            f"{extra:+d}",
            str(got.get("reference", "-")),
        )
    console.print(table)


def _generate(path: Path, args: tuple, rents: str) -> None:
    """Write the instance from a child process: Linux counts a forked child's peak memory from
    the parent's size at fork, so the parent must never hold a large instance itself."""
    code = (
        "import json, sys\n"
        "from woonregie.matching.generate import generate_instance\n"
        f"data = generate_instance(*{args!r}, rents={rents!r})\n"
        f"open({str(path)!r}, 'w').write(json.dumps(data))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _repeats(people: int) -> int:
    """Timing repeats by size (best of them counts): a shared machine's slow spells swing one
    run by 10-40 %, and a single run of each side let that decide a ratio near 0.5."""
    return 7 if people <= 5_000 else 3 if people <= 20_000 else 1


def _compile_bytecode() -> None:
    """Compile the package's and the bench's bytecode once, as installing a package does: with
    PYTHONDONTWRITEBYTECODE set (as on some CI machines) every process would otherwise compile
    the engine's modules from source (~0.1 s), which no installed copy pays."""
    import compileall

    import woonregie

    for root in (Path(woonregie.__file__).parent, HERE):
        compileall.compile_dir(str(root), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="regional,krap,large,national",
        help="comma-separated: " + ",".join(SIZES),
    )
    parser.add_argument(
        "--generators",
        default="limits,individual,rents",
        help="comma-separated: limits,individual,rents",
    )
    parser.add_argument("--no-reference", action="store_true", help="skip the pair-level flow")
    parser.add_argument(
        "--base",
        help="`woonregie` executable of a second checkout (e.g. main's venv): its whole process "
        "is timed beside this one's in the same run (rows 'base')",
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=0, help="timing repeats (default: auto)")
    args = parser.parse_args()
    if args.measure:
        sys.path.insert(0, str(HERE))
        print(json.dumps(measure(args.measure, args.file, max(1, args.repeat))))
        return
    _compile_bytecode()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for gen in args.generators.split(","):
            for size in args.sizes.split(","):
                people, dwellings, areas = SIZES[size]
                repeat = args.repeat or _repeats(people)
                for teams in (True, False):
                    path = Path(tmp) / f"{gen}-{size}-{teams}.json"
                    _generate(path, (people, dwellings, areas, SEED, teams), gen)
                    rows_here = _rows_for(str(path), repeat, not args.no_reference, args.base)
                    for row in rows_here:
                        row |= {
                            "gen": gen,
                            "size": f"{size} {people:,}×{dwellings:,}",
                            "teams": "ja" if teams else "nee",
                        }
                        rows.append(row)
                        print(json.dumps(row), file=sys.stderr, flush=True)
    _table(rows)


if __name__ == "__main__":
    main()
