"""GET /api/v1/matches/{key}/agreement.pdf: a PDF for the three parties, 404 for others."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.signal_fixtures import agreement_key
from tests.web_support import bearer


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext ontbreekt (make pdf)")
def test_the_pdf_for_the_parties(client, seeded, sqlite_engine, tmp_path):
    key = agreement_key(sqlite_engine)
    url = f"/api/v1/matches/{key}/agreement.pdf"
    response = client.get(url, headers=bearer(seeded, "verhuurmakelaar-own"))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert f"driepartijenovereenkomst-{key}.pdf" in response.headers["content-disposition"]
    (tmp_path / "a.pdf").write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Driepartijenovereenkomst" in text
    for user in ("verhuurmakelaar-other", "trajectbegeleider-other", "auditor-own"):
        assert client.get(url, headers=bearer(seeded, user)).status_code in (403, 404)
    assert client.get("/api/v1/matches/M-NOPE/agreement.pdf",
                      headers=bearer(seeded, "verhuurmakelaar-own")).status_code == 404
