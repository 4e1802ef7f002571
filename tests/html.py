"""Read pages the way a visitor does: by elements and visible text, not raw strings."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from flask import Flask, url_for
from flask_babel import force_locale, gettext
from werkzeug.test import TestResponse

from site_app.blueprints import SECTIONS
from site_app.web.sections import links_of

# The in-process test apps run under this name (conftest.py), so every test of a title
# or heading also checks that the page takes the name from the SITE_NAME setting.
SITE_NAME = "Acme Widgets"

# The main navigation, in order, from the section list: what every page must offer.
NAV_LINKS = links_of(SECTIONS)
NAV_LABELS = [link.label for link in NAV_LINKS] + ["Sign in"]


def parse(response: TestResponse) -> BeautifulSoup:
    assert response.mimetype == "text/html"
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(element: Tag | None) -> str:
    """An element's text with white space folded, as a browser shows it."""
    assert element is not None
    return " ".join(element.get_text(" ").split())


def heading(response: TestResponse) -> str:
    return text(parse(response).find("h1"))


def title(response: TestResponse) -> str:
    return text(parse(response).find("title"))


def main_nav(soup: BeautifulSoup) -> Tag:
    # Found by place, not by its label: French pages name it "Principale".
    nav = soup.select_one("header nav")
    assert isinstance(nav, Tag), "page has no main navigation"
    return nav


def nav_links(soup: BeautifulSoup) -> list[Tag]:
    return main_nav(soup).find_all("a")


def nav_labels_in(app: Flask, language: str) -> list[str]:
    """NAV_LABELS as pages in ``language`` show them: translated by the site's catalogue
    (a section not yet translated keeps its English label)."""
    with app.test_request_context(), force_locale(language):
        return [gettext(label) for label in NAV_LABELS]


def nav_paths(app: Flask) -> list[str]:
    """Where the navigation's links lead, built by the app's own URL map."""
    with app.test_request_context():
        return [url_for(link.endpoint) for link in NAV_LINKS] + [url_for("account.login")]
