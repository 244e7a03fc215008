"""`match --instance` and `instance generate`, on a throwaway Typer app so no database is
touched; rounds on the database are tested in tests/cli/test_match_round_cli.py."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from woonregie.cli.match_cli import register


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:  # a callback keeps `match` a named sub-command
        pass

    register(app)
    return app


def run(app, *args):
    return CliRunner().invoke(app, list(args))


SMALL = {
    "version": 1,
    "candidates": [
        {"id": "a", "priority": 2, "waiting_days": 5, "household_size": 1, "max_rent": 700},
        {"id": "b", "priority": 1, "waiting_days": 5, "household_size": 1, "max_rent": 700},
    ],
    "dwellings": [{"id": "w1", "area": "B1", "rent": 600}],
}


def test_match_json_prints_result(app, tmp_path):
    path = tmp_path / "i.json"
    path.write_text(json.dumps(SMALL))
    result = run(app, "match", "--instance", str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["housed"] == 1
    assert data["assignments"][0]["candidate"] == "a"
    assert data["unassigned"][0]["codes"] == ["voorrang_anderen"]


def test_match_table_and_baseline_policy(app, tmp_path):
    path = tmp_path / "i.json"
    path.write_text(json.dumps(SMALL))
    result = run(app, "match", "--instance", str(path), "--policy", "per_vacancy")
    assert result.exit_code == 0
    assert "Beleid: per_vacancy; gehuisvest: 1" in result.stdout


def test_invalid_instance_names_path_and_exits_2(app, tmp_path):
    bad = json.loads(json.dumps(SMALL))
    bad["candidates"][1]["max_rent"] = -5
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    result = run(app, "match", "--instance", str(path))
    assert result.exit_code == 2
    assert "candidates[1].max_rent" in result.stderr
    assert "minimum" in result.stderr


def test_unknown_policy_and_missing_file_exit_2(app, tmp_path):
    path = tmp_path / "i.json"
    path.write_text(json.dumps(SMALL))
    assert run(app, "match", "--instance", str(path), "--policy", "loterij").exit_code == 2
    missing = run(app, "match", "--instance", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2 and "Kan instantie niet lezen" in missing.stderr


def test_generate_is_deterministic_and_loadable(app, tmp_path):
    outs = []
    for name in ("a.json", "b.json"):
        path = tmp_path / name
        result = run(
            app,
            "instance",
            "generate",
            "--people",
            "40",
            "--dwellings",
            "12",
            "--areas",
            "8",
            "--seed",
            "7",
            "--no-team-caps",
            "--out",
            str(path),
        )
        assert result.exit_code == 0, result.output
        outs.append(path.read_text())
    assert outs[0] == outs[1]
    data = json.loads(outs[0])
    assert data["support_teams"] == []
    path = tmp_path / "a.json"
    result = run(app, "match", "--instance", str(path), "--json")
    assert result.exit_code == 0


def test_instance_match_loads_neither_web_stack_nor_password_hashing(tmp_path):
    """`woonregie match --instance` registers only the matching commands (whole-process cost)."""
    import subprocess
    import sys

    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL))
    probe = (
        "import sys, runpy\n"
        f"sys.argv = ['woonregie', 'match', '--instance', {str(path)!r}, '--json']\n"
        "try:\n"
        "    runpy.run_module('woonregie.cli.main', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "heavy = ('argon2', 'fastapi', 'sqlalchemy', 'jsonschema')\n"
        "heavy = [m for m in heavy if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert '"housed": 1' in out.stdout
    assert "HEAVY []" in out.stdout


def test_cli_policies_agree_with_the_engine():
    from woonregie.cli import instance_match
    from woonregie.matching import engine

    assert instance_match.POLICIES == engine.POLICIES


def test_console_entry_takes_the_fast_path_only_for_the_instance_json_match(tmp_path):
    """`woonregie match --instance F --json` runs without typer; anything else goes to Typer."""
    import subprocess
    import sys
    from pathlib import Path

    from woonregie.cli.launch import _fast_args

    assert _fast_args(["match", "--instance", "f.json", "--json"]) == (Path("f.json"), "optimal")
    assert _fast_args(["match", "--json", "--instance=f", "--policy", "per_vacancy"]) == (
        Path("f"),
        "per_vacancy",
    )
    assert _fast_args(["match", "--instance", "f.json"]) is None  # table output: Typer
    assert _fast_args(["match", "--instance", "f", "--json", "--dry-run"]) is None
    assert _fast_args(["status"]) is None
    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL))
    probe = (
        "import sys\n"
        "from woonregie.cli import launch\n"
        f"sys.argv = ['woonregie', 'match', '--instance', {str(path)!r}, '--json']\n"
        "try:\n"
        "    launch.main()\n"
        "except SystemExit as exc:\n"
        "    print('EXIT', exc.code, sorted(m for m in ('typer', 'argon2', 'fastapi',\n"
        "          'sqlalchemy', 'jsonschema') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert '"housed": 1' in out.stdout and "EXIT 0 []" in out.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "candidates": [{"id": "a"}], "dwellings": []}')
    probe_bad = probe.replace(str(path), str(bad))
    out = subprocess.run([sys.executable, "-c", probe_bad], capture_output=True, text=True)
    assert "EXIT 2" in out.stdout and "candidates[0]" in out.stderr


def test_generate_individual_rents(app, tmp_path):
    out = tmp_path / "ind.json"
    got = run(
        app,
        "instance",
        "generate",
        "--people",
        "300",
        "--dwellings",
        "80",
        "--areas",
        "12",
        "--rents",
        "individual",
        "--out",
        str(out),
    )
    assert got.exit_code == 0, got.output
    data = json.loads(out.read_text())
    assert len({c["max_rent"] for c in data["candidates"]}) > 200  # individual amounts
    assert run(app, "match", "--instance", str(out), "--json").exit_code == 0
    bad = run(
        app,
        "instance",
        "generate",
        "--people",
        "3",
        "--dwellings",
        "1",
        "--areas",
        "1",
        "--rents",
        "x",
        "--out",
        str(out),
    )
    assert bad.exit_code == 2 and "huurvariant" in bad.output
