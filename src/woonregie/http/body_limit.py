"""Request bodies are limited before anything reads them: before parsing, before authentication.

Without this an anonymous client could make the server parse a body of any size (a 147 MB JSON
POST took 1.9 GB before the 401). The middleware is the outermost layer after Starlette's error
handler: a declared `Content-Length` over the limit is answered 413 at once, without reading a
byte; a body without one (chunked) is counted while the app reads it and cut off at the limit.

Limits are configurable: `WOONREGIE_MAX_BODY_BYTES` for ordinary requests (JSON, forms; default
1 MiB, a person record is ~2 KB) and `WOONREGIE_MAX_UPLOAD_BYTES` for `multipart/form-data`
(file uploads; default 50 MiB).
"""

from __future__ import annotations

import os
from typing import Any

from starlette.exceptions import HTTPException

from woonregie.domain.dutch_digits import grouped
from woonregie.http.error_page import body_for
from woonregie.http.security_headers import header_pairs

BODY_ENV, UPLOAD_ENV = "WOONREGIE_MAX_BODY_BYTES", "WOONREGIE_MAX_UPLOAD_BYTES"
DEFAULT_BODY, DEFAULT_UPLOAD = 1 << 20, 50 << 20


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() else default


def too_large_message(limit: int) -> str:
    return (f"Het verzoek is te groot: hoogstens {grouped(limit)} bytes toegestaan."
            + " Stuur minder gegevens tegelijk.")


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a streamed body passes the limit; the app's HTTP error handler
    turns it into the same Dutch 413 (JSON under /api, a page elsewhere)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


class BodyLimitMiddleware:
    def __init__(self, app: Any, max_body: int | None = None,
                 max_upload: int | None = None) -> None:
        self.app = app
        self.max_body = max_body if max_body is not None else _env_int(BODY_ENV, DEFAULT_BODY)
        self.max_upload = (max_upload if max_upload is not None
                           else _env_int(UPLOAD_ENV, DEFAULT_UPLOAD))

    def limit_for(self, scope: dict[str, Any]) -> int:
        for key, value in scope.get("headers", ()):
            if key == b"content-type" and value.lower().startswith(b"multipart/form-data"):
                return self.max_upload
        return self.max_body

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, send, limit)
            return
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


def _content_length(scope: dict[str, Any]) -> int | None:
    for key, value in scope.get("headers", ()):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(scope: dict[str, Any], send: Any, limit: int) -> None:
    """413 without reading the body. JSON for the API, a plain Dutch page elsewhere (no
    template context: nothing about this request has been checked yet). The connection is
    closed afterwards, so the unread body costs nothing."""
    body, kind = body_for(scope.get("path", ""), 413, too_large_message(limit))
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    headers += [(k.lower().encode("latin-1"), v.encode("latin-1"))
                for k, v in header_pairs(scope).items()]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
