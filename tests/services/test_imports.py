"""Import: every kind of bad file is reported with file, row and column, and leaves the database
exactly as it was; good files load."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select, text

from tests.exchange.files import append_line, csv_dir, drop_column, set_cell, workbook
from tests.factories import small_region
from tests.web_support import OPERATOR
from woonregie.domain.model import Region
from woonregie.services.imports import import_files
from woonregie.services.region import read_region, write_region
from woonregie.store.tables import Base
from woonregie.store.unit_of_work import UnitOfWork


def base_and_rest() -> tuple[Region, Region]:
    """small_region split: areas and organisations already stored, the rest to import."""
    region = small_region()
    base = Region(areas=region.areas, organisations=region.organisations)
    rest = dataclasses.replace(region, areas=[], organisations=[])
    return base, rest


def store(engine: Engine, region: Region) -> None:
    with UnitOfWork(engine) as uow:
        write_region(uow, region)
        uow.commit()


def dump(engine: Engine) -> list:
    """Every row of every table (and, on SQLite, the SQL dump and the file bytes)."""
    out: list = []
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            out.append((table.name, [tuple(r) for r in conn.execute(
                select(table).order_by(*order))]))
        out.append(list(conn.execute(text("SELECT * FROM alembic_version"))))
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            out.append(list(raw.driver_connection.iterdump()))
        finally:
            raw.close()
        path = Path(engine.url.database)
        out.append([p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists()])
    return out


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> tuple[Engine, Path]:
    base, rest = base_and_rest()
    store(engine, base)
    return engine, csv_dir(rest, tmp_path / "import")


def test_good_files_add_to_the_database(loaded):
    engine, folder = loaded
    before = dump(engine)
    report = import_files(UnitOfWork(engine), [folder], actor=OPERATOR)
    assert report.ok, report.problems
    assert report.written
    assert dump(engine) != before  # the dump sees writes, so "unchanged" below means something
    assert report.counts["personen"] == 2 and report.counts["statushistorie"] == 4
    with UnitOfWork(engine) as uow:
        back = read_region(uow)
    assert _sorted(back) == _sorted(small_region())


def _sorted(region: Region) -> dict[str, list]:
    def key(x):
        return str(getattr(x, "code", None) or getattr(x, "key", None))
    return {f.name: sorted(getattr(region, f.name), key=key)
            for f in dataclasses.fields(region)}


# (file, row, column) the report must name, a piece of the message, and the edit that breaks it.
CASES = {
    "wrong type": (("woningen.csv", 2, "kamers"), "'abc' is geen geheel getal",
                   lambda d: set_cell(d / "woningen.csv", 2, "kamers", "abc")),
    "missing column": (("woningen.csv", 1, "huur"), "verplichte kolom ontbreekt",
                       lambda d: drop_column(d / "woningen.csv", "huur")),
    "missing value": (("personen.csv", 3, "doelgroep"), "waarde ontbreekt",
                      lambda d: set_cell(d / "personen.csv", 3, "doelgroep", "")),
    "unknown area": (("woningen.csv", 4, "buurt"), "onbekend gebied 'BU99'",
                     lambda d: set_cell(d / "woningen.csv", 4, "buurt", "BU99")),
    "wrong area level": (("complexen.csv", 2, "buurt"), "is een wijk, geen buurt",
                         lambda d: set_cell(d / "complexen.csv", 2, "buurt", "WK900101")),
    "unknown team": (("personen.csv", 2, "team"), "onbekend team 'T-X'",
                     lambda d: set_cell(d / "personen.csv", 2, "team", "T-X")),
    "unknown complex": (("woningen.csv", 2, "complex"), "onbekend complex",
                        lambda d: set_cell(d / "woningen.csv", 2, "complex", "CX-9")),
    "duplicate in file": (("woningen.csv", 3, "code"), "komt al voor in woningen.csv rij 2",
                          lambda d: set_cell(d / "woningen.csv", 3, "code", "W-1")),
    "duplicate in database": (("organisaties.csv", 2, "code"), "bestaat al in de database",
                              lambda d: (d / "organisaties.csv").write_text(
                                  "code,naam,soort\nWC-A,Dubbel,woningcorporatie\n")),
    "duplicate agreement": (("afspraken.csv", 3, "jaar"), "komt al voor",
                            lambda d: set_cell(d / "afspraken.csv", 3, "doelgroep",
                                               "bw_uitstroom")),
    "negative rent": (("woningen.csv", 2, "huur"), "negatief",
                      lambda d: set_cell(d / "woningen.csv", 2, "huur", "-5")),
    "min above max": (("woningen.csv", 4, "max_huishouden"), "kleiner dan min_huishouden",
                      lambda d: set_cell(d / "woningen.csv", 4, "min_huishouden", "5")),
    "bad enum": (("woningen.csv", 2, "woonvorm"), "toegestaan: zelfstandig, housing_first",
                 lambda d: set_cell(d / "woningen.csv", 2, "woonvorm", "villa")),
    "zrm out of range": (("personen.csv", 2, "zrm"), "moet 1–5 zijn",
                         lambda d: set_cell(d / "personen.csv", 2, "zrm", "financien=7")),
    "wrong organisation kind": (("teams.csv", 2, "organisatie"),
                                "is een woningcorporatie, geen zorgaanbieder",
                                lambda d: set_cell(d / "teams.csv", 2, "organisatie", "WC-A")),
    "illegal status history": (("statushistorie.csv", 4, "naar"), "niet toegestaan",
                               lambda d: set_cell(d / "statushistorie.csv", 4, "naar",
                                                  "gehuisvest")),
    "history date goes back": (("statushistorie.csv", 3, "datum"), "ligt voor de vorige",
                               lambda d: set_cell(d / "statushistorie.csv", 3, "datum",
                                                  "2024-01-01")),
    "status disagrees with history": (("personen.csv", 2, "status"), "past niet bij",
                                      lambda d: set_cell(d / "personen.csv", 2, "status",
                                                         "voorgedragen")),
    "van does not match": (("statushistorie.csv", 3, "van"), "status op dat moment",
                           lambda d: set_cell(d / "statushistorie.csv", 3, "van",
                                              "uitstroomklaar")),
    "first row has a van": (("statushistorie.csv", 5, "van"), "opent het dossier",
                            lambda d: set_cell(d / "statushistorie.csv", 5, "van", "aangemeld")),
    "side exit without reason": (("statushistorie.csv", 6, "reden"), "reden is verplicht",
                                 lambda d: append_line(d / "statushistorie.csv",
                                                       "P-2,2,aangemeld,uitgeschreven,2025-07-01,x,")),
    "duplicate volgnummer": (("statushistorie.csv", 6, "volgnummer"), "komt al voor",
                             lambda d: append_line(d / "statushistorie.csv",
                                                   "P-2,1,,aangemeld,2025-07-01,x,")),
    "history of an unknown person": (("statushistorie.csv", 6, "sleutel"),
                                     "staat niet in personen",
                                     lambda d: append_line(d / "statushistorie.csv",
                                                           "P-9,1,,aangemeld,2025-07-01,x,")),
    "buurt under a gemeente": (("gebieden.csv", 2, "ouder"), "is een gemeente, geen wijk",
                               lambda d: (d / "gebieden.csv").write_text(
                                   "code,naam,niveau,ouder\nBU1,x,buurt,GM9001\n")),
    "gemeente with a parent": (("gebieden.csv", 2, "ouder"), "een gemeente heeft geen ouder",
                               lambda d: (d / "gebieden.csv").write_text(
                                   "code,naam,niveau,ouder\nGM2,x,gemeente,GM9001\n")),
    "dwelling outside its complex": (("woningen.csv", 2, "complex"), "ligt in BU90010101",
                                     lambda d: set_cell(d / "woningen.csv", 2, "buurt",
                                                        "BU90010102")),
    "text too long": (("complexen.csv", 2, "naam"), "maximaal 160",
                      lambda d: set_cell(d / "complexen.csv", 2, "naam", "x" * 161)),
    "bad date": (("woningen.csv", 2, "beschikbaar_vanaf"), "'2026-02-30' is geen geldige datum",
                 lambda d: set_cell(d / "woningen.csv", 2, "beschikbaar_vanaf", "2026-02-30")),
    # The API's character rules (domain/characters.py), with file, row and column. A NUL used
    # to reach PostgreSQL and print an English traceback with the row's name and income.
    "NUL in a name": (("personen.csv", 2, "naam"), "NUL-teken (U+0000)",
                      lambda d: set_cell(d / "personen.csv", 2, "naam", "Jan\x00 Jansen")),
    "bidi control in a name": (("personen.csv", 3, "naam"), "tekstrichting (U+202E)",
                               lambda d: set_cell(d / "personen.csv", 3, "naam",
                                                  "Jan \u202ensnaJ")),
    "control character in a reason": (("statushistorie.csv", 3, "reden"), "besturingsteken",
                                      lambda d: set_cell(d / "statushistorie.csv", 3, "reden",
                                                         "regel\x0bdoor")),
    "placement without its move to gehuisvest": (
        ("plaatsingen.csv", 2, "begindatum"), "geen wijziging naar gehuisvest op 01-10-2025",
        lambda d: (d / "plaatsingen.csv").write_text(
            "sleutel,woning,begindatum\nP-1,W-4,2025-10-01\n")),
    "placement of an unknown dwelling": (
        ("plaatsingen.csv", 2, "woning"), "onbekende woning 'W-9'",
        lambda d: (d / "plaatsingen.csv").write_text(
            "sleutel,woning,begindatum\nP-1,W-9,2025-10-01\n")),
    "placement end without a reason": (
        ("plaatsingen.csv", 2, "einde_reden"), "horen samen",
        lambda d: (d / "plaatsingen.csv").write_text(
            "sleutel,woning,begindatum,einddatum\nP-1,W-4,01-10-2025,31-12-2025\n")),
    "placement ends before it starts": (
        ("plaatsingen.csv", 2, "einddatum"), "ligt voor de begindatum",
        lambda d: (d / "plaatsingen.csv").write_text(
            "sleutel,woning,begindatum,einddatum,einde_reden\n"
            "P-1,W-4,2025-10-01,2025-09-01,uitzetting\n")),
    "unknown column": (("teams.csv", 1, "capacitiet"), "onbekende kolom",
                       lambda d: set_cell(d / "teams.csv", 1, "capaciteit", "capacitiet")),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_file_is_reported_and_nothing_is_written(loaded, case):
    engine, folder = loaded
    (file, row, column), message, breaks = CASES[case]
    breaks(folder)
    before = dump(engine)
    report = import_files(UnitOfWork(engine), [folder], actor=OPERATOR)
    assert not report.ok and not report.written
    found = [p for p in report.problems if (p.file, p.row, p.column) == (file, row, column)]
    assert found, report.problems
    assert any(message in p.message for p in found), found
    assert dump(engine) == before


def test_every_problem_is_reported_not_just_the_first(loaded):
    engine, folder = loaded
    set_cell(folder / "woningen.csv", 2, "kamers", "abc")
    set_cell(folder / "personen.csv", 3, "huishouden", "0")
    set_cell(folder / "afspraken.csv", 2, "corporatie", "ZA-A")
    # A bad person row does not hide a bad history of that same person.
    set_cell(folder / "personen.csv", 2, "zrm", "financien=9")
    set_cell(folder / "statushistorie.csv", 4, "naar", "gehuisvest")
    report = import_files(UnitOfWork(engine), [folder], actor=OPERATOR)
    assert {(p.file, p.row, p.column) for p in report.problems} == {
        ("woningen.csv", 2, "kamers"), ("personen.csv", 3, "huishouden"),
        ("afspraken.csv", 2, "corporatie"), ("personen.csv", 2, "zrm"),
        ("statushistorie.csv", 4, "naar")}


def test_error_in_the_last_file_keeps_the_earlier_ones_out(loaded):
    engine, folder = loaded
    set_cell(folder / "afspraken.csv", 3, "jaar", "twintig")
    before = dump(engine)
    paths = [folder / f"{n}.csv" for n in ("teams", "complexen", "woningen", "personen",
                                           "statushistorie", "afspraken")]
    report = import_files(UnitOfWork(engine), paths, actor=OPERATOR)
    assert [(p.file, p.row, p.column) for p in report.problems] == [("afspraken.csv", 3, "jaar")]
    assert report.counts["woningen"] == 4  # the earlier files were read and checked
    assert dump(engine) == before


def test_bad_xlsx_sheet_is_reported_and_nothing_is_written(engine, tmp_path):
    base, rest = base_and_rest()
    store(engine, base)
    path = workbook(rest, tmp_path / "regio.xlsx")
    book = load_workbook(path)
    book["woningen"]["G3"] = "twee"  # kamers of W-2
    book["personen"]["E2"] = -1  # huishouden of P-1, typed as a number
    book.save(path)
    before = dump(engine)
    report = import_files(UnitOfWork(engine), [path], actor=OPERATOR)
    assert {(p.file, p.row, p.column) for p in report.problems} == {
        ("regio.xlsx[woningen]", 3, "kamers"), ("regio.xlsx[personen]", 2, "huishouden")}
    assert dump(engine) == before


def test_unreadable_xlsx_is_a_problem_not_a_crash(engine, tmp_path):
    store(engine, base_and_rest()[0])
    bad = tmp_path / "kapot.xlsx"
    bad.write_bytes(b"dit is geen werkmap")
    before = dump(engine)
    report = import_files(UnitOfWork(engine), [bad], actor=OPERATOR)
    assert [(p.file, p.row) for p in report.problems] == [("kapot.xlsx", None)]
    assert dump(engine) == before


def test_check_only_writes_nothing(loaded):
    engine, folder = loaded
    before = dump(engine)
    report = import_files(engine, [folder], dry_run=True, actor=OPERATOR)  # an engine will do too
    assert report.ok and not report.written
    assert dump(engine) == before


def test_history_for_a_stored_person_is_refused(loaded, tmp_path):
    engine, folder = loaded
    assert import_files(UnitOfWork(engine), [folder], actor=OPERATOR).ok
    extra = tmp_path / "statushistorie.csv"
    extra.write_text("sleutel,volgnummer,van,naar,datum,door\n"
                     "P-2,2,aangemeld,in_voorbereiding,2026-01-01,x\n")
    report = import_files(UnitOfWork(engine), [extra], actor=OPERATOR)
    assert [(p.row, p.column) for p in report.problems] == [(2, "sleutel")]
    assert "bestaat al in de database" in report.problems[0].message


def test_person_without_history_opens_with_status_and_date(engine, tmp_path):
    base, _ = base_and_rest()
    store(engine, base)
    (tmp_path / "personen.csv").write_text(
        "sleutel,doelgroep,zorgaanbieder,huishouden,inkomen,status,status_sinds\n"
        "N-1,dakloos,ZA-A,1,\"15000,50\",uitstroomklaar,01-09-2025\n"
        "N-2,dakloos,ZA-A,1,15000,,\n")
    report = import_files(UnitOfWork(engine), [tmp_path], actor=OPERATOR)
    assert {(p.row, p.column) for p in report.problems} == {(3, "status"), (3, "status_sinds")}
    (tmp_path / "personen.csv").write_text(
        "sleutel;doelgroep;zorgaanbieder;huishouden;inkomen;status;status_sinds\n"
        "N-1;dakloos;ZA-A;1;15000,50;uitstroomklaar;01-09-2025\n")
    assert import_files(UnitOfWork(engine), [tmp_path], actor=OPERATOR).ok
    with UnitOfWork(engine) as uow:
        person = uow.persons.get("N-1")
    assert person.annual_income == 15000.5 and person.status == "uitstroomklaar"
    assert [(t.source, t.target, t.by) for t in person.history] == [
        (None, "uitstroomklaar", "import")]
    assert person.ready_since.isoformat() == "2025-09-01"


def test_templates_import_as_an_empty_valid_import(engine):
    from woonregie.exchange.template_files import shipped_templates

    store(engine, base_and_rest()[0])
    before = dump(engine)
    report = import_files(UnitOfWork(engine), shipped_templates(), actor=OPERATOR)
    assert report.ok and report.warnings == []
    assert set(report.counts.values()) == {0}
    assert dump(engine) == before


def test_problems_are_listed_up_to_the_maximum_and_the_rest_counted(loaded):
    from woonregie.exchange.limits import ReadLimits

    engine, folder = loaded
    for n in range(40):
        append_line(folder / "woningen.csv", f"W-EXTRA-{n},,,,,,,,,,,,")
    report = import_files(UnitOfWork(engine), [folder], limits=ReadLimits(max_problems=5),
                          actor=OPERATOR)
    assert len(report.problems) == 5
    assert report.omitted > 40 and report.problem_count == 5 + report.omitted
    assert not report.written


def test_a_database_refusal_names_no_personal_data():
    from sqlalchemy.exc import DataError, IntegrityError

    from woonregie.services.imports import database_problem

    class DriverError(Exception):
        pass

    leaked = DataError("INSERT INTO persons ...", {"name": "Jan Jansen", "annual_income": 18500},
                       DriverError("invalid value 'Jan Jansen'"))
    problem = database_problem(leaked)
    assert "Jansen" not in str(problem) and "18500" not in str(problem)
    assert str(problem) == ("database: de database weigerde de gegevens (DriverError); "
                            "niets opgeslagen")
    clash = IntegrityError("INSERT", {"key": "P-1"}, DriverError("Key (key)=(P-1) exists"))
    assert "P-1" not in str(database_problem(clash))
