"""`woonregie persons …` prints data as typed: markup in a name cannot break or restyle it."""

import dataclasses

from typer.testing import CliRunner

from tests.factories import small_region
from woonregie.cli.main import app
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()
MARKUP_NAME = "Jan [/bold] de [red]Rood[/red]"


def test_names_with_rich_markup_are_shown_verbatim(engine, db_url):
    region = small_region()
    region.persons = [dataclasses.replace(p, name=MARKUP_NAME) if p.key == "P-1" else p
                      for p in region.persons]
    with UnitOfWork(engine) as uow:
        write_region(uow, region)
        uow.commit()
    shown = runner.invoke(app, ["--db", db_url, "persons", "show", "P-1"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert MARKUP_NAME in shown.stdout
    missing = runner.invoke(app, ["--db", db_url, "persons", "show", "[/bold]"])
    assert missing.exit_code == 1 and "persoon [/bold] niet gevonden" in missing.stderr
