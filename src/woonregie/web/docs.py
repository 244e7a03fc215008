"""The API documentation page: Swagger UI served entirely from our own origin (works offline,
under a strict CSP). Swagger UI's own build comes from the pinned swagger-ui-bundle-v2
package; the app mounts its assets at SWAGGER_ASSETS."""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from woonregie.http.security_headers import DOCS_URL
from woonregie.web.rendering import templates

SWAGGER_UI = Path(swagger_ui_bundle.swagger_ui_path)
OPENAPI_URL, SWAGGER_ASSETS = "/api/v1/openapi.json", "/static/swagger-ui"

router = APIRouter(include_in_schema=False)


@router.get(DOCS_URL, response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI for the API, entirely from our own origin (works offline, strict CSP)."""
    return templates.TemplateResponse(request, "api_docs.html", {
        "assets": SWAGGER_ASSETS, "openapi_url": OPENAPI_URL})
