"""The driepartijenovereenkomst (three-party agreement) of a signed match in the API, as PDF.
Only the three parties read it (corporation, zorgaanbieder, the gemeente of the placement);
anyone else gets 404. Every read is audited."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from woonregie.api.deps import Key
from woonregie.http.auth import ApiAuth, Uow
from woonregie.services import three_party

router = APIRouter(prefix="/matches", tags=["matches"])


def pdf_response(pdf: bytes, key: str) -> Response:
    return Response(pdf, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="driepartijenovereenkomst-{key}.pdf"'})


@router.get("/{key}/agreement.pdf", response_class=Response,
            summary="Driepartijenovereenkomst van een bemiddeling (PDF)",
            responses={200: {"content": {"application/pdf": {}},
                             "description": "De overeenkomst zoals gegenereerd bij de "
                             "ondertekening van het huurcontract"}})
def agreement_pdf(key: Key, who: ApiAuth, uow: Uow) -> Response:
    return pdf_response(three_party.agreement_pdf(uow, who.principal, key), key)
