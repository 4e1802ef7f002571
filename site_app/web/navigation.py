"""The site's one navigation list, rendered on every page by ``base.html``.

Add an entry here when you add a section; ``_navigation.html`` builds every link with
``url_for``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template, request
from markupsafe import Markup


@dataclass(frozen=True)
class NavItem:
    """One link in the main navigation."""

    label: str
    endpoint: str
    # Pages that belong to this section without being its landing page, such as the
    # guest page under Users: the link is marked as the current section there.
    section_endpoints: frozenset[str] = frozenset()

    def aria_current(self, endpoint: str | None) -> str | None:
        """The ``aria-current`` value this link takes on the page at ``endpoint``."""
        if endpoint == self.endpoint:
            return "page"
        if endpoint in self.section_endpoints:
            return "true"
        return None


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Home", "pages.index", frozenset({"pages.hello"})),
    NavItem("Welcome", "pages.welcome"),
    NavItem("Goodbye", "pages.goodbye"),
    NavItem("Users", "users.index", frozenset({"users.admin", "users.guest"})),
    NavItem("People", "people.index"),
    NavItem("Predict", "predict.index"),
    NavItem("API", "api_docs.index"),
    NavItem("About", "about.index"),
)


def main_navigation() -> Markup:
    """The navigation's links for the current page, rendered once per page and process.

    They depend only on which page is current (and the path the site is mounted at), and
    rendering them is a large part of rendering a page. Nothing per visitor goes in here:
    base.html adds the sign-in item itself. In debug mode, where templates change under
    the running server, they are rendered every time.
    """
    key = (request.script_root, request.endpoint)
    rendered: dict[tuple[str, str | None], Markup] = current_app.extensions["navigation"]
    if current_app.debug or key not in rendered:
        html = render_template("_navigation.html", navigation=NAVIGATION, endpoint=key[1])
        rendered[key] = Markup(html)  # noqa: S704 (rendered by an autoescaping template)
    return rendered[key]
