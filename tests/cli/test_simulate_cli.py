"""`woonregie simulate run|compare`: figures with bands, JSON, an HTML page, Dutch errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from woonregie.cli.main import app

runner = CliRunner()

BASE = "naam = 'Klein'\n[regio]\nbron = 'voorbeeld'\nseed = 1\nschaal = 0.05\n"


def _files(tmp_path):
    (tmp_path / "klein.toml").write_text(BASE, encoding="utf-8")
    (tmp_path / "meer.toml").write_text(
        "naam = 'Meer'\nbasis = 'klein.toml'\n[contingent]\nfactor = 1.5\n", encoding="utf-8")
    return tmp_path / "klein.toml", tmp_path / "meer.toml"


def test_run_prints_figures_with_bands_and_json(tmp_path):
    small, _ = _files(tmp_path)
    args = ["simulate", "run", str(small), "--years", "1", "--runs", "2", "--workers", "0"]
    table = runner.invoke(app, args)
    assert table.exit_code == 0, table.output
    assert "Gehuisvest per jaar" in table.stdout and "Wachttijd" in table.stdout
    out = runner.invoke(app, [*args, "--json", "--seed", "4"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["seed"] == 4 and data["replicaties"] == 2
    (scenario,) = data["scenarios"]
    assert len(scenario["replicaties"]) == 2
    housed = scenario["samenvatting"]["gehuisvest"][0]
    assert housed["p5"] <= housed["mediaan"] <= housed["p95"]
    again = runner.invoke(app, [*args, "--json", "--seed", "4"])
    assert again.stdout == out.stdout


def test_compare_writes_a_table_and_a_page(tmp_path):
    small, more = _files(tmp_path)
    page = tmp_path / "vergelijking.html"
    out = runner.invoke(app, ["simulate", "compare", str(small), str(more), "--years", "1",
                              "--runs", "2", "--workers", "0", "--html", str(page)])
    assert out.exit_code == 0, out.output
    assert "Klein" in out.stdout and "Meer" in out.stdout
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 6 and "Meer" in html and "<script" not in html


def test_a_bad_scenario_is_a_dutch_error_naming_the_key(tmp_path):
    bad = tmp_path / "fout.toml"
    bad.write_text(BASE + "[contingent]\nfactor = 'veel'\n", encoding="utf-8")
    out = runner.invoke(app, ["simulate", "run", str(bad), "--workers", "0"])
    assert out.exit_code == 2
    assert "fout.toml: contingent.factor: moet een getal zijn" in out.output


def test_backtest_reports_the_error_per_figure():
    out = runner.invoke(app, ["simulate", "backtest", "--months", "6", "--runs", "2",
                              "--scale", "0.05", "--workers", "0", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["start"] == "2025-07-01" and data["maanden"] == 6
    assert set(data["kengetallen"]) == {"uitstroom", "wachttijd", "voorraad"}
    for figure in data["kengetallen"].values():
        assert figure["fout_procent"] >= 0 and len(figure["waargenomen"]) == 6
    table = runner.invoke(app, ["simulate", "backtest", "--months", "6", "--runs", "2",
                                "--scale", "0.05", "--workers", "0"])
    assert table.exit_code == 0 and "fout (MAPE)" in table.stdout
