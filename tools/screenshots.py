"""``make screenshots``: pictures of each page in the main navigation, desktop and phone.

Taken from the production server in Chromium, written to docs/screenshots/ and shown in
the README. Run it again when pages change, and commit the images.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from site_app.blueprints import SECTIONS
from site_app.web.sections import links_of
from tools.chromium import CHROMIUM_ARGS, find_chromium
from tools.production_server import PROJECT_ROOT, production_server

OUTPUT = PROJECT_ROOT / "docs" / "screenshots"
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 375, "height": 740},
}


def main() -> int:
    executable = find_chromium()
    if executable is None:
        raise SystemExit("no Chromium found: run `make test` first, or set CHROME_PATH")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with production_server() as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for device, viewport in VIEWPORTS.items():
            page = browser.new_page(viewport=viewport)
            for item in links_of(SECTIONS):
                # Reach each page as a visitor does: from the home page, by its nav link.
                page.goto(base_url + "/")
                nav = page.get_by_role("navigation", name="Main")
                nav.get_by_role("link", name=item.label, exact=True).click()
                target = OUTPUT / f"{item.label.lower()}.{device}.png"
                page.screenshot(path=target)
                print(f"wrote {target.relative_to(PROJECT_ROOT)}")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
