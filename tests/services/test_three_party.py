"""The driepartijenovereenkomst: generated when the contract is signed, read by the three
parties only (audited), as HTML and as PDF (checked with pdftotext), from the shipped template
or the gemeente's own."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from sqlalchemy import select

from tests.services.match_region import CASEWORKER, CORPORATION, REGISSEUR, START, clock, loaded
from tests.signal_fixtures import consent_to_signals, sign_contract
from woonregie.domain.enums import OrgKind, SupportIntensity
from woonregie.services import persons, three_party
from woonregie.services.access import NotFound, Principal, Role
from woonregie.store import tables as t
from woonregie.store.unit_of_work import UnitOfWork

__all__ = ["clock", "loaded"]

OTHER_CORPORATION = Principal(7, "makelaar-b", Role.VERHUURMAKELAAR, "WC-B",
                              OrgKind.WONINGCORPORATIE)


@pytest.fixture
def region(loaded, clock):
    with UnitOfWork(loaded, clock) as uow:
        consent_to_signals(uow, "P-1", START)
        uow.commit()
    with UnitOfWork(loaded, clock) as uow:
        persons.update_person(uow, CASEWORKER, "P-1", {
            "support_intensity": SupportIntensity.INTENSIEF, "support_team": "T-A1"})
    return loaded


def sign(engine, clock, person="P-1", dwelling="W-1") -> str:
    return sign_contract(engine, clock, person, dwelling, REGISSEUR, CORPORATION, days=10)


def test_signing_generates_the_agreement_with_its_content(region, clock):
    key = sign(region, clock)
    with UnitOfWork(region, clock) as uow:
        html = three_party.agreement_html(uow, CASEWORKER, key)
    for expected in ("Driepartijenovereenkomst", "Client P-1", "Woonstede", "Kompas Zorg",
                     "Kompas Centrum", "Akkers", "€ 520,00", "15 januari 2026",
                     "Intensief", "Middel", "Licht", "15 juli 2026", "15 januari 2027",
                     "15 juli 2027", "Huurachterstand", "5 dagen", "Overlast", "3 dagen",
                     "geeft toestemming", "Ondertekening"):
        assert expected in html, expected
    with UnitOfWork(region, clock) as uow:
        assert three_party.agreement_html(uow, CORPORATION, key) == html
        assert three_party.agreement_html(uow, REGISSEUR, key) == html
        with pytest.raises(NotFound):
            three_party.agreement_html(uow, OTHER_CORPORATION, key)
        rows = uow.session.execute(select(t.AuditRow.action, t.AuditRow.actor).where(
            t.AuditRow.entity == "tenancy_agreement", t.AuditRow.entity_key == key)).all()
    assert ("create", CORPORATION.username) in rows and ("read", CASEWORKER.username) in rows


def test_without_consent_the_agreement_says_signals_go_to_the_gemeente(region, clock):
    key = sign(region, clock, "P-2", "W-2")
    with UnitOfWork(region, clock) as uow:
        html = three_party.agreement_html(uow, CORPORATION, key)
    assert "niet gegeven" in html and "alleen naar de gemeente" in html
    assert "Er is geen ambulante begeleiding afgesproken" in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext ontbreekt (make pdf)")
def test_the_pdf_reads_back_as_the_agreement(region, clock, tmp_path):
    key = sign(region, clock)
    with UnitOfWork(region, clock) as uow:
        pdf = three_party.agreement_pdf(uow, CORPORATION, key)
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "overeenkomst.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    for expected in ("Driepartijenovereenkomst", "Client P-1", "Woonstede", "Kompas Zorg",
                     "15 januari 2026", "Bij huurachterstand of overlast",
                     "Toestemming voor signalering", "pagina 1 van"):
        assert expected in text, expected


def test_the_gemeente_keeps_its_own_template(region, clock):
    with UnitOfWork(region, clock) as uow:
        body, own = three_party.template_of(uow, REGISSEUR)
    assert not own and "{{ tenant.name }}" in body
    with UnitOfWork(region, clock) as uow, pytest.raises(three_party.TemplateRefused,
                                                          match="regel 2"):
        three_party.save_template(uow, REGISSEUR, "<p>\n{% if %}</p>")
    with UnitOfWork(region, clock) as uow, pytest.raises(three_party.TemplateRefused,
                                                          match="huurder"):
        three_party.save_template(uow, REGISSEUR, "<p>{{ huurder.naam }}</p>")
    with UnitOfWork(region, clock) as uow, pytest.raises(three_party.TemplateRefused,
                                                          match="unsafe"):
        three_party.save_template(uow, REGISSEUR, "{{ ''.__class__.__mro__ }}")  # sandboxed
    with UnitOfWork(region, clock) as uow:
        three_party.save_template(
            uow, REGISSEUR, "<h1>Overeenkomst Veldhoven-West</h1><p>{{ tenant.name }} "
            "{{ '<script>' }}</p>")
    key = sign(region, clock)
    with UnitOfWork(region, clock) as uow:
        html = three_party.agreement_html(uow, CASEWORKER, key)
        assert three_party.template_of(uow, REGISSEUR)[1]
    assert "Overeenkomst Veldhoven-West" in html and "Client P-1" in html
    assert "<script>" not in html  # autoescaped
