"""Accounts in the API: who the caller is. (Users and tokens are managed on the command line
and the admin page.)"""

from __future__ import annotations

from fastapi import APIRouter

from woonregie.api import schemas as s
from woonregie.http.auth import ApiAuth

router = APIRouter(tags=["account"])


@router.get("/me", response_model=s.MeOut, summary="De ingelogde gebruiker")
def me(who: ApiAuth) -> s.MeOut:
    p = who.principal
    return s.MeOut(username=p.username, role=str(p.role), organisation=p.organisation,
                   organisation_kind=p.org_kind)
