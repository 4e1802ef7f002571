"""Pages: the home page, the hello page and the site's root files (robots, sitemap)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response as Redirect

from site_app.i18n.languages import LANGUAGES, language_neutral
from site_app.middleware.page_cache import same_for_everyone
from site_app.web.sections import navigation_links
from site_app.web.urls import absolute_url
from site_app.web.visitor_names import name_from_address

bp = Blueprint("pages", __name__)

# The name the home page uses to show off /hello/<name>.
EXAMPLE_NAME = "Ada"


@bp.get("/")
@same_for_everyone()
def index() -> str:
    return render_template("pages/index.html", example_name=EXAMPLE_NAME)


# ``path`` rather than the default converter: a name may contain "/" (think AC/DC).
@bp.get("/hello/<path:name>")
@same_for_everyone()
def hello(name: str) -> Redirect | str:
    visitor = name_from_address(name)
    if visitor != name:  # one address a page: /hello/%20Ada%20 is /hello/Ada
        return redirect(url_for("pages.hello", name=visitor), code=308)
    return render_template("pages/hello.html", name=visitor)


@bp.get("/robots.txt")
@same_for_everyone()
@language_neutral
def robots() -> tuple[str, int, dict[str, str]]:
    # Every page may be indexed; each one names its canonical address itself.
    text = f"User-agent: *\nAllow: /\nSitemap: {absolute_url('pages.sitemap')}\n"
    return text, 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/sitemap.xml")
@same_for_everyone()
@language_neutral
def sitemap() -> tuple[str, int, dict[str, str]]:
    """Every page the navigation links to, in every language, in the sitemaps.org format.

    Each entry lists the page's address in each language as an alternate, and the
    default language's as ``x-default``, the way search engines read them (hreflang),
    as the pages' own <link rel="alternate"> do.
    """
    pages = [
        {language: absolute_url(link.endpoint, language) for language in LANGUAGES}
        for link in navigation_links()
    ]
    xml = render_template("pages/sitemap.xml", pages=pages)
    return xml, 200, {"Content-Type": "application/xml; charset=utf-8"}


@bp.get("/favicon.ico")
@language_neutral
def favicon() -> Response:
    # Pages link to the SVG icon, but many clients still ask for /favicon.ico.
    return current_app.send_static_file("favicon.ico")
