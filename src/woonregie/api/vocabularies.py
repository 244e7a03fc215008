"""Vocabularies in the API: every code the API sends with its Dutch label, so a client shows
the same words as the pages (the tables beside the enums, services/vocabularies.py)."""

from __future__ import annotations

from fastapi import APIRouter

from woonregie.api import schemas as s
from woonregie.http.auth import ApiAuth
from woonregie.services import vocabularies as v

router = APIRouter(tags=["vocabulaires"])


@router.get("/vocabularies", response_model=dict[str, list[s.TermOut]],
            summary="Codes met hun Nederlandse labels, per vocabulaire")
def list_vocabularies(who: ApiAuth) -> dict[str, list[s.TermOut]]:
    return {name: [s.TermOut(code=code, label=text) for code, text in terms.items()]
            for name, terms in v.vocabularies(who.principal).items()}
