"""URLs for templates: ``url_for``, remembered per process, and absolute URLs.

Building URLs was most of the time spent rendering a page, yet a page's links are the
same on every request: the URL map cannot change after the first request, and static
file hashes are settled per process outside debug mode. So templates get a ``url_for``
that keeps what it built, keyed by everything a relative URL depends on (the path the
site is mounted at, which names the page's language, the endpoint and its arguments).
In debug mode, for options such as ``_external`` and for blueprint-relative endpoints,
it is Flask's ``url_for``. Either way, a link to an address that exists in one language
only (static files, the API) leads to the site's root from every language's pages.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import quote

from flask import Flask, current_app, g, request
from flask import url_for as build_url
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from site_app.web.languages import (
    LANGUAGES,
    in_site_root,
    is_language_neutral,
    language_prefix,
    page_language,
    root_of,
    site_root,
)

# Visitors' names reach url_for through the guest pages: stop remembering new links
# once this many are kept, so memory stays bounded.
MAX_REMEMBERED = 4096
BREAK_AFTER = re.compile(r"[/_]")
# What a path may hold unencoded (RFC 3986 pchar and "/"; "%" is not: the path is decoded).
PATH_SAFE = "/:@!$&'()*+,;=-._~"
# Where a request keeps its PageAddresses, on flask.g.
ADDRESSES_KEY = "page_addresses"


def register_url_helpers(app: Flask) -> None:
    remembered: dict[tuple[Any, ...], str] = {}

    @pass_context
    def url_for(context: Context, endpoint: str, /, **values: Any) -> str:
        # The real request object Flask puts in every template's context.
        request = context.get("request")
        if (
            app.debug
            or request is None
            or endpoint.startswith(".")
            or any(name.startswith("_") for name in values)
        ):
            return link_to(endpoint, values)
        key = (request.script_root, endpoint, *sorted(values.items()))
        try:
            return remembered[key]
        except KeyError:
            url = link_to(endpoint, values)
        except TypeError:  # an unhashable argument: nothing to remember it by
            return link_to(endpoint, values)
        if len(remembered) < MAX_REMEMBERED:
            remembered[key] = url
        return url

    app.jinja_env.globals["url_for"] = url_for
    app.jinja_env.globals["canonical_url"] = canonical_url
    app.jinja_env.globals["page_in"] = page_in
    app.jinja_env.globals["alternate_urls"] = alternate_urls
    app.jinja_env.globals["site_root_url"] = site_root_url
    app.jinja_env.filters["breakable"] = breakable


def link_to(endpoint: str, values: dict[str, Any]) -> str:
    """``url_for``, with the language-neutral addresses at the site's root."""
    url = build_url(endpoint, **values)
    if endpoint.startswith(".") or not is_language_neutral(endpoint):
        return url
    return in_site_root(url)


def breakable(url: str) -> Markup:
    """``url`` escaped, with a line-break opportunity after each / and _: a long URL or
    path wraps there on a narrow screen, never in the middle of a word."""
    escaped = str(escape(url))
    return Markup(BREAK_AFTER.sub(r"\g<0><wbr>", escaped))  # noqa: S704 (escaped above)


class PageAddresses(NamedTuple):
    """Where this page is, in each language, for the canonical link, the hreflang
    alternates and the language switch: worked out once a request rather than once for
    each (63 -> 53 µs of a new /hello/<name> page, timed in process)."""

    host: str  # SITE_URL, or this request's scheme and host
    paths: dict[str, str]  # each language's path to this page, URL-encoded, no query
    query: str


def page_addresses() -> PageAddresses:
    found: PageAddresses | None = g.get(ADDRESSES_KEY)
    if found is None:
        # Built from the request's parts rather than ``request.base_url``, which decodes
        # the path to an IRI only to have it encoded again (a sixth of a cache miss).
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
    return in_site_root(build_url("pages.index", _external=True))


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
    path = build_url(endpoint, **values)[len(request.script_root) :]
    root = quote(root_of(language or page_language()), safe=PATH_SAFE)
    return host_url() + root + path
