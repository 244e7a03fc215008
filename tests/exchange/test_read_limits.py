"""Reading is bounded by what a file really holds, never by what it declares."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

from woonregie.exchange.limits import ReadLimits
from woonregie.exchange.readers import read_paths


def _declaring_whole_sheet(path: Path) -> Path:
    """A tiny workbook whose sheet claims `A1:XFD1048576` (17 billion cells)."""
    book = Workbook()
    ws = book.active
    ws.title = "gebieden"
    ws.append(["code", "naam", "niveau"])
    ws.append(["GM1", "Een", "gemeente"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"',
                              data)
                assert b"XFD1048576" in data
            out.writestr(item, data)
    return path


def test_a_declared_dimension_costs_nothing(tmp_path):
    path = _declaring_whole_sheet(tmp_path / "vals.xlsx")
    assert path.stat().st_size < 8_000
    read = read_paths([path])
    [sheet] = read.sheets
    assert sheet.rows == [(2, ["GM1", "Een", "gemeente"])]
    assert not read.problems
    assert read.budget.cells == 3  # the real cells, not 16,384 × 1,048,575


def test_a_sheet_of_empty_rows_stops_at_the_empty_run(tmp_path):
    book = Workbook(write_only=True)
    ws = book.create_sheet("gebieden")
    ws.append(["code", "naam", "niveau"])
    ws.append(["GM1", "Een", "gemeente"])
    for _ in range(500):
        ws.append([None, None, ""])  # formatting far below the data
    ws.append(["GM2", "Twee", "gemeente"])
    book.save(tmp_path / "leeg.xlsx")
    read = read_paths([tmp_path / "leeg.xlsx"], ReadLimits(empty_run=100))
    [sheet] = read.sheets
    assert [n for n, _ in sheet.rows] == [2]
    assert read.warnings == ["leeg.xlsx[gebieden]: na rij 2 volgen 100 lege rijen; de rest van "
                             "het blad is overgeslagen"]
    assert read.budget.rows == 1


def test_too_many_rows_is_a_dutch_refusal_and_reading_stops(tmp_path):
    lines = ["code;naam;niveau"] + [f"GM{i};G{i};gemeente" for i in range(50)]
    (tmp_path / "gebieden.csv").write_text("\n".join(lines))
    (tmp_path / "teams.csv").write_text("code;naam\nT1;t\n")
    read = read_paths([tmp_path], ReadLimits(max_rows=10))
    [problem] = read.problems
    assert (problem.file, problem.row) == ("gebieden.csv", 12)
    assert problem.message.startswith("te veel rijen: meer dan 10 in deze import")
    assert "--max-rows" in problem.message
    assert [s.name for s in read.sheets] == ["gebieden"]  # teams.csv was not read
    assert len(read.sheets[0].rows) == 10


def test_too_many_cells_counts_empty_cells_inside_rows(tmp_path):
    wide = "code;naam;niveau" + ";" * 1000
    (tmp_path / "gebieden.csv").write_text(f"{wide}\nGM1;a;gemeente{';' * 1000}\n" * 3)
    read = read_paths([tmp_path], ReadLimits(max_cells=1500))
    assert read.stopped
    assert read.problems[0].message.startswith("te veel cellen")


def test_limits_come_from_the_environment_and_options(monkeypatch):
    monkeypatch.setenv("WOONREGIE_IMPORT_MAX_ROWS", "123")
    monkeypatch.setenv("WOONREGIE_IMPORT_MAX_PROBLEMS", "nonsense")
    limits = ReadLimits.from_env(max_cells=77, max_problems=None)
    assert (limits.max_rows, limits.max_cells, limits.max_problems) == (123, 77, 1000)


def test_a_large_csv_is_streamed_not_loaded(tmp_path):
    """Rows past the bound are never parsed: the budget stops at the bound."""
    with (tmp_path / "gebieden.csv").open("w") as f:
        f.write("code;naam;niveau\n")
        for i in range(200_000):
            f.write(f"GM{i};G;gemeente\n")
    read = read_paths([tmp_path], ReadLimits(max_rows=1_000))
    assert read.budget.rows == 1_001 and read.stopped


def test_formula_quotes_are_undone_on_reading(tmp_path):
    (tmp_path / "gebieden.csv").write_text("code;naam;niveau\nGM1;'=1+1;gemeente\nGM2;'t Gooi;"
                                           "gemeente\n")
    [sheet] = read_paths([tmp_path]).sheets
    assert [cells[1] for _, cells in sheet.rows] == ["=1+1", "'t Gooi"]
