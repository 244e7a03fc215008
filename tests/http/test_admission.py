"""Admission: at most `limit` requests inside the app; the rest wait, boundedly, then 503."""

from __future__ import annotations

import asyncio

import httpx

from woonregie.http.admission import Admission


async def _slow_app(scope, receive, send) -> None:
    await asyncio.sleep(0.5)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


async def _two(limit: int, wait: float) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=Admission(_slow_app, limit=limit, wait=wait))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        return await asyncio.gather(c.get("/api/v1/persons"), c.get("/api/v1/persons"))


def test_a_request_over_the_limit_waits_then_gets_a_dutch_503():
    statuses = sorted(r.status_code for r in asyncio.run(_two(limit=1, wait=0.1)))
    assert statuses == [200, 503]
    busy = [r for r in asyncio.run(_two(limit=1, wait=0.1)) if r.status_code == 503][0]
    assert busy.headers["retry-after"] == "2"
    assert "te druk" in busy.json()["detail"]


def test_a_request_that_waits_less_than_the_bound_is_served():
    statuses = [r.status_code for r in asyncio.run(_two(limit=1, wait=5))]
    assert statuses == [200, 200]
