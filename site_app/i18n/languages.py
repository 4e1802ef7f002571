"""The site's languages: English at the site's own addresses, French under ``/fr/``.

Each language has addresses of its own (``/about``, ``/fr/about``), so every page in
every language is one URL that search engines, shared links and the page cache can
hold on to; nothing is chosen from a cookie or ``Accept-Language`` behind a visitor's
back. ``/fr/about`` is served as ``/about`` of the site mounted one level down, at
``/fr``: a small WSGI middleware moves the prefix from the path to the mount point
(``SCRIPT_NAME``). So every view, redirect and ``url_for`` keeps the visitor in their
language without knowing it, and the page cache, which tells mount points apart, never
serves one language's page for another.

Some addresses are the same in every language (the JSON API, health probes, static
files, robots.txt, the sitemap): they live at the site's root only, ``/fr/...`` is a
404 for them, and links to them from a French page lead to the root.

The texts come from each language's catalogue (translation.py), and numbers are
written in its way (Flask-Babel); docs/translations.md has the whole story.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, current_app, request
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

# Re-exported: the rest of the site reads the languages from here.
from site_app.settings.site import LANGUAGES as LANGUAGES

# LANGUAGES: each language the site speaks (site_app/settings/site.py); the first is the
# default, whose pages keep the addresses without a prefix.
DEFAULT_LANGUAGE = next(iter(LANGUAGES))
# Where the middleware leaves the request's language, and the mount point of the site
# itself (without the language prefix), in the WSGI environ.
LANGUAGE_KEY = "site_app.language"
SITE_ROOT_KEY = "site_app.site_root"
# The mark on a view served once, at the site's root, whatever the language.
NEUTRAL_MARK = "language_neutral"

View = TypeVar("View", bound=Callable[..., Any])


def language_neutral(view: View) -> View:
    """Serve this view once, at the site's root: ``/fr/...`` is a 404 for it."""
    setattr(view, NEUTRAL_MARK, True)
    return view


# The languages whose pages live under a prefix of their own.
PREFIXED = frozenset(LANGUAGES) - {DEFAULT_LANGUAGE}


def split_language(path: str) -> tuple[str, str]:
    """``(language, path within it)`` of a site path: ``/fr/about`` is French ``/about``,
    ``/fr`` alone the French home page, ``/about`` the default language's."""
    language = path[1:].partition("/")[0]
    if path.startswith("/") and language in PREFIXED:
        return language, path[len(language) + 1 :] or "/"
    return DEFAULT_LANGUAGE, path


class LanguagePrefix:
    """WSGI middleware: ``/fr/about`` is ``/about`` with the site mounted at ``/fr``."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        language, path = split_language(environ.get("PATH_INFO", ""))
        if language != DEFAULT_LANGUAGE:
            site_root = environ.get("SCRIPT_NAME", "")
            environ[SITE_ROOT_KEY] = site_root
            environ["SCRIPT_NAME"] = f"{site_root}/{language}"
            environ["PATH_INFO"] = path
            environ[LANGUAGE_KEY] = language
        return self.app(environ, start_response)


def register_languages(app: Flask) -> None:
    """Serve each page at its language's address; run after the blueprints. (The WSGI
    middleware, LanguagePrefix, is in create_app's stack.)"""
    app.extensions["language_neutral"] = neutral_endpoints(app)
    app.before_request(refuse_neutral_pages_in_other_languages)
    app.after_request(name_the_content_language)
    app.jinja_env.globals["page_language"] = page_language
    app.jinja_env.globals["languages"] = LANGUAGES


def neutral_endpoints(app: Flask) -> frozenset[str]:
    """Endpoints served at the root only: static files, marked views, neutral sections."""
    # The sections (web/sections.py) say which of them are served in one language only.
    sections = app.extensions["sections"]
    neutral_sections = {section.name for section in sections if not section.translated}
    return frozenset(
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint == "static"
        or getattr(view, NEUTRAL_MARK, False)
        or endpoint.partition(".")[0] in neutral_sections
    )


def page_language() -> str:
    """The language of the page being served: the one its address names."""
    language: str = request.environ.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return language


def is_language_neutral(endpoint: str) -> bool:
    neutral: frozenset[str] = current_app.extensions["language_neutral"]
    return endpoint in neutral


def refuse_neutral_pages_in_other_languages() -> None:
    if page_language() != DEFAULT_LANGUAGE and is_language_neutral(request.endpoint or ""):
        raise NotFound()


def name_the_content_language(response: Response) -> Response:
    """``Content-Language`` on every page (RFC 9110, 8.5): the language its address names.
    The JSON API and other files are left to say nothing."""
    if response.mimetype == "text/html":
        response.headers["Content-Language"] = page_language()
    return response


def site_root() -> str:
    """The path the site is mounted at, without the language prefix."""
    root: str = request.environ.get(SITE_ROOT_KEY, request.script_root)
    return root


def root_of(language: str) -> str:
    """The mount point of ``language``'s pages: ``/fr`` for French at the root."""
    return site_root() + language_prefix(language)


def language_prefix(language: str) -> str:
    """What ``language``'s addresses have after the site's root: "" or ``/fr``."""
    return "" if language == DEFAULT_LANGUAGE else f"/{language}"


def in_site_root(url: str) -> str:
    """A URL built for this request, moved from the language's mount point to the site's.

    For links from a French page to an address that exists once (static files, the API).
    """
    language_root, root = request.script_root, site_root()
    if language_root == root:
        return url
    parts = urlsplit(url)
    if parts.path == language_root or parts.path.startswith(f"{language_root}/"):
        return urlunsplit(parts._replace(path=root + parts.path[len(language_root) :]))
    return url
