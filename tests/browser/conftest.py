"""Real-browser fixtures: Chromium, driven by Playwright, against ``live_server``.

Chromium is Debian's (/usr/bin/chromium) when installed, else Playwright's own build.
With CI set, a missing browser fails the run; locally it skips with the fix to apply.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Error, Page, Playwright

# Headless Chromium as this machine needs it: no sandbox for root, and no background
# network traffic, which a closed network answers with a flood of refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium(playwright: Playwright) -> str | None:
    """Debian's chromium on PATH first, then a Chromium that Playwright installed."""
    system_chromium = shutil.which("chromium")
    if system_chromium:
        return system_chromium
    bundled = Path(playwright.chromium.executable_path)
    return str(bundled) if bundled.exists() else None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright) -> dict:
    executable = find_chromium(playwright)
    if executable is None:
        message = "no Chromium found: run `make test`, or `apt-get install chromium`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    # pytest-playwright resolves page.goto("/welcome") against this.
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
