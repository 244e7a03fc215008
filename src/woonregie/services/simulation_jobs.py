"""A scenario run as a background job (job kind `simulatie`), started from the web page.

The regisseur picks shipped scenarios (`scenarios/`) and/or uploads TOML files, and sets years,
replications and seed. `start` checks access and every file before anything is queued (the
same Dutch messages as the command line: file and key), at most one open run per user; the
worker runs `run`: load the region, calibrate, run every scenario with the same seeds (common
random numbers) and store the summary as the job's result, which the result page reads back.
Shipped scenarios are stored by file name and read again by the worker; an upload is stored as
its text, so a run does not depend on a file that may change or vanish meanwhile.

Where replications run: in the worker's own process, unless `WOONREGIE_SIMULATION_SCHEDULER`
names a Dask scheduler (tcp://HOST:PORT) or `WOONREGIE_SIMULATION_WORKERS` asks for a local
Dask cluster of that many worker processes (services/simulation.py, docs/simulate.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from woonregie.services import jobs, simulation
from woonregie.services.access import Action, Forbidden, Principal, require
from woonregie.services.persons import FieldError
from woonregie.simulate import build
from woonregie.simulate.scenario import ScenarioError, ScenarioFile, load, loads
from woonregie.simulate.summary import Band, from_json
from woonregie.store.unit_of_work import UnitOfWork

KIND = "simulatie"
MAX_SCENARIOS = 6
MAX_YEARS = 10
MAX_RUNS = 500
MAX_REPLICATIONS = 1200  # scenarios × runs: a run must end within a working day in-process
MAX_UPLOAD_CHARS = 64_000
BUSY = "U heeft al een simulatie lopen. Wacht tot die klaar is en start daarna een nieuwe."
NO_LONGER_ALLOWED = "U mag geen simulaties meer draaien; de simulatie is niet uitgevoerd."
SCHEDULER_ENV, WORKERS_ENV = "WOONREGIE_SIMULATION_SCHEDULER", "WOONREGIE_SIMULATION_WORKERS"


@dataclass(frozen=True)
class Upload:
    """A scenario file the regisseur uploaded: its name and its text."""

    name: str
    text: str


@dataclass(frozen=True)
class ShippedScenario:
    file: str  # file name in scenarios/
    title: str
    description: str


def shipped() -> list[ShippedScenario]:
    """The shipped scenarios with their titles, for the form (a broken one is left out)."""
    out = []
    for path in simulation.shipped():
        try:
            f = load(path)
        except ScenarioError:
            continue
        out.append(ShippedScenario(path.name, f.scenario.title, _description(path)))
    return out


def _description(path: Path) -> str:
    import tomllib

    try:
        value = tomllib.loads(path.read_text(encoding="utf-8")).get("beschrijving", "")
    except (OSError, tomllib.TOMLDecodeError):
        return ""
    return value if isinstance(value, str) else ""


def _files(entries: list[dict[str, str]]) -> list[ScenarioFile]:
    """The scenario files of a job's parameters (ScenarioError names the file and key)."""
    known = {p.name: p for p in simulation.shipped()}
    out = []
    for entry in entries:
        if "file" in entry:
            if entry["file"] not in known:
                raise ScenarioError(f"{entry['file']}: geen meegeleverd scenario")
            out.append(load(known[entry["file"]]))
        else:
            out.append(loads(entry["text"], entry["name"], base_dir=simulation.SHIPPED))
    return out


def check_choice(chosen: list[str], uploads: list[Upload], years: int, runs: int) -> list[dict]:
    """The job's scenario entries; FieldError (Dutch, naming file and key) on bad input."""
    entries: list[dict[str, str]] = [{"file": name} for name in chosen]
    for up in uploads:
        if len(up.text) > MAX_UPLOAD_CHARS:
            raise FieldError("bestanden", f"{up.name}: te groot (hoogstens "
                                          f"{MAX_UPLOAD_CHARS // 1000} kB)")
        entries.append({"name": up.name, "text": up.text})
    if not entries:
        raise FieldError("scenarios", "kies minstens één scenario of upload een bestand")
    if len(entries) > MAX_SCENARIOS:
        raise FieldError("scenarios", f"hoogstens {MAX_SCENARIOS} scenario's tegelijk")
    if not 1 <= years <= MAX_YEARS:
        raise FieldError("jaren", f"moet tussen 1 en {MAX_YEARS} liggen")
    if not 1 <= runs <= MAX_RUNS:
        raise FieldError("replicaties", f"moet tussen 1 en {MAX_RUNS} liggen")
    if runs * len(entries) > MAX_REPLICATIONS:
        raise FieldError("replicaties", f"scenario's × replicaties mag hoogstens "
                                        f"{MAX_REPLICATIONS} zijn")
    try:
        files = _files(entries)
    except ScenarioError as e:
        raise FieldError("bestanden" if uploads else "scenarios", str(e)) from None
    if len({f.source for f in files}) > 1:
        raise FieldError("scenarios", "de scenario's noemen verschillende regio's ([regio]); "
                                      "vergelijk alleen scenario's van één regio")
    return entries


