"""Real-browser fixtures: Chromium, driven by Playwright, against ``live_server``.

Chromium is CHROME_PATH, else Debian's headless shell (/usr/bin/chromium-headless-shell),
else Debian's full browser (/usr/bin/chromium), else Playwright's own build.
With CI set, a missing browser fails the run; locally it skips with the fix to apply.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page

from site_app import create_app
from site_app.models.database import close_database
from tests.databases import sqlite_url
from tools.chromium import CHROMIUM_ARGS, find_chromium
from tools.crawl import UNLINKED_PAGES, crawl


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright) -> dict:
    executable = find_chromium(playwright.chromium.executable_path, headless_shell=True)
    if executable is None:
        message = "no Chromium found: run `make test`, or `apt-get install chromium-headless-shell`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    # pytest-playwright resolves page.goto("/about") against this.
    return live_server


@pytest.fixture
def console_errors(page: Page) -> list[str]:
    """Every console error and uncaught page error seen by ``page``, to assert empty."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"{page.url}: {message.text}")

    def on_page_error(error: Error) -> None:
        errors.append(f"{page.url}: uncaught {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    return errors


@pytest.fixture(scope="session")
def every_path(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every page a visitor can reach from the home page, plus pages no link leads to."""
    database = sqlite_url(tmp_path_factory.mktemp("crawl"))
    app = create_app({"APP_ENV": "testing", "DATABASE_URL": database}, environ={})
    site = crawl(app.test_client())
    close_database(app)
    return sorted(site.pages) + list(UNLINKED_PAGES)
