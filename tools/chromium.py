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


def find_chromium(
    playwright_build: str | None = None, *, headless_shell: bool = False
) -> str | None:
    """CHROME_PATH, else Debian's chromium on PATH, else a build Playwright installed.

    ``headless_shell`` puts Debian's chromium-headless-shell before the full browser:
    Chromium's own build for automation, without the desktop browser's services, and
    the one Playwright itself runs headless tests in. The browser tests spend half the
    CPU in it that they spend in the full browser's headless mode (Blink and V8 are the
    same). Lighthouse and the README's screenshots keep the full browser, as a
    visitor's.
    """
    candidates = [os.environ.get("CHROME_PATH")]
    if headless_shell:
        candidates.append(shutil.which("chromium-headless-shell"))
    candidates += [shutil.which("chromium"), playwright_build]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    return None
