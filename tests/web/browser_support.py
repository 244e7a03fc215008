"""What every Chromium test needs: the browser, the app served by uvicorn on a free loopback
port, a `jobs worker` next to it, a login through the login form and the screenshot folder.

The fixtures are offered to every test in tests/web by its conftest, so a browser test only
names them; one server helper serves both the seeded app and a test's own database."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy.engine import Engine

from tests.web_support import PASSWORD, seed
from woonregie.app import create_app
from woonregie.store.db import make_engine
from woonregie.store.schema import upgrade

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
BROWSER_DB = "browser.db"
"""The live server's SQLite file in the test's tmp_path (the worker and tests open it too)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(engine: Engine) -> Iterator[str]:
    """The app on `engine`, served by uvicorn in a thread until the block ends; yields its URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(engine), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("de testserver startte niet")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    """The seeded app (tests/web_support.seed) on its own SQLite file."""
    engine = make_engine(f"sqlite:///{tmp_path / BROWSER_DB}")
    upgrade(engine)
    seed(engine)
    with serving(engine) as base:
        yield base
    engine.dispose()


@pytest.fixture
def browser():
    if not shutil.which("chromium") and not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium ontbreekt (make browser installeert het)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[[], None]]:
    """Starts `woonregie jobs worker` on the live server's database when the test says so
    (so the test sees a round wait before it runs); stopped with SIGTERM afterwards."""
    started: list[subprocess.Popen] = []

    def start() -> None:
        env = {**os.environ, "WOONREGIE_DATABASE_URL": f"sqlite:///{tmp_path / BROWSER_DB}"}
        started.append(subprocess.Popen(
            [sys.executable, "-c", "from woonregie.cli.launch import main; main()", "jobs",
             "worker", "--lease-s", "10"], env=env, cwd=tmp_path))

    yield start
    for process in started:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def login_page(page, base: str, username: str) -> None:  # noqa: ANN001
    """Logs in through the login form, as a user would."""
    page.goto(f"{base}/login")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def artifacts() -> Path:
    """Where screenshots go: test-artifacts/ or $WOONREGIE_ARTIFACTS."""
    path = Path(os.environ.get("WOONREGIE_ARTIFACTS", "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path
