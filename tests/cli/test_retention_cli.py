"""`woonregie persons erase` and `persons purge` from the terminal."""

from typer.testing import CliRunner

from tests.factories import small_region
from woonregie.cli.main import app
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

runner = CliRunner()


def test_erase_and_purge(engine, db_url):
    with UnitOfWork(engine) as uow:
        write_region(uow, small_region())
        uow.commit()
    refused = runner.invoke(app, ["--db", db_url, "persons", "erase", "P-2", "--reason", " "])
    assert refused.exit_code == 1 and "reden is verplicht" in refused.stderr
    done = runner.invoke(app, ["--db", db_url, "persons", "erase", "P-2", "--reason", "verzoek"])
    assert done.exit_code == 0, done.output
    gone = runner.invoke(app, ["--db", db_url, "persons", "show", "P-2"])
    assert gone.exit_code == 1 and "niet gevonden" in gone.stderr
    purge = runner.invoke(app, ["--db", db_url, "persons", "purge", "--dry-run"])
    assert purge.exit_code == 0 and "0 dossier(s) zouden worden verwijderd" in purge.stdout
