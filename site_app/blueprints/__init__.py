"""The site's sections: one module per section, each defining a Blueprint named ``bp``.

``SECTIONS`` is the one list of them. Its order is the navigation's order; a section's
line gives its navigation label and the sentence the home page shows for it, in English,
marked with ``N_`` for the translators' catalogue (docs/translations.md). Add a
section with ``flask --app wsgi new-section NAME`` (docs/sections.md), or by hand: its
module here, its templates in ``templates/NAME/``, its tests, and one line below.

Blueprints never import each other: they link through endpoint names with ``url_for``.
"""

from __future__ import annotations

from site_app.i18n.translation import N_
from site_app.web.sections import Section

SECTIONS: tuple[Section, ...] = (
    Section("pages", N_("Home")),
    Section("welcome", N_("Welcome"), N_("The greeting every visitor gets.")),
    Section("goodbye", N_("Goodbye"), N_("The page to leave on.")),
    Section("users", N_("Users"), N_("Enter a name to reach the admin page or a guest page.")),
    Section("people", N_("People"), N_("A table a script fills from the JSON API.")),
    Section("predict", N_("Predict"), N_("A salary estimate from years of experience.")),
    Section("api_docs", N_("API"), N_("The JSON API: REST, JSON-RPC and its OpenAPI document.")),
    Section("about", N_("About"), N_("What this site is, and how its sections fit together.")),
    Section("account"),
    Section("health", translated=False),
    Section("api", translated=False),
    Section("rpc", translated=False),
)
