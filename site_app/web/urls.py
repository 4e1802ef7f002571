"""URLs for templates: ``url_for``, remembered per process, and absolute URLs.

Building URLs was most of the time spent rendering a page, yet a page's links are the
same on every request: the URL map cannot change after the first request, and static
file hashes are settled per process outside debug mode. So templates get a ``url_for``
that keeps what it built, keyed by everything a relative URL depends on (the path the
site is mounted at, the endpoint and its arguments). In debug mode, for options such
as ``_external`` and for blueprint-relative endpoints, it is Flask's ``url_for``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from flask import Flask, current_app, request
from flask import url_for as build_url
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

# Visitors' names reach url_for through the guest pages: stop remembering new links
# once this many are kept, so memory stays bounded.
MAX_REMEMBERED = 4096
BREAK_AFTER = re.compile(r"[/_]")
# What a path may hold unencoded (RFC 3986 pchar and "/"; "%" is not: the path is decoded).
PATH_SAFE = "/:@!$&'()*+,;=-._~"


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
            return build_url(endpoint, **values)
        key = (request.script_root, endpoint, *sorted(values.items()))
        try:
            return remembered[key]
        except KeyError:
            url = build_url(endpoint, **values)
        except TypeError:  # an unhashable argument: nothing to remember it by
            return build_url(endpoint, **values)
        if len(remembered) < MAX_REMEMBERED:
            remembered[key] = url
        return url

    app.jinja_env.globals["url_for"] = url_for
    app.jinja_env.globals["canonical_url"] = canonical_url
    app.jinja_env.filters["breakable"] = breakable


def breakable(url: str) -> Markup:
    """``url`` escaped, with a line-break opportunity after each / and _: a long URL or
    path wraps there on a narrow screen, never in the middle of a word."""
    escaped = str(escape(url))
    return Markup(BREAK_AFTER.sub(r"\g<0><wbr>", escaped))  # noqa: S704 (escaped above)


def canonical_url() -> str:
    """This page's own absolute address, without a query string, for search engines.

    The request's own address: the URL map already matched it to this page. Built from
    its parts rather than ``request.base_url``, which decodes the path to an IRI that
    would only be encoded again: a sixth of a cache miss's time (measured with
    ``make bench``'s in-process probe).
    """
    site_url: str | None = current_app.config["SITE_URL"]
    root = site_url or f"{request.scheme}://{request.host}"
    return root + quote(request.script_root + request.path, safe=PATH_SAFE)


def absolute_url(endpoint: str, **values: Any) -> str:
    """A full URL for search engines and robots.txt: on SITE_URL when it is set.

    Otherwise it is built from the request's host, which TRUSTED_HOSTS keeps to the
    site's own names in production.
    """
    site_url: str | None = current_app.config["SITE_URL"]
    if site_url:
        return site_url + build_url(endpoint, **values)
    return build_url(endpoint, **values, _external=True)
