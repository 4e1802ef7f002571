"""Every page, in a real Chromium: accessible, usable by keyboard, readable on a phone and
a desktop, and working with JavaScript off. Pages come from the crawler (every_path)."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from site_app.settings.site import DEFAULT_SITE_NAME
from tests.processes import PROJECT_ROOT

pytestmark = pytest.mark.browser

WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# axe-core's script, as axe-playwright-python ships it.
AXE_SCRIPT = Axe().axe_script


# The rules a colour can break: contrast, and links told from text by colour alone.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the page as it is now. axe-core's own API
    (``axe.run(context, options)``), not the wrapper's ``Axe.run``: that injects the
    500 kB script again before every run, and asks for every rule's passes as well (axe's
    default ``resultTypes``), which Playwright then copies out of the browser. With two
    runs a page over every page, the two cost a third of the test's time."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_A_AA}
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": run_only, "resultTypes": ["violations"]},
    )
    return [
        f"{violation['id']}: {node['target']} {node['failureSummary']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def test_every_page_has_no_wcag_a_or_aa_violation_in_either_colour_scheme(
    page: Page, every_path: list[str]
):
    """Every WCAG 2.0 to 2.2 A and AA rule in the light theme; in the dark one, which
    changes only colours (site.css's prefers-color-scheme block sets the colour
    variables and nothing else), the rules a colour can break, on the same page load."""
    found = {}
    for path in every_path:
        page.emulate_media(color_scheme="light")
        page.goto(path)
        light = violations(page)
        page.emulate_media(color_scheme="dark")
        dark = violations(page, COLOUR_RULES)
        if light or dark:
            found[path] = {"light": light, "dark": dark}

    assert len(every_path) >= 10
    assert found == {}


def test_the_dark_theme_changes_only_colours():
    """What the test above relies on to check the dark theme for colour rules alone."""
    css = (PROJECT_ROOT / "site_app" / "static" / "css" / "site.css").read_text()
    dark = css.split("@media (prefers-color-scheme: dark) {", 1)[1].split("\n}\n", 1)[0]
    declarations = re.findall(r"([\w-]+)\s*:", dark.split("{", 1)[1])

    assert dark.strip().startswith(":root {")
    assert declarations
    assert all(name.startswith("--") for name in declarations), declarations


def focusable_in_document_order(page: Page) -> list[str]:
    """Every control a visitor can reach, in order: hidden ones (the home page's language
    hint, for another browser) take no focus."""
    return page.eval_on_selector_all(
        "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])",
        "elements => elements.filter(e => e.checkVisibility())"
        ".map(e => e.outerHTML.split('>')[0] + '>')",
    )


def tab_through(page: Page, count: int) -> list[dict]:
    """Press Tab ``count`` times; what had the focus each time, and how it looked."""
    seen = []
    for _ in range(count):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => {
                  const element = document.activeElement;
                  const style = getComputedStyle(element);
                  return {
                    tag: element.outerHTML.split('>')[0] + '>',
                    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                  };
                }"""
            )
        )
    return seen


@pytest.mark.parametrize("path", ["/", "/users", "/about"])
def test_tab_reaches_every_control_in_order_with_a_visible_focus(page: Page, path: str):
    page.goto(path)
    expected = focusable_in_document_order(page)

    seen = tab_through(page, len(expected))

    assert [item["tag"] for item in seen] == expected
    assert [item["tag"] for item in seen if not item["outline"]] == []


# Per page: how far it scrolls sideways, the body text's size, main's top and bottom
# padding, the words split across lines inside the main text (a word's first and last
# letter on different lines), and the nav's rows.
LAYOUT_PROBE = """() => {
  const main = getComputedStyle(document.querySelector('main'));
  const split = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.textContent.matchAll(/[\\p{L}\\p{N},.]{2,}/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const rows = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      if (rows.size > 1) split.push(match[0]);
    }
  }
  const navItems = [...document.querySelectorAll('.nav-list > li')];
  const navRows = new Set(navItems.map(li => Math.round(li.getBoundingClientRect().top)));
  return {
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    bodySize: parseFloat(getComputedStyle(document.body).fontSize),
    padding: [parseFloat(main.paddingTop), parseFloat(main.paddingBottom)],
    split,
    navRows: navRows.size,
    header: document.querySelector('.site-header').getBoundingClientRect().height,
  };
}"""


# A name longer than any line: its page must wrap it rather than scroll.
LONG_NAME_PAGE = "/hello/" + "Supercalifragilisticexpialidocious" * 4


@pytest.mark.parametrize("width", [375, 1280])
def test_every_page_lays_out_at_a_phone_s_and_a_desktop_s_width(
    browser: Browser, live_server: str, every_path: list[str], width: int
):
    """Each page, loaded once a width: no sideways scroll, body text of at least 16 px,
    the navigation in view, main's padding kept, no word or number split across lines
    (but the long name's, which must wrap), and at 1280 px the header on one row."""
    context = browser.new_context(base_url=live_server, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto("/predict")
    page.get_by_label("Years of experience").fill("47.5")
    page.get_by_role("button", name="Predict").click()
    problems = {}
    for path in [*every_path, LONG_NAME_PAGE]:
        page.goto(path)
        # A page built in the browser is measured once its script is done with it.
        expect(page.locator("[aria-busy='true']")).to_have_count(0)
        layout = page.evaluate(LAYOUT_PROBE)
        expect(page.locator("header nav")).to_be_visible()
        if layout["overflow"] > 0 or layout["bodySize"] < 16 or min(layout["padding"]) < 16:
            problems[path] = layout
        if layout["split"] and path != LONG_NAME_PAGE:
            problems[path] = layout
        if width == 1280:
            # Brand and navigation on one row: the header is one row tall.
            assert layout["navRows"] == 1, path
            assert layout["header"] < 80, path
    context.close()

    assert problems == {}


def test_navigation_is_usable_on_a_phone(browser: Browser, live_server: str):
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")

    for link in nav.get_by_role("link").all():
        box = link.bounding_box()
        assert box is not None
        assert box["x"] >= 0, link.text_content()
        assert box["x"] + box["width"] <= 375, link.text_content()
        assert box["height"] >= 24, link.text_content()  # WCAG 2.2 target size
    nav.get_by_role("link", name="About").click()
    expect(page).to_have_url(re.compile(r"/about$"))
    context.close()


def test_site_works_with_javascript_off(browser: Browser, live_server: str):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")

    nav.get_by_role("link", name="Users").click()
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_role("button", name="Go").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Ada Lovelace as Guest")
    nav.get_by_role("link", name="About").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"About {DEFAULT_SITE_NAME}")
    context.close()
