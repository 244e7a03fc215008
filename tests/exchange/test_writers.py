from openpyxl import load_workbook

from woonregie.exchange.readers import read_paths
from woonregie.exchange.writers import write_csv_dir, write_workbook

AREAS = {"gebieden": [
    {"code": "GM1", "naam": "=HYPERLINK(\"x\")", "niveau": "gemeente", "leefbaarheid": 7},
    {"code": "WK1", "naam": "Wijk, \"één\"\nregel 2", "niveau": "wijk", "ouder": "GM1"},
]}


FORMULA_STARTS = ["=1+1", "+31 6 1234", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = write_workbook(tmp_path / "r.xlsx", AREAS)
    cell = load_workbook(path)["gebieden"]["B2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"x\")"
    assert cell.quotePrefix  # stays text in Excel even when the cell is edited
    assert load_workbook(path)["gebieden"]["E2"].value == 7  # numbers stay numbers


def test_csv_cells_starting_like_a_formula_get_a_quote_and_read_back(tmp_path):
    rows = [{"code": f"GM{i}", "naam": name, "niveau": "gemeente"}
            for i, name in enumerate(FORMULA_STARTS)]
    [path] = [p for p in write_csv_dir(tmp_path, {"gebieden": rows}) if p.stem == "gebieden"]
    written = path.read_bytes().decode("utf-8")
    for name in FORMULA_STARTS:
        assert f"'{name}" in written
    assert "\n=" not in written and ",=" not in written
    [sheet] = [s for s in read_paths([path]).sheets]
    assert [cells[1] for _, cells in sheet.rows] == FORMULA_STARTS


def test_csv_and_xlsx_read_back_the_same_cells(tmp_path):
    write_csv_dir(tmp_path / "csv", AREAS)
    write_workbook(tmp_path / "r.xlsx", AREAS)
    by_source = {}
    for sheet in read_paths([tmp_path / "csv", tmp_path / "r.xlsx"]).sheets:
        if sheet.name == "gebieden":
            by_source[sheet.source] = (sheet.headers, sheet.rows)
    assert by_source["gebieden.csv"] == by_source["r.xlsx[gebieden]"]
    assert by_source["gebieden.csv"][1][1][1][1] == "Wijk, \"één\"\nregel 2"
