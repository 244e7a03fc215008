"""What every API router shares: the documented error answers, the pagination parameters and
path-parameter shapes, and the page envelope. Request dependencies (unit of work, caller) are
the HTTP edges' shared ones in http/auth.py."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query

from woonregie.api import schemas as s

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": s.ErrorOut, "description": "Niet ingelogd of ongeldig token"},
    403: {"model": s.ErrorOut, "description": "Geen toegang voor deze rol"},
    404: {"model": s.ErrorOut, "description": "Niet gevonden (of niet van u)"},
    422: {"model": s.ValidationErrorOut, "description": "Ongeldige invoer"},
}
WRITE_ERRORS = ERRORS | {409: {"model": s.ErrorOut, "description": "Intussen gewijzigd"}}

Limit = Annotated[int, Query(ge=1, le=500, description="Aantal per pagina")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Aantal over te slaan")]
Cursor = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]*$",
                                     description="Waarde van `next` van de vorige pagina")]
Key = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]
Code = Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")]


def page(items: list[Any], total: int, limit: int, offset: int, next: str | None = None,
         total_exact: bool = True) -> dict[str, Any]:
    """The page envelope of every list: items of this page and the total over all pages
    (capped for the long lists, `total_exact` false then), and the cursor of the next page."""
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": next,
            "total_exact": total_exact}


def keyset_page(items: list[Any], result: Any) -> dict[str, Any]:
    """The envelope of a service's keyset page (services/persons.Page)."""
    return page(items, result.total, result.limit, result.offset, result.next,
                result.total_exact)


def sliced(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page cut from a short list the service returns whole (reference data)."""
    return page(items[offset: offset + limit], len(items), limit, offset)
