"""The main navigation on every page (``_navigation.html`` in ``base.html``), from the
section list."""

from __future__ import annotations

from flask import request

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


def main_navigation() -> list[tuple[Link, str | None]]:
    """The navigation's links for the current page, each with its ``aria-current``.

    Nothing per visitor goes in here: base.html adds the sign-in item itself.
    """
    return marked_links(navigation_links(), request.endpoint, request.blueprint)
