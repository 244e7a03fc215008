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
