"""Which Chromium to drive, and how, for the browser tests, the audit and the screenshots."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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


def find_chromium(playwright_build: str | None = None) -> str | None:
    """CHROME_PATH, else Debian's chromium on PATH, else a build Playwright installed."""
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), playwright_build):
        if candidate and Path(candidate).exists():
            return candidate
    return None
