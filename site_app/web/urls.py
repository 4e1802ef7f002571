"""URLs for templates: the page's addresses in each language, and absolute URLs.

Templates build links with Flask's own ``url_for``, which keeps a French page's links
in French (languages.py mounts French pages at ``/fr``). Addresses that exist once, at
the site's root (static files, the API: languages.py), are linked with
``root_url_for``, which builds the same URL at the site's root from a page in any
language.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import quote

from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup, escape

from site_app.i18n.languages import (
    LANGUAGES,
    in_site_root,
    language_prefix,
    page_language,
    root_of,
    site_root,
)

BREAK_AFTER = re.compile(r"[/_]")
# What a path may hold unencoded (RFC 3986 pchar and "/"; "%" is not: the path is decoded).
PATH_SAFE = "/:@!$&'()*+,;=-._~"
# Where a request keeps its PageAddresses, on flask.g.
ADDRESSES_KEY = "page_addresses"


def register_url_helpers(app: Flask) -> None:
    app.jinja_env.globals["root_url_for"] = root_url_for
    app.jinja_env.globals["canonical_url"] = canonical_url
    app.jinja_env.globals["page_in"] = page_in
    app.jinja_env.globals["alternate_urls"] = alternate_urls
    app.jinja_env.globals["site_root_url"] = site_root_url
    app.jinja_env.filters["breakable"] = breakable


def root_url_for(endpoint: str, **values: Any) -> str:
    """``url_for`` for an address served once, at the site's root, whatever the page's
    language: ``/static/css/site.css`` from ``/fr/about`` too."""
    return in_site_root(url_for(endpoint, **values))


def breakable(url: str) -> Markup:
    """``url`` escaped, with a line-break opportunity after each / and _: a long URL or
    path wraps there on a narrow screen, never in the middle of a word."""
    escaped = str(escape(url))
    return Markup(BREAK_AFTER.sub(r"\g<0><wbr>", escaped))  # noqa: S704 (escaped above)


class PageAddresses(NamedTuple):
    """Where this page is, in each language, for the canonical link, the hreflang
    alternates and the language switch, worked out once a request."""

    host: str  # SITE_URL, or this request's scheme and host
    paths: dict[str, str]  # each language's path to this page, URL-encoded, no query
    query: str


def page_addresses() -> PageAddresses:
    found: PageAddresses | None = g.get(ADDRESSES_KEY)
    if found is None:
        # Built from the request's parts, encoded as a URL: ``request.base_url`` decodes
        # the path to an IRI.
        path = quote(request.path, safe=PATH_SAFE)
        root = quote(site_root(), safe=PATH_SAFE)
        paths = {language: root + language_prefix(language) + path for language in LANGUAGES}
        found = PageAddresses(host_url(), paths, request.query_string.decode("latin-1"))
        setattr(g, ADDRESSES_KEY, found)
    return found


def canonical_url() -> str:
    """This page's own absolute address, without a query string, for search engines."""
    addresses = page_addresses()
    return addresses.host + addresses.paths[page_language()]


def host_url() -> str:
    """SITE_URL when it is set, else the scheme and host of this request."""
    site_url: str | None = current_app.config["SITE_URL"]
    return site_url or f"{request.scheme}://{request.host}"


def site_root_url() -> str:
    """The site's home page as an absolute URL in the default language: where API
    clients start, whatever the language of the page that names it."""
    return in_site_root(url_for("pages.index", _external=True))


def page_in(language: str) -> str:
    """This page's address in ``language`` (path and query), for the language switch."""
    addresses = page_addresses()
    path = addresses.paths[language]
    return f"{path}?{addresses.query}" if addresses.query else path


def alternate_urls() -> list[tuple[str, str]]:
    """``(hreflang, absolute URL)`` of this page in each language, and the default one
    as ``x-default``: the ``<link rel="alternate">`` search engines read."""
    addresses = page_addresses()
    urls = [(language, addresses.host + path) for language, path in addresses.paths.items()]
    return [*urls, ("x-default", urls[0][1])]


def absolute_url(endpoint: str, language: str | None = None, **values: Any) -> str:
    """A full URL for search engines and robots.txt, in ``language`` (else the page's).

    On SITE_URL when it is set. Otherwise it is built from the request's host, which
    TRUSTED_HOSTS keeps to the site's own names in production.
    """
    path = url_for(endpoint, **values)[len(request.script_root) :]
    root = quote(root_of(language or page_language()), safe=PATH_SAFE)
    return host_url() + root + path
