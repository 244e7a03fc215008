from datetime import date, datetime

from openpyxl import Workbook

from woonregie.exchange.readers import cell_text, read_csv_text, read_paths


def test_csv_with_semicolons_and_bom_as_dutch_excel_saves_it(tmp_path):
    (tmp_path / "teams.csv").write_bytes(
        "\ufeffcode;naam;organisatie;gebieden;capaciteit\r\n"
        "T1;Team één;ZA;\"WK1;WK2\";3\r\n".encode())
    read = read_paths([tmp_path])
    [sheet] = read.sheets
    assert sheet.headers == ["code", "naam", "organisatie", "gebieden", "capaciteit"]
    assert sheet.rows == [(2, ["T1", "Team één", "ZA", "WK1;WK2", "3"])]


def test_trailing_empty_columns_are_ignored():
    sheet = read_csv_text("teams", "teams.csv", "code;naam;;\nA;a;;\n")
    assert sheet.headers == ["code", "naam"]
    assert sheet.rows == [(2, ["A", "a"])]


def test_row_numbers_are_spreadsheet_rows_skipping_blank_ones():
    sheet = read_csv_text("teams", "teams.csv", "code,naam\nA,a\n\n , \nB,\"b\nmet regel\"\n")
    assert [n for n, _ in sheet.rows] == [2, 5]


def test_unknown_files_and_missing_paths(tmp_path):
    (tmp_path / "notities.csv").write_text("x\n")
    (tmp_path / "woningen.csv").write_bytes(b"code\n\x81\x8d\xff\n")
    read = read_paths([tmp_path, tmp_path / "weg.csv"])
    assert any("notities.csv" in w for w in read.warnings)
    assert [(p.file, p.message[:10]) for p in read.problems] == [
        ("woningen.csv", "tekencoder"), (str(tmp_path / "weg.csv"), "bestand of")]


def test_excel_values_become_the_text_a_user_typed():
    assert cell_text(None) == ""
    assert cell_text(3) == "3"
    assert cell_text(3.0) == "3"
    assert cell_text(612.5) == "612,5"  # decimal comma: "1.125" would read as 1125
    assert cell_text(1.125) == "1,1250"  # three decimals could read as thousands
    assert cell_text(True) == "ja"
    assert cell_text(datetime(2026, 2, 1)) == "2026-02-01"
    assert cell_text(date(2026, 2, 1)) == "2026-02-01"
    assert cell_text("  W-1 ") == "W-1"


def test_workbook_sheets_by_name_case_insensitive(tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "Gebieden"
    ws.append(["Code", "naam", "niveau", None])
    ws.append(["GM1", "Een", "gemeente"])
    ws.append([])
    ws.append(["GM2", "Twee", "gemeente"])
    book.create_sheet("mijn aantekeningen")
    book.create_sheet("toelichting")
    book.save(tmp_path / "r.xlsx")
    read = read_paths([tmp_path / "r.xlsx"])
    [sheet] = read.sheets
    assert sheet.source == "r.xlsx[Gebieden]"
    assert sheet.headers == ["code", "naam", "niveau"]
    assert [n for n, _ in sheet.rows] == [2, 4]
    assert read.warnings == ["r.xlsx[mijn aantekeningen]: geen bekend soort gegevens, overgeslagen"]


def test_ansi_and_utf16_csv_as_older_excel_saves_it(tmp_path):
    (tmp_path / "gebieden.csv").write_bytes("code;naam\nGM1;Één\n".encode("cp1252"))
    (tmp_path / "teams.csv").write_bytes("code\tnaam\nT1\tTeam één\n".encode("utf-16"))
    read = read_paths([tmp_path])
    rows = {s.name: s.rows for s in read.sheets}
    assert rows == {"gebieden": [(2, ["GM1", "Één"])], "teams": [(2, ["T1", "Team één"])]}
    assert len(read.warnings) == 1 and "Windows-1252" in read.warnings[0]


def test_damaged_workbook_is_a_problem(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "half.xlsx", "w") as z:
        z.writestr("[Content_Types].xml", "<niet af")
    read = read_paths([tmp_path / "half.xlsx"])
    assert [(p.file, p.row) for p in read.problems] == [("half.xlsx", None)]
