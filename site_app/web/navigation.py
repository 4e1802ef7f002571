"""The main navigation, rendered on every page by ``base.html`` from the section list."""

from __future__ import annotations

from flask import current_app, render_template, request
from markupsafe import Markup

from site_app.web.sections import Link, navigation_links


def marked_links(
    links: list[Link], endpoint: str | None, blueprint: str | None
) -> list[tuple[Link, str | None]]:
    """Each link with the ``aria-current`` value it takes on the page at ``endpoint``.

    "page" on the link's own page; "true" on the first link of the section (blueprint)
    serving a page that has no link of its own (a guest page marks Users).
    """
    marks: dict[str | None, str] = {endpoint: "page"}
    if not any(link.endpoint == endpoint for link in links):
        in_section = (link.endpoint for link in links if link.endpoint.startswith(f"{blueprint}."))
        if (section_link := next(in_section, None)) is not None:
            marks[section_link] = "true"
    return [(link, marks.get(link.endpoint)) for link in links]


def main_navigation() -> Markup:
    """The navigation's links for the current page, rendered once per page and process.

    They depend only on which page is current and the path the site is mounted at, which
    holds the page's language (``/fr``: languages.py), and rendering them is a large part
    of rendering a page. Nothing per visitor goes in here:
    base.html adds the sign-in item itself. In debug mode, where templates change under
    the running server, they are rendered every time.
    """
    key = (request.script_root, request.endpoint)
    rendered: dict[tuple[str, str | None], Markup] = current_app.extensions.setdefault(
        "navigation", {}
    )
    if current_app.debug or key not in rendered:
        links = marked_links(navigation_links(), request.endpoint, request.blueprint)
        html = render_template("_navigation.html", links=links)
        rendered[key] = Markup(html)  # noqa: S704 (rendered by an autoescaping template)
    return rendered[key]
