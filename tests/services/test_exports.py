"""Export → import into an empty database gives the same region, as CSV and as xlsx; the
pseudonymised export hides keys and names."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import _truncate
from tests.exchange.regions import full_region
from tests.factories import small_region
from tests.web_support import OPERATOR
from woonregie.domain.model import Region
from woonregie.services.exports import (
    PseudonymKeyMissing,
    export_region,
    pseudonym,
    pseudonym_key_from_env,
)
from woonregie.services.imports import import_files
from woonregie.services.region import read_region, write_region
from woonregie.store.unit_of_work import UnitOfWork


def _sorted(region: Region) -> dict[str, list]:
    def key(x):
        return str(getattr(x, "code", None) or getattr(x, "key", None))
    return {f.name: sorted(getattr(region, f.name), key=key)
            for f in dataclasses.fields(region)}


def _store(engine: Engine, region: Region) -> None:
    with UnitOfWork(engine) as uow:
        write_region(uow, region)
        uow.commit()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("make", [small_region, full_region], ids=["small", "every-value"])
def test_export_then_import_round_trips(engine, tmp_path, fmt, make):
    original = make()
    _store(engine, original)
    target = tmp_path / ("uit" if fmt == "csv" else "uit.xlsx")
    result = export_region(UnitOfWork(engine), target, fmt, actor=OPERATOR)
    assert result.counts["personen"] == len(original.persons)
    _truncate(engine)
    report = import_files(UnitOfWork(engine), result.paths, actor=OPERATOR)
    assert report.ok, report.problems
    with UnitOfWork(engine) as uow:
        back = read_region(uow)
    assert _sorted(back) == _sorted(original)


def test_every_value_region_covers_every_enum_value():
    from woonregie.domain.enums import (
        AreaLevel,
        DwellingStatus,
        HousingForm,
        OrgKind,
        SupportIntensity,
        TargetGroup,
    )
    from woonregie.domain.status import PersonStatus

    r = full_region()
    assert {a.level for a in r.areas} == set(AreaLevel)
    assert {o.kind for o in r.organisations} == set(OrgKind)
    assert {d.housing_form for d in r.dwellings} == set(HousingForm)
    assert {d.status for d in r.dwellings} == set(DwellingStatus)
    assert {p.target_group for p in r.persons} == set(TargetGroup)
    assert {p.support_intensity for p in r.persons} == set(SupportIntensity)
    assert {p.status for p in r.persons} == set(PersonStatus)
    assert {a.target_group for a in r.agreements} == set(TargetGroup)


def test_pseudonymised_export_has_no_keys_or_names(engine, tmp_path):
    region = small_region()
    _store(engine, region)
    key = b"geheim"
    result = export_region(UnitOfWork(engine), tmp_path, "csv", pseudonym_key=key, actor=OPERATOR)
    text = "".join(p.read_text(encoding="utf-8") for p in result.paths)
    for person in region.persons:
        assert person.name not in text
        assert f"\n{person.key}," not in text
        for t in person.history:
            assert t.by not in text
    with (tmp_path / "personen.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert "naam" not in rows[0]
    assert {r["sleutel"] for r in rows} == {pseudonym(key, p.key) for p in region.persons}
    # Same key, same pseudonyms; another key, others.
    assert pseudonym(key, "P-1") == pseudonym(b"geheim", "P-1") != pseudonym(b"ander", "P-1")


def test_pseudonymised_export_imports_into_an_analysis_database(engine, tmp_path):
    region = small_region()
    _store(engine, region)
    result = export_region(UnitOfWork(engine), tmp_path / "x.xlsx", "xlsx", pseudonym_key=b"k",
                           actor=OPERATOR)
    _truncate(engine)
    report = import_files(UnitOfWork(engine), result.paths, actor=OPERATOR)
    assert report.ok, report.problems
    with UnitOfWork(engine) as uow:
        back = {p.key: p for p in uow.persons.find()}
    original = region.persons[0]
    copy = back[pseudonym(b"k", original.key)]
    assert copy.name == "" and copy.status == original.status
    assert [t.on for t in copy.history] == [t.on for t in original.history]


def test_pseudonym_key_must_be_set(monkeypatch):
    monkeypatch.delenv("WOONREGIE_PSEUDONYM_KEY", raising=False)
    with pytest.raises(PseudonymKeyMissing):
        pseudonym_key_from_env()
    monkeypatch.setenv("WOONREGIE_PSEUDONYM_KEY", "abc")
    assert pseudonym_key_from_env() == b"abc"


def test_xlsx_export_into_a_directory_names_the_workbook(engine, tmp_path: Path):
    _store(engine, small_region())
    result = export_region(UnitOfWork(engine), tmp_path, "xlsx", actor=OPERATOR)
    assert result.paths == [tmp_path / "woonregie-export.xlsx"]
