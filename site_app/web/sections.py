"""Sections: the parts of the site, each a blueprint, listed once in order.

``site_app/blueprints/__init__.py`` holds the list. The factory registers a blueprint for
each entry, and the navigation, the home page, the sitemap, the About page and the admin
page's route list all read the same list, so adding a section is one line there.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from flask import Blueprint, Flask, current_app


@dataclass(frozen=True)
class Link:
    """A navigation link to one page of a section, with a sentence for the home page."""

    label: str
    endpoint: str
    summary: str = ""


@dataclass(frozen=True)
class Section:
    """One part of the site.

    ``name`` is the blueprint's name, its module (``site_app/blueprints/<name>.py``, which
    defines ``bp``) and its template folder (``templates/<name>/``). A section with a
    ``label`` gets a navigation link to its ``index`` view; one without (an API, a health
    probe) still serves its routes. Labels and summaries are English, marked with ``N_``
    for the catalogue and translated where they are shown.
    """

    name: str
    label: str | None = None
    summary: str = ""
    # False for a section served the same in every language (an API, health probes):
    # it lives at the site's root only (site_app/i18n/languages.py).
    translated: bool = True
    # Where the blueprint module is, when it is not in site_app/blueprints/.
    module: str = ""

    @property
    def links(self) -> tuple[Link, ...]:
        """The section's navigation link, if it has a label, endpoint in full
        (``users.index``)."""
        return (Link(self.label, f"{self.name}.index", self.summary),) if self.label else ()

    def blueprint(self) -> Blueprint:
        """The one place blueprints are imported by name: ``Section("users")`` is
        ``site_app.blueprints.users.bp`` (grep for ``bp = Blueprint("users"``)."""
        module = importlib.import_module(self.module or f"site_app.blueprints.{self.name}")
        blueprint: Blueprint = module.bp
        if blueprint.name != self.name:
            raise LookupError(
                f"Section {self.name!r}: {module.__name__}.bp is named {blueprint.name!r}; "
                f'name it Blueprint("{self.name}", __name__).'
            )
        return blueprint


def register_sections(app: Flask, sections: Sequence[Section]) -> None:
    """Register each section's blueprint, in order, and keep the list for the pages."""
    for section in sections:
        app.register_blueprint(section.blueprint())
    app.extensions["sections"] = tuple(sections)
    app.jinja_env.globals["sections"] = site_sections
    app.jinja_env.globals["has_endpoint"] = has_endpoint


def site_sections() -> tuple[Section, ...]:
    sections: tuple[Section, ...] = current_app.extensions["sections"]
    return sections


def has_endpoint(endpoint: str) -> bool:
    """Whether a section serves ``endpoint``: the layout links to optional sections so."""
    return endpoint in current_app.view_functions


def links_of(sections: Sequence[Section]) -> list[Link]:
    """Every section's links, in the list's order: a site's main navigation."""
    return [link for section in sections for link in section.links]


def navigation_links() -> list[Link]:
    """The running site's main navigation."""
    return links_of(site_sections())


def routes_by_section() -> list[tuple[Section, list[str]]]:
    """Each section with its URL rules, read from the live URL map so it never goes stale."""
    # A set: one path can carry several rules, such as a GET and a POST view.
    rules: defaultdict[str, set[str]] = defaultdict(set)
    for rule in current_app.url_map.iter_rules():
        rules[rule.endpoint.rpartition(".")[0]].add(rule.rule)
    return [(section, sorted(rules[section.name])) for section in site_sections()]
