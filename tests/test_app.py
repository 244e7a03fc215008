"""The application factory: both edges mounted on one app, the API documented without pages."""

from __future__ import annotations

from tests.app_fixtures import app, client, seeded, sqlite_engine

__all__ = ["app", "client", "seeded", "sqlite_engine"]  # the seeded app fixtures


def test_openapi_document_lists_the_resources(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/persons", "/api/v1/dwellings", "/api/v1/areas",
                 "/api/v1/organisations", "/api/v1/agreements",
                 "/api/v1/persons/{key}/status-changes"):
        assert path in doc["paths"]
    assert not any(p.startswith("/clienten") for p in doc["paths"])


def test_pages_and_api_are_served_by_one_app(client):
    assert client.get("/login").status_code == 200
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/docs").status_code == 200


def test_run_hands_uvicorn_the_factory_workers_and_trusted_proxies(monkeypatch):
    import os

    import uvicorn

    from woonregie import app as app_module
    from woonregie.app import run
    from woonregie.http.security_headers import TRUSTED_PROXIES_ENV

    monkeypatch.setenv("WOONREGIE_DATABASE_URL", "")
    monkeypatch.setenv(TRUSTED_PROXIES_ENV, "127.0.0.1")
    seen: dict = {}

    class Supervisor:
        def __init__(self, config, sockets):
            seen.update(config=config, sockets=sockets)

        def run(self):
            seen["ran"] = True

    monkeypatch.setattr(app_module, "Multiprocess", Supervisor)
    run("sqlite:///elders.db", "127.0.0.1", 0, 3, "10.0.0.7")
    config = seen["config"]
    assert type(config) is uvicorn.Config  # a worker unpickles it before it imports the app
    assert config.app == "woonregie.app:create_app" and config.factory is True
    assert (config.host, config.workers, seen["ran"]) == ("127.0.0.1", 3, True)
    assert config.forwarded_allow_ips == "10.0.0.7"
    assert os.environ["WOONREGIE_DATABASE_URL"] == "sqlite:///elders.db"
    seen["sockets"][0].close()


def test_the_workers_socket_sends_answers_without_waiting_for_acknowledgements():
    """With several workers uvicorn binds the socket as protocol 0, and asyncio then leaves
    Nagle's algorithm on for every connection: 40 ms per request on Linux (delayed ACK)."""
    import asyncio
    import socket

    import uvicorn

    from woonregie.app import tcp_listener

    listener = tcp_listener(uvicorn.Config("woonregie.app:create_app", host="127.0.0.1",
                                           port=0, workers=2))
    assert listener.proto == socket.IPPROTO_TCP

    async def accepted_nodelay() -> int:
        found: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport):
                sock = transport.get_extra_info("socket")
                found.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        try:
            return await asyncio.wait_for(found, 5)
        finally:
            writer.close()
            server.close()

    assert asyncio.run(accepted_nodelay()) != 0
