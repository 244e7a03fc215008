"""`woonregie import` of CBS Kerncijfers and Leefbaarometer files as they are downloaded:
stored per buurt, all or nothing, problems with file, row and column."""

from __future__ import annotations

from sqlalchemy import select

from tests.factories import small_region
from tests.web_support import OPERATOR
from woonregie.services.analysis import woonzorganalyse
from woonregie.services.imports import import_files
from woonregie.services.region import write_region
from woonregie.store.tables import AreaFiguresRow, AreaRow
from woonregie.store.unit_of_work import UnitOfWork

CBS = (
    '"Kerncijfers wijken en buurten 2024"\n'
    '\n'
    '"Wijken en buurten";"Gemeentenaam";"Soort regio";"Codering";"Aantal inwoners";'
    '"Huishoudens totaal";"Woningvoorraad";"Koopwoningen";'
    '"Huurwoningen in bezit woningcorporaties"\n'
    '"Nederland";"Nederland    ";"Land     ";"NL00      ";"17811291";"8121000";".";"57";"29"\n'
    '"Veldhoven-West";"Veldhoven-West";"Gemeente ";"GM9001    ";"9000";"4200";"4000";"50";"35"\n'
    '"Oude Kern";"Veldhoven-West";"Buurt    ";"BU90010101  ";"  2.345";"1.100";"1050";"42,5";'
    '"38,1"\n'
    '"Stationsbuurt";"Veldhoven-West";"Buurt    ";"BU90010102";"1200";"600";".";"x";"55"\n'
    '"Elders";"Amsterdam";"Buurt    ";"BU03630101";"900";"500";"400";"20";"60"\n'
)
LBM = "bu_code,bu_naam,lbm,klasse\nBU90010101,Oude Kern,3.912,3 - zwak\nBU90010201,Akkers,4.4,8\n"


def stored(engine) -> tuple[dict, dict]:
    with engine.connect() as c:
        figures = {r.area: r for r in c.execute(select(AreaFiguresRow))}
        classes = {code: lv for code, lv in c.execute(select(AreaRow.code, AreaRow.liveability))}
    return figures, classes


def region(engine) -> None:
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()


def test_cbs_and_leefbaarometer_files_are_stored_per_buurt(engine, tmp_path):
    region(engine)
    (tmp_path / "Kerncijfers_wijken_en_buurten_2024.csv").write_text(CBS, encoding="utf-8-sig")
    (tmp_path / "leefbaarometer-buurten.csv").write_text(LBM, encoding="utf-8")
    report = import_files(UnitOfWork(engine), [tmp_path], actor=OPERATOR)
    assert report.ok, report.problems
    assert report.counts["kerncijfers"] == 2 and report.counts["leefbaarometer"] == 2
    assert any("1 buurten liggen niet in de regio" in w for w in report.warnings)
    figures, classes = stored(engine)
    kern = figures["BU90010101"]
    assert (kern.inhabitants, kern.households, kern.dwellings) == (2345, 1100, 1050)
    assert (kern.owner_pct, kern.corporation_pct) == (42.5, 38.1)
    assert (kern.liveability_score, kern.liveability_class) == (3.912, 3)  # both files kept
    station = figures["BU90010102"]
    assert (station.dwellings, station.owner_pct, station.corporation_pct) == (None, None, 55.0)
    assert figures["BU90010201"].inhabitants is None
    assert classes["BU90010101"] == 3 and classes["BU90010201"] == 8  # the area's class too
    with UnitOfWork(engine) as uow:  # the analysis shows them
        spread = {r.wijk: r for r in woonzorganalyse(uow, OPERATOR, 2026).spread}
    assert spread["WK900101"].inhabitants == 2345 + 1200
    assert spread["WK900101"].social_stock == 1050 * 0.381 + 600 * 0.55


def test_one_bad_cell_stores_nothing_and_names_file_row_and_column(engine, tmp_path):
    region(engine)
    (tmp_path / "kwb.csv").write_text(CBS.replace('"1200"', '"12oo"'), encoding="utf-8")
    (tmp_path / "lbm.csv").write_text(LBM.replace(",8\n", ",10\n"), encoding="utf-8")
    before = stored(engine)
    report = import_files(UnitOfWork(engine), [tmp_path], actor=OPERATOR)
    assert [str(p) for p in report.problems] == [
        "kwb.csv, rij 7, kolom Aantal inwoners: geen getal: '12oo'",
        "lbm.csv, rij 3, kolom klasse: klasse moet een geheel getal 1–9 zijn: '10'"]
    assert not report.written and stored(engine) == before
