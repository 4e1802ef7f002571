"""The site's one navigation list, rendered on every page by ``base.html``.

Add an entry here when you add a section; templates build every link with ``url_for``.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    NavItem("About", "about.index"),
)
