"""The People section in a real Chromium: people.js fills the table from /api/people,
says so when it cannot, and speaks the page's language.

A file of the section's own (tests/browser/test_people.py): `flask --app wsgi
remove-section people` removes it with the section.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.languages import needs_french

pytestmark = pytest.mark.browser


def test_people_page_fills_its_table_from_the_api(page: Page, console_errors: list[str]):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()

    table = page.get_by_role("table", name="People and their cars")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(table.locator("tbody tr").nth(1)).to_have_text(
        re.compile(r"Tomasz\s*Wielgosz\s*Gdańsk\s*Škoda Octavia, Fiat 500")
    )
    expect(page.get_by_role("status")).to_have_text("5 people loaded.")
    expect(page.get_by_text("This page needs JavaScript")).to_be_hidden()
    assert console_errors == []


def test_people_page_says_so_when_the_api_cannot_be_reached(page: Page):
    page.route("**/api/people", lambda route: route.abort("connectionrefused"))
    page.goto("/people")

    expect(page.get_by_role("status")).to_contain_text("The people could not be loaded")
    expect(page.get_by_role("table", name="People and their cars")).to_be_hidden()


def test_people_page_says_what_it_needs_without_javascript(browser, live_server: str):
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/people")

    expect(page.get_by_text("This page needs JavaScript to build its table.")).to_be_visible()
    page.get_by_role("link", name="/api/people").first.click()
    expect(page).to_have_url(re.compile(r"/api/people$"))
    context.close()


@needs_french
def test_the_french_people_page_says_everything_in_french(page: Page, console_errors: list[str]):
    page.goto("/fr/people")

    table = page.get_by_role("table", name="Les personnes et leurs voitures")
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(page.get_by_role("status")).to_have_text("5 personnes chargées.")
    expect(table.get_by_role("row").filter(has_text="Aiyana")).to_contain_text("Aucune")
    assert console_errors == []

    page.route("**/api/people", lambda route: route.fulfill(status=503, body="{}"))
    page.reload()
    expect(page.get_by_role("status")).to_have_text(
        "Les personnes n\u2019ont pas pu être chargées (le serveur a répondu 503). "
        "Rechargez la page pour réessayer."
    )


@needs_french
def test_the_language_switch_keeps_the_visitor_on_the_people_page(page: Page):
    page.goto("/fr/people")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnes")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/people$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
