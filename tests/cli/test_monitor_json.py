"""The fast path of `woonregie monitor --json` (cli/monitor_json.py): the same bytes as the Typer
command, without Typer, Rich or the ORM loaded; anything it does not answer goes to Typer,
whose Dutch refusals stay as they are."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from typer.testing import CliRunner

from tests.cli.test_monitor_cli import REGION
from woonregie.cli import monitor_json
from woonregie.cli.main import app
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

PROBE = """
import sys
from woonregie.cli import launch
sys.argv = ['woonregie', *sys.argv[1:]]
try:
    launch.main()
except SystemExit as exc:
    loaded = sorted(m for m in ('typer', 'rich', 'sqlalchemy', 'fastapi', 'argon2')
                    if m in sys.modules)
    print('EXIT', exc.code, loaded, file=sys.stderr)
"""


@pytest.fixture
def url(engine):
    with UnitOfWork(engine) as uow:
        write_region(uow, REGION)
        uow.commit()
    return engine.url.render_as_string(hide_password=False)


def launch(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True)


def test_parse_takes_only_a_json_monitor_request():
    args = monitor_json.parse(["--db", "x.db", "monitor", "--van", "31-12-2025", "--to=2026-01-31",
                               "--doelgroep", "mo_uitstroom", "--json"])
    assert args == monitor_json.MonitorArgs("x.db", date(2025, 12, 31), date(2026, 1, 31),
                                            doelgroep="mo_uitstroom")
    for argv in (["monitor", "--from", "2025-01-01", "--to", "2025-12-31"],  # tables: Typer
                 ["monitor", "--from", "2025-01-01", "--json"],  # --to missing
                 ["monitor", "--from", "2025-02-30", "--to", "2025-12-31", "--json"],
                 ["monitor", "--from", "2025-01-01", "--to", "2025-12-31", "--json", "--rijen",
                  "3"],
                 ["monitor", "--from", "2025-01-01", "--from", "2025-02-01", "--to", "2025-12-31",
                  "--json"],
                 ["monitor", "--help", "--json"], ["status", "--json"]):
        assert monitor_json.parse(argv) is None, argv


def test_the_fast_path_prints_what_the_typer_command_prints(url):
    args = ["--from", "2025-01-01", "--to", "2025-12-31", "--json"]
    typer_out = CliRunner().invoke(app, ["--db", url, "monitor", *args])
    assert typer_out.exit_code == 0, typer_out.output
    fast = launch("--db", url, "monitor", *args)
    assert "EXIT 0 []" in fast.stderr, fast.stderr
    assert fast.stdout == typer_out.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2025-06-01", "--to", "2025-01-01"], "de einddatum (tot) ligt voor de begindatum"),
    (["--from", "2025-01-01", "--to", "2025-12-31", "--corporatie", "WC0000"],
     "onbekende woningcorporatie 'WC0000'"),
])
def test_what_the_fast_path_refuses_typer_answers_in_dutch(url, args, message):
    out = launch("--db", url, "monitor", *args, "--json")
    assert "EXIT 1" in out.stderr and "typer" in out.stderr
    assert message in " ".join(out.stderr.split())
    assert out.stdout == ""