def start(uow: UnitOfWork, principal: Principal, *, chosen: list[str], uploads: list[Upload],
          years: int, runs: int, seed: int) -> jobs.JobView:
    """Queue a run for `principal` (regisseur); JobRefused while their previous one is open."""
    require(principal, Action.MATCH_RUN)  # regie: the same people who run the rounds
    if not 0 <= seed <= 2**32 - 1:
        raise FieldError("seed", f"moet tussen 0 en {2**32 - 1} liggen")
    entries = check_choice(chosen, uploads, years, runs)
    params = {"scenarios": entries, "years": years, "runs": runs, "seed": seed,
              "by": principal.username}
    return jobs.start(uow, principal, KIND, params, busy_message=BUSY)


def _executor(tasks: int):
    scheduler = os.environ.get(SCHEDULER_ENV, "").strip()
    if scheduler:
        return simulation.Dask(scheduler=scheduler)
    workers = int(os.environ.get(WORKERS_ENV, "0") or 0)
    if workers > 0 and tasks > 1:
        return simulation.Dask(workers=min(workers, tasks))
    return simulation.InProcess()


def run(ctx: jobs.JobContext) -> jobs.JobDone:
    p = ctx.params
    actor = ctx.actor
    try:
        require(actor, Action.MATCH_RUN)
    except Forbidden as exc:
        raise jobs.JobFailed(NO_LONGER_ALLOWED) from exc
    years, runs, seed = int(p["years"]), int(p["runs"]), int(p["seed"])
    total = runs * len(p["scenarios"])
    ctx.progress(0, total, "Regio laden en het model kalibreren")
    try:
        files = _files(p["scenarios"])
        region, on = simulation.load_region(files[0].source, ctx.uow, actor)
        base = build.calibrated(region, on, on)
        for f in files:
            build.check(f.scenario, base[1], base[2], f.path)
    except ScenarioError as exc:
        raise jobs.JobFailed(str(exc)) from exc

    def progress(done: int, _total: int) -> None:
        ctx.progress(done, total, f"Replicatie {done} van {total}")

    with _executor(total) as executor:
        results = simulation.run_scenarios(files, base, 12 * years, runs, seed, executor,
                                           progress)
    payload = {"jaren": years, "replicaties": runs, "seed": seed, "startdatum": on.isoformat(),
               "scenarios": [r.to_json(with_replications=False) for r in results]}
    return jobs.JobDone(ref=f"{KIND}:{ctx.job_id}", result=payload,
                        message=f"Klaar: {len(results)} scenario('s) × {runs} replicaties")


@dataclass(frozen=True)
class RunResult:
    """A finished run as the result page shows it."""

    job_id: int
    years: int
    runs: int
    seed: int
    start: str
    named: list[tuple[str, dict[str, Band | list[Band]]]]  # (title, summary) per scenario


def result(uow: UnitOfWork, principal: Principal, job_id: int) -> RunResult:
    """The principal's finished run (404 for anyone else, or while it runs)."""
    require(principal, Action.MATCH_RUN)
    data: dict[str, Any] = jobs.result_of(uow, principal, job_id, KIND)
    named = [(s["naam"], from_json(s["samenvatting"])) for s in data["scenarios"]]
    return RunResult(job_id, data["jaren"], data["replicaties"], data["seed"],
                     data.get("startdatum", ""), named)


def recent(uow: UnitOfWork, principal: Principal, limit: int = 10) -> list[jobs.JobView]:
    """The principal's latest runs, newest first."""
    require(principal, Action.MATCH_RUN)
    return [j for j in jobs.recent(uow, principal, 50) if j.kind == KIND][:limit]


jobs.register(jobs.JobKind(KIND, "Simulatie", run, max_attempts=2,
                           exclusive=lambda params: f"{KIND}:{params['by']}"))
