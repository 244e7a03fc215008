from woonregie.exchange.layouts import AREAS
from woonregie.exchange.readers import read_csv_text
from woonregie.exchange.rows import parse_sheet


def parse(text: str):
    return parse_sheet(AREAS, read_csv_text("gebieden", "gebieden.csv", text))


def test_typed_values_and_empty_optionals():
    rows, problems = parse("code,naam,niveau,leefbaarheid\nGM1,Een,gemeente,\nWK1,Wijk,wijk,6\n")
    assert problems == []
    assert rows[0].values == {"code": "GM1", "naam": "Een", "niveau": "gemeente"}
    assert rows[1]["leefbaarheid"] == 6 and rows[1].complete


def test_header_problems():
    rows, problems = parse("code,naam,naam,hoogte\nGM1,Een,Een,3\n")
    assert {(p.row, p.column, p.message.split(";")[0]) for p in problems} == {
        (1, "naam", "kolom staat er twee keer in"),
        (1, "hoogte", "onbekende kolom 'hoogte'"),
        (1, "niveau", "verplichte kolom ontbreekt"),
    }
    assert not rows[0].complete


def test_cell_problems_name_row_and_column():
    rows, problems = parse("code,naam,niveau,leefbaarheid\nGM1,,stad,10,extra\n")
    assert [(p.row, p.column) for p in problems] == [
        (2, None), (2, "naam"), (2, "niveau"), (2, "leefbaarheid")]
    assert "toegestaan: gemeente, wijk, buurt" in problems[2].message
    assert not rows[0].complete
