"""Click through the site in a real Chromium, as a visitor does."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from config import DEVELOPMENT_ADMIN_PASSWORD
from site_app import create_app
from tests.html import NAV_LABELS, nav_paths
from tests.languages import needs_french

pytestmark = pytest.mark.browser

# Every link of the navigation (SECTIONS, then Sign in) and where it leads.
NAV_TARGETS = list(
    zip(NAV_LABELS, nav_paths(create_app({"APP_ENV": "testing"}, environ={})), strict=True)
)


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def test_every_nav_link_leads_to_its_page(page: Page, console_errors: list[str]):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Main")

    for label, path in NAV_TARGETS:
        nav.get_by_role("link", name=label, exact=True).click()

        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.get_by_role("heading", level=1)).not_to_be_empty()
        if label != "Sign in":  # the account link is no page of a section
            expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute(
                "aria-current", "page"
            )
    assert console_errors == []


def test_users_form_sends_admin_and_guests_to_their_pages(page: Page, console_errors: list[str]):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto("/users")

    page.get_by_label("Your name").fill("admin")
    page.get_by_role("button", name="Go").click()
    # The admin page is for the signed-in admin: the visitor is asked to sign in first.
    expect(page).to_have_url(re.compile(r"/login\?next=/admin$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/users$"))

    hostile = "Zoë <script>alert(1)</script>"
    page.get_by_label("Your name").fill(hostile)
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello {hostile} as Guest")
    assert path_of(page) == "/guest/Zo%C3%AB%20%3Cscript%3Ealert(1)%3C/script%3E"

    page.go_back()
    expect(page).to_have_url(re.compile(r"/users$"))
    assert dialogs == [], "markup in a name must never run"
    assert console_errors == []


def test_empty_name_shows_the_message_next_to_the_field(page: Page):
    page.goto("/users")
    page.get_by_role("button", name="Go").click()

    field = page.get_by_label("Your name")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#name-error")).to_have_text("Enter a name to continue.")
    expect(field).to_have_accessible_description("Enter a name to continue.")


def test_example_links_work(page: Page, console_errors: list[str]):
    page.goto("/")
    page.get_by_role("link", name="/hello/Ada").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada")

    page.goto("/users")
    page.get_by_role("link", name="/user/Ada").click()
    expect(page).to_have_url(re.compile(r"/guest/Ada$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Ada as Guest")
    assert console_errors == []


@pytest.mark.parametrize("path", ["/", "/hello/Ada", "/users", "/admin", "/guest/Ada", "/about"])
def test_page_loads_without_console_errors(page: Page, console_errors: list[str], path: str):
    response = page.goto(path)

    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    assert console_errors == []


def test_skip_link_appears_on_tab_and_moves_focus_to_the_content(page: Page):
    page.goto("/about")
    skip_link = page.get_by_role("link", name="Skip to main content")

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_admin_signs_in_lands_on_next_and_signs_out(page: Page, console_errors: list[str]):
    nav = page.get_by_role("navigation", name="Main")
    page.goto("/user/admin")
    expect(page).to_have_url(re.compile(r"/login\?next=/admin$"))

    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Password")).to_have_accessible_description(
        "That user name and password do not match."
    )
    expect(page).to_have_url(re.compile(r"/login\?next=/admin$"))

    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill(DEVELOPMENT_ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello Admin")
    expect(nav.get_by_role("link", name="Sign in")).to_have_count(0)

    nav.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto("/admin")
    expect(page).to_have_url(re.compile(r"/login\?next=/admin$"))
    # Chrome reports the re-shown form's 422 status; nothing else may appear.
    assert [error for error in console_errors if "status of 422" not in error] == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_a_visitor_predicts_a_salary_and_sees_it_in_the_history(
    browser, live_server: str, javascript: bool
):
    context = browser.new_context(base_url=live_server, java_script_enabled=javascript)
    page = context.new_page()
    page.goto("/predict")

    page.get_by_label("Years of experience").fill("7.5")
    page.get_by_role("button", name="Predict").click()

    expect(page).to_have_url(re.compile(r"/predict\?made=\d+$"))
    result = page.get_by_role("status")
    expect(result).to_contain_text("with 7.5 years of experience, a yearly salary of")
    salary = result.locator("strong").inner_text()
    newest = page.get_by_role("table", name=re.compile("newest prediction")).locator("tbody tr")
    expect(newest.first.locator("td").nth(1)).to_have_text("7.5")
    expect(newest.first.locator("td").nth(2)).to_have_text(salary)
    # Reloading the result page shows it again and sends nothing a second time.
    newest_id = newest.first.locator("td").first.inner_text()
    page.reload()
    expect(newest.first.locator("td").first).to_have_text(newest_id)
    context.close()


def test_a_form_on_another_site_cannot_post_to_this_one(page: Page, live_server: str):
    """Chromium itself says where the form was (Sec-Fetch-Site, Origin): the site refuses
    it even though the visitor's browser sent it."""
    elsewhere = f"""<!doctype html><html lang="en"><title>Elsewhere</title>
    <form method="post" action="{live_server}/predict">
      <input name="years_experience" value="3" aria-label="Years"><button>Send</button>
    </form></html>"""
    page.route(
        "http://elsewhere.test/",
        lambda route: route.fulfill(content_type="text/html", body=elsewhere),
    )
    before = page.request.get(f"{live_server}/api/past_predictions").json()["items"]
    page.goto("http://elsewhere.test/")

    with page.expect_response(f"{live_server}/predict") as answer:
        page.get_by_role("button", name="Send").click()

    assert answer.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Sent from another site")
    assert page.request.get(f"{live_server}/api/past_predictions").json()["items"] == before


def test_an_empty_prediction_form_shows_the_message_at_the_field(page: Page):
    page.goto("/predict")
    page.get_by_role("button", name="Predict").click()

    field = page.get_by_label("Years of experience")
    expect(page.locator("#years-error")).to_have_text("Enter a number of years, such as 3 or 2.5.")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("From 0 to 50.*Enter a number"))


@needs_french
def test_the_language_switch_keeps_the_visitor_on_the_same_page(page: Page):
    page.goto("/hello/Ada")
    page.get_by_role("link", name="Français").click()

    expect(page).to_have_url(re.compile(r"/fr/hello/Ada$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour, Ada")
    page.get_by_role("navigation", name="Principale").get_by_role(
        "link", name="Utilisateurs"
    ).click()
    expect(page).to_have_url(re.compile(r"/fr/users$"))
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/users$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Users")


@needs_french
@pytest.mark.parametrize(
    ("locale", "hint_shown"), [("fr-FR", True), ("en-GB", False), ("de-DE", False)]
)
def test_the_home_page_suggests_french_only_to_a_browser_that_prefers_it(
    browser, live_server: str, locale: str, hint_shown: bool
):
    context = browser.new_context(base_url=live_server, locale=locale)
    page = context.new_page()
    page.goto("/")

    hint = page.get_by_text("Ce site existe aussi dans votre langue")
    if hint_shown:
        expect(hint).to_be_visible()
        page.get_by_role("main").get_by_role("link", name="Français").click()
        expect(page).to_have_url(re.compile(r"/fr/$"))
    else:
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(hint).to_be_hidden()
    context.close()
