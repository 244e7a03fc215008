"""Security headers on every response, errors and static files included, and HSTS over TLS.

A pure ASGI middleware rather than `@app.middleware("http")`: it rewrites the `http.response.start`
message itself, so it also covers responses that never pass through a route (404, 405, 413 from
the body limit, static files) and costs no extra task per request. The one response it cannot
see is the 500 that Starlette's outermost error middleware sends; `api/errors.py` adds the same
headers there through `header_pairs`.

HSTS is only sent when the request really came over TLS: the request's own scheme is https, or a
proxy we trust (`WOONREGIE_TRUSTED_PROXIES`, default the loopback addresses) says so in
`X-Forwarded-Proto`. A header from anyone else is ignored: it is trivial to forge.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

TRUSTED_PROXIES_ENV = "WOONREGIE_TRUSTED_PROXIES"
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Own scripts and styles only: htmx and Swagger UI are served from /static, nothing inline
    # runs.
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
}
DOCS_URL = "/api/v1/docs"
DOCS_CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
"""The API documentation's policy: the same, except that images may be data: URIs, with which
Swagger UI's stylesheet draws its icons (select arrows, checkboxes). An image cannot run code."""
HSTS = "max-age=31536000; includeSubDomains"  # one year, the usual preload minimum


def trusted_proxies() -> frozenset[str]:
    raw = os.environ.get(TRUSTED_PROXIES_ENV, DEFAULT_TRUSTED_PROXIES)
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def _header(scope: dict[str, Any], name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def is_https(scope: dict[str, Any]) -> bool:
    """Whether the client reached us over TLS (directly, or through a trusted proxy)."""
    if scope.get("scheme") == "https":
        return True
    client = scope.get("client")
    if not client or client[0] not in trusted_proxies():
        return False
    proto = _header(scope, b"x-forwarded-proto").split(",")[0].strip().lower()
    return proto == "https"


def header_pairs(scope: dict[str, Any]) -> dict[str, str]:
    """The headers a response to this request must carry (beside what it sets itself)."""
    path = scope.get("path", "")
    headers = dict(SECURITY_HEADERS)
    if path == DOCS_URL:
        headers["Content-Security-Policy"] = DOCS_CSP
    if not path.startswith("/static/"):
        headers["Cache-Control"] = "no-store"
    if is_https(scope):
        headers["Strict-Transport-Security"] = HSTS
    return headers


def _merged(existing: Iterable[tuple[bytes, bytes]],
            wanted: dict[str, str]) -> list[tuple[bytes, bytes]]:
    """`existing` plus every wanted header it does not set itself (a route's own policy wins)."""
    out = list(existing)
    present = {key.lower() for key, _ in out}
    for name, value in wanted.items():
        key = name.lower().encode("latin-1")
        if key not in present:
            out.append((key, value.encode("latin-1")))
    return out


class SecurityHeadersMiddleware:
    """Adds `header_pairs` to every HTTP response start message."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = header_pairs(scope)

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": _merged(message.get("headers", ()), wanted)}
            await send(message)

        await self.app(scope, receive, send_with_headers)
