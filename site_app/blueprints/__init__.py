"""The site's sections: one module per section, each defining a Blueprint named ``bp``.

``SECTIONS`` is the one list of them. Its order is the navigation's order; a section's
line gives its navigation label and the sentence the home page shows for it. Add a
section with ``flask --app wsgi new-section NAME`` (docs/sections.md), or by hand: its
module here, its templates in ``templates/NAME/``, its tests, and one line below.

Blueprints never import each other: they link through endpoint names with ``url_for``.
"""

from __future__ import annotations

from site_app.web.sections import Link, Section

SECTIONS: tuple[Section, ...] = (
    Section(
        "pages",
        "Home",
        more_links=(
            Link("Welcome", "welcome", "The greeting every visitor gets."),
            Link("Goodbye", "goodbye", "The page to leave on."),
        ),
    ),
    Section("users", "Users", "Enter a name to reach the admin page or a guest page."),
    Section("people", "People", "A table a script fills from the JSON API."),
    Section("predict", "Predict", "A salary estimate from years of experience."),
    Section("api_docs", "API", "The JSON API: REST, JSON-RPC and its OpenAPI document."),
    Section("about", "About", "What this site is, and how its sections fit together."),
    Section("account"),
    Section("health"),
    Section("api"),
)
