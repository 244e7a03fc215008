"""Admission control (toelating): at most as many requests inside the app as it has database
connections, so a request never holds a connection while it waits for a thread, nor a thread
while it waits for a connection.

FastAPI runs each sync dependency and route in the thread pool, one hop at a time, and a
request's unit of work keeps its connection from the first query to the end of the request. If
more requests were let in than there are connections, every thread could end up waiting in the
pool for a connection that only a request waiting for a thread can give back: the server stalls.
Letting in at most `limit` requests (= pool_size + max_overflow = thread-pool size) rules that
out; the rest wait here, on the event loop, costing nothing, for at most `wait` seconds, and then
get a Dutch 503 with Retry-After instead of a silent hang. Static files skip the queue.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

from woonregie.http.error_page import body_for

RETRY_AFTER_S = 2
BUSY_MESSAGE = "De server is op dit moment te druk. Probeer het over enkele seconden opnieuw."


def busy_body(path: str) -> tuple[bytes, bytes]:
    """(body, content type) of a 503: JSON under /api, a Dutch page elsewhere."""
    return body_for(path, 503, BUSY_MESSAGE)


class Admission:
    """Pure ASGI middleware; one semaphore per event loop (tests start several loops)."""

    def __init__(self, app: Any, limit: int, wait: float) -> None:
        self.app, self.limit, self.wait = app, limit, wait
        self._gates: weakref.WeakKeyDictionary[Any, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary())

    def _gate(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Semaphore(self.limit)
        return gate

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        gate = self._gate()
        if gate.locked():  # the queue, first come first served; otherwise no timer at all
            try:
                async with asyncio.timeout(self.wait):  # no extra task, unlike wait_for
                    await gate.acquire()
            except TimeoutError:
                await _busy(scope["path"], send)
                return
        else:
            await gate.acquire()
        try:
            await self.app(scope, receive, send)
        finally:
            gate.release()


async def _busy(path: str, send: Any) -> None:
    body, content_type = busy_body(path)
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", content_type), (b"retry-after", str(RETRY_AFTER_S).encode()),
        (b"content-length", str(len(body)).encode()), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
