"""The seeded app fixtures (tests/app_fixtures.py) and the browser fixtures
(tests/web/browser_support.py)."""

from tests.app_fixtures import app, client, seeded, sqlite_engine
from tests.web.browser_support import browser, live_server, start_worker

__all__ = ["app", "browser", "client", "live_server", "seeded", "sqlite_engine", "start_worker"]
