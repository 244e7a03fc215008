"""The layouts stay in step with the database, the shipped templates and the documentation."""

from pathlib import Path

from openpyxl import load_workbook

from woonregie.exchange.layouts import LAYOUTS
from woonregie.exchange.readers import read_paths
from woonregie.exchange.template_files import WORKBOOK, layout_markdown, shipped_templates
from woonregie.exchange.values import Text
from woonregie.store import tables as t

DOC = Path(__file__).parents[2] / "docs" / "import-layout.md"

COLUMNS = {  # layout column → database column holding it
    ("gebieden", "code"): t.AreaRow.code, ("gebieden", "naam"): t.AreaRow.name,
    ("gebieden", "ouder"): t.AreaRow.parent, ("organisaties", "code"): t.OrganisationRow.code,
    ("organisaties", "naam"): t.OrganisationRow.name,
    ("organisaties", "gemeente"): t.OrganisationRow.gemeente,
    ("teams", "code"): t.SupportTeamRow.code, ("teams", "naam"): t.SupportTeamRow.name,
    ("complexen", "code"): t.ComplexRow.code, ("complexen", "naam"): t.ComplexRow.name,
    ("complexen", "buurt"): t.ComplexRow.buurt, ("woningen", "code"): t.DwellingRow.code,
    ("woningen", "adres"): t.DwellingRow.address, ("woningen", "buurt"): t.DwellingRow.buurt,
    ("personen", "sleutel"): t.PersonRow.key, ("personen", "naam"): t.PersonRow.name,
    ("personen", "zorgaanbieder"): t.PersonRow.care_provider,
    ("personen", "team"): t.PersonRow.support_team,
    ("statushistorie", "door"): t.StatusTransitionRow.by,
    ("statushistorie", "reden"): t.StatusTransitionRow.reason,
    ("afspraken", "gemeente"): t.AgreementRow.gemeente,
}


def test_text_lengths_fit_the_database_columns():
    for (name, header), column in COLUMNS.items():
        cell_type = LAYOUTS[name].column(header).type
        assert isinstance(cell_type, Text)
        length = column.type.length
        if length is None:  # a foreign key: the referred column's length
            length = next(iter(column.foreign_keys)).column.type.length
        assert cell_type.max_length == length, (name, header)


def test_shipped_templates_carry_exactly_the_layout_headers():
    """Regenerate with `python -m woonregie.exchange.template_files` after a layout change."""
    paths = {p.name: p for p in shipped_templates()}
    for name, layout in LAYOUTS.items():
        assert paths[f"{name}.csv"].read_text(encoding="utf-8").strip() == ",".join(
            layout.headers)
    book = load_workbook(paths[WORKBOOK], read_only=True)
    assert book.sheetnames == [*LAYOUTS, "toelichting"]
    for name, layout in LAYOUTS.items():
        assert [c.value for c in next(book[name].iter_rows())] == layout.headers
    explained = [tuple(r[:4]) for r in book["toelichting"].iter_rows(min_row=2, values_only=True)]
    assert explained == [(n, c.header, "ja" if c.required else "nee", c.type.label)
                         for n, layout in LAYOUTS.items() for c in layout.columns]


def test_templates_parse_as_empty_valid_imports():
    read = read_paths(shipped_templates())
    assert read.problems == [] and read.warnings == []
    assert sorted(s.name for s in read.sheets) == sorted([*LAYOUTS, *LAYOUTS])
    assert all(s.rows == [] for s in read.sheets)


def test_documentation_shows_the_current_layout():
    assert layout_markdown() in DOC.read_text(encoding="utf-8")


def test_examples_in_the_layout_parse():
    for layout in LAYOUTS.values():
        for column in layout.columns:
            if column.example:
                column.type.parse(column.example)
