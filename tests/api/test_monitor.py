"""GET /api/v1/monitor on the seeded region: who may read it, the contract's shape, Dutch 422s.
(That the API gives the engine's figures on the sample region: tests/cli/test_monitor_cli.py.)"""

from __future__ import annotations

import pytest

from tests.monitor.test_figures import check_contract
from tests.web_support import bearer


def test_regisseur_and_auditor_read_the_figures(client, seeded):
    for user in ("regisseur-own", "auditor-other"):
        answer = client.get("/api/v1/monitor?van=2025-01-01&tot=2026-12-31",
                            headers=bearer(seeded, user))
        assert answer.status_code == 200, answer.text
        body = answer.json()
        check_contract(body)
        assert body["periode"] == {"van": "2025-01-01", "tot": "2026-12-31"}
        # P-1 registered 2025-03-01, P-2 2025-06-01 (tests/factories.py).
        assert body["eerste_instroom"]["totaal"] == 2
        assert body["stand"]["uitstroomklaar"] == 1 and body["stand"]["aangemeld"] == 1


@pytest.mark.parametrize("user", ["trajectbegeleider-own", "verhuurmakelaar-own", "admin-own"])
def test_other_roles_may_not(client, seeded, user):
    assert client.get("/api/v1/monitor", headers=bearer(seeded, user)).status_code == 403


def test_dutch_dates_and_the_default_period(client, seeded):
    headers = bearer(seeded, "auditor-own")
    dutch = client.get("/api/v1/monitor?van=1-3-2025&tot=31-12-2025", headers=headers).json()
    assert dutch["periode"] == {"van": "2025-03-01", "tot": "2025-12-31"}
    default = client.get("/api/v1/monitor", headers=headers).json()
    assert default["periode"]["van"].endswith("-01-01")


def test_filters_are_echoed(client, seeded):
    body = client.get("/api/v1/monitor?van=2025-01-01&tot=2025-12-31&gemeente=GM9001"
                      "&doelgroep=bw_uitstroom", headers=bearer(seeded, "regisseur-own")).json()
    assert body["filters"] == {"gemeente": "GM9001", "doelgroep": "bw_uitstroom"}
    assert body["eerste_instroom"]["totaal"] == 1  # P-1 only


@pytest.mark.parametrize(("query", "field", "message"), [
    ("van=2025-13-01", "van", "Van: '2025-13-01' is geen geldige datum: die dag bestaat niet"),
    ("van=2025-06-01&tot=2025-01-01", "tot",
     "Tot: de einddatum (tot) ligt voor de begindatum (van)"),
    ("van=1800-01-01&tot=2025-01-01", "van", "Van: de periode moet tussen 1900 en 2199 liggen"),
    ("gemeente=GM0000", "gemeente", "Gemeente: onbekende gemeente 'GM0000'"),
    ("corporatie=ZA-A", "corporatie", "Corporatie: onbekende woningcorporatie 'ZA-A'"),
    ("zorgaanbieder=WC-A", "zorgaanbieder", "Zorgaanbieder: onbekende zorgaanbieder 'WC-A'"),
])
def test_bad_input_is_a_dutch_422_naming_the_field(client, seeded, query, field, message):
    answer = client.get(f"/api/v1/monitor?{query}", headers=bearer(seeded, "auditor-own"))
    assert answer.status_code == 422
    (error,) = answer.json()["detail"]
    assert error["loc"] == ["query", field] and error["msg"] == message


def test_the_route_is_documented(client):
    spec = client.get("/api/v1/openapi.json").json()
    operation = spec["paths"]["/api/v1/monitor"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {
        "van", "tot", "gemeente", "doelgroep", "corporatie", "zorgaanbieder"}
    assert "MonitorOut" in spec["components"]["schemas"]


def test_reading_aggregates_writes_no_audit_entry(client, seeded):
    headers = bearer(seeded, "auditor-own")
    before = client.get("/api/v1/audit", headers=headers).json()["total"]
    client.get("/api/v1/monitor", headers=headers)
    assert client.get("/api/v1/audit", headers=headers).json()["total"] == before
