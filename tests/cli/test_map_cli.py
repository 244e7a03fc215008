"""`woonregie kaart import`: CBS buurt boundaries (GeoJSON) replace the schematic map of the
dashboard for the buurten the register knows; unknown codes are named, the import audited."""

from __future__ import annotations

import json
import re
from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from tests.web_support import PASSWORD, login
from woonregie.app import create_app
from woonregie.cli.main import app
from woonregie.domain.enums import AreaLevel, OrgKind
from woonregie.sample import generate_region
from woonregie.services import accounts
from woonregie.services.region import write_region
from woonregie.store.unit_of_work import UnitOfWork

REGION = generate_region(1, 0.2, date(2026, 6, 30))
BUURTEN = sorted(a.code for a in REGION.areas if a.level == AreaLevel.BUURT)


def _map(client: TestClient) -> dict:
    page = client.get("/dashboard?van=01-01-2025&tot=31-12-2025").text
    found = re.search(r'id="kaartspec-concentratie">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found[1]) | {"_page": page}


def _codes(spec: dict) -> set[str]:
    first = spec["hconcat"][0]["layer"][0]
    values = first.get("data", spec.get("data", {})).get("values") or next(
        d for d in spec.get("datasets", {}).values())
    return {f["properties"]["buurt"] for f in values}


def test_import_replaces_the_schematic_map(engine, tmp_path):
    with UnitOfWork(engine) as uow:
        write_region(uow, REGION)
        gemeente = next(o.code for o in REGION.organisations if o.kind == OrgKind.GEMEENTE)
        accounts.add_user(uow, "regisseur-kaart", PASSWORD, "regisseur", gemeente)
        uow.commit()
    url = engine.url.render_as_string(hide_password=False)
    with TestClient(create_app(engine)) as client:
        login(client, "regisseur-kaart")
        before = _map(client)
        assert _codes(before) == set(BUURTEN) and "Schematische kaart" in before["_page"]
        assert before["hconcat"][0]["projection"] == {"type": "identity", "reflectY": True}

    features = [{"type": "Feature", "properties": {"buurtcode": code},
                 "geometry": {"type": "Polygon", "coordinates": [[
                     [120000 + 600 * i, 487000], [120500 + 600 * i, 487000],
                     [120500 + 600 * i, 487500], [120000 + 600 * i, 487000]]]}}
                for i, code in enumerate([*BUURTEN[:3], "BU99999999"])]
    path = tmp_path / "buurten.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    result = CliRunner().invoke(app, ["--db", url, "kaart", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "3 buurtgrenzen opgeslagen (RD New (meters))" in result.output
    assert "BU99999999" in result.output

    with TestClient(create_app(engine)) as client:
        login(client, "regisseur-kaart")
        after = _map(client)
    assert _codes(after) == set(BUURTEN[:3])  # real boundaries only, never mixed
    assert "Buurtgrenzen van het CBS" in after["_page"]
    with engine.connect() as conn:
        entry = conn.execute(text("SELECT detail FROM audit_log WHERE entity = "
                                  "'buurt_geometries'")).scalar()
    assert entry is not None and "buurten.geojson" in str(entry)


def test_a_file_without_buurten_is_refused(engine, tmp_path):
    path = tmp_path / "leeg.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["--db", url, "kaart", "import", str(path)])
    assert result.exit_code == 1
    assert "geen enkele buurtgrens opgeslagen" in result.output
    bad = tmp_path / "kapot.geojson"
    bad.write_text("{kapot")
    result = CliRunner().invoke(app, ["--db", url, "kaart", "import", str(bad)])
    assert result.exit_code == 1 and "geen geldige JSON" in result.output
