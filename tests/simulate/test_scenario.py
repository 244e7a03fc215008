"""Scenario files: the shipped ones load, variants merge onto their base, errors name the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from woonregie.simulate import build
from woonregie.simulate.scenario import ScenarioError, load, loads

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios"


def test_every_shipped_scenario_loads():
    names = {p.name for p in SHIPPED.glob("*.toml")}
    assert {"basis.toml", "meer_contingent.toml", "meer_housing_first.toml"} <= names
    for path in SHIPPED.glob("*.toml"):
        assert load(path).scenario.name == path.stem


def test_a_variant_says_only_what_differs_from_its_base():
    more = load(SHIPPED / "meer_contingent.toml")
    assert more.scenario.contingent == 1.5
    assert more.source == load(SHIPPED / "basis.toml").source
    hf = load(SHIPPED / "meer_housing_first.toml").scenario
    assert [p.form for p in hf.projects] == ["housing_first", "housing_first"]
    assert hf.projects[0].on == date(2026, 7, 1)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("[contingent]\nfactor = 'veel'", "contingent.factor"),
        ("[contingent]\nfactor = -1", "contingent.factor"),
        ("[contingent]\nfactr = 2", "contingent.factr"),
        ("[voorbereiding]\nsnelheid = 0", "voorbereiding.snelheid"),
        ("[instroom]\nonbekend = 1.2", "instroom.onbekend"),
        ("[[nieuwbouw]]\nvanaf = 2027-01-01\ncorporatie = 'X'\nwoonvorm = 'villa'\naantal = 3",
         "nieuwbouw[1].woonvorm"),
        ("[[nieuwbouw]]\nvanaf = 'morgen'\ncorporatie = 'X'\nwoonvorm = 'kamer'\naantal = 3",
         "nieuwbouw[1].vanaf"),
        ("[[nieuwbouw]]\nvanaf = 2027-01-01\ncorporatie = 'X'\nwoonvorm = 'kamer'",
         "nieuwbouw[1].aantal"),
        ("[[teamcapaciteit]]\nfactor = 2", "teamcapaciteit[1].vanaf"),
        ("[regio]\nbron = 'excel'", "regio.bron"),
        ("naam = ", "geen geldige TOML"),
    ],
)
def test_errors_are_dutch_and_name_the_key(text, key):
    with pytest.raises(ScenarioError) as e:
        loads(text, "mijn.toml")
    assert str(e.value).startswith("mijn.toml: ")
    assert key in str(e.value)


def test_names_must_exist_in_the_region(base):
    bad = loads("[[nieuwbouw]]\nvanaf = 2027-01-01\ncorporatie = 'WC99'\n"
                "woonvorm = 'kamer'\naantal = 3", "x.toml")
    with pytest.raises(ScenarioError, match=r"nieuwbouw\[1\]\.corporatie: onbekende corporatie"):
        build.model(base, bad.scenario, 12, "x.toml")
    team = loads("[[teamcapaciteit]]\nvanaf = 2027-01-01\nteam = 'T99'\nfactor = 2", "t.toml")
    with pytest.raises(ScenarioError, match=r"teamcapaciteit\[1\]\.team: onbekend team"):
        build.model(base, team.scenario, 12, "t.toml")


def test_an_upload_may_name_a_shipped_base():
    up = loads("basis = 'basis.toml'\n[contingent]\nfactor = 2.0", "upload.toml", SHIPPED)
    assert up.scenario.contingent == 2.0 and up.source.kind == "voorbeeld"


def test_a_base_cycle_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text("basis = 'b.toml'", encoding="utf-8")
    (tmp_path / "b.toml").write_text("basis = 'a.toml'", encoding="utf-8")
    with pytest.raises(ScenarioError, match="kringverwijzing"):
        load(tmp_path / "a.toml")
