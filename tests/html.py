"""Read pages the way a visitor does: by elements and visible text, not raw strings."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag
from werkzeug.test import TestResponse

# The main navigation, in order: what every page must offer.
NAV_LABELS = ["Home", "Welcome", "Goodbye", "Users", "People", "Predict", "API", "About", "Sign in"]
NAV_PATHS = [
    "/",
    "/welcome",
    "/goodbye",
    "/users",
    "/people",
    "/predict",
    "/api-docs",
    "/about",
    "/login",
]


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
    nav = soup.find("nav", attrs={"aria-label": "Main"})
    assert isinstance(nav, Tag), "page has no main navigation"
    return nav


def nav_links(soup: BeautifulSoup) -> list[Tag]:
    return main_nav(soup).find_all("a")
