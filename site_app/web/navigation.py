"""The main navigation, rendered on every page by ``base.html`` from the section list."""

from __future__ import annotations

from flask import current_app, render_template, request
from markupsafe import Markup

from site_app.web.sections import Link, navigation_links, section_of


def aria_current(link: Link, endpoint: str | None) -> str | None:
    """The ``aria-current`` value ``link`` takes on the page at ``endpoint``.

    "page" on the link's own page; "true" on the section's first link for the section's
    pages that have no link of their own (a guest page marks Users).
    """
    if endpoint == link.endpoint:
        return "page"
    section = section_of(endpoint)
    linked = {other.endpoint for other in navigation_links()}
    if section and section.links and section.links[0] == link and endpoint not in linked:
        return "true"
    return None


def main_navigation() -> Markup:
    """The navigation's links for the current page, rendered once per page and process.

    They depend only on which page is current (and the path the site is mounted at), and
    rendering them is a large part of rendering a page. Nothing per visitor goes in here:
    base.html adds the sign-in item itself. In debug mode, where templates change under
    the running server, they are rendered every time.
    """
    key = (request.script_root, request.endpoint)
    rendered: dict[tuple[str, str | None], Markup] = current_app.extensions.setdefault(
        "navigation", {}
    )
    if current_app.debug or key not in rendered:
        links = [(link, aria_current(link, request.endpoint)) for link in navigation_links()]
        html = render_template("_navigation.html", links=links)
        rendered[key] = Markup(html)  # noqa: S704 (rendered by an autoescaping template)
    return rendered[key]
