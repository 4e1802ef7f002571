"""Cross-site request forgery refused by where a request comes from, not by a token.

A browser says which site a request comes from. Every current browser sends
``Sec-Fetch-Site`` (Fetch Metadata): ``same-origin`` for this site's own pages, ``none``
for what the visitor typed or bookmarked, ``same-site`` or ``cross-site`` otherwise; and
browsers sent ``Origin`` with every cross-origin POST years before that. So a form on
another site that posts here is refused with 403 before any view runs, on every unsafe
method (RFC 9110, 9.2.1), whether or not the visitor is signed in:

1. ``Sec-Fetch-Site`` present: ``same-origin`` or ``none`` pass, anything else is refused
   (``same-site`` too: a sibling subdomain is another site's code).
2. Else ``Origin`` present: it must name this host (``null``, from a sandboxed frame or
   a redirect chain across sites, never does).
3. Neither: not a browser (curl, a script), which carries no visitor's cookies to misuse.

The same check as Go's ``net/http.CrossOriginProtection`` and ASP.NET Core's
``ICsrfProtection``. It replaces Flask-WTF's CSRF token, measured: the token had to be
made, stored in a signed session cookie and rendered on every form page, so every
anonymous visitor of /login or /predict was sent a cookie and neither page could be
cached. With
no token, /login is the same for every visitor and the page cache keeps it.

A blueprint that answers other sites on purpose (the API: a write needs a token in the
Authorization header, which no other site can make a browser send) opts out with
``accept_writes_from_other_sites``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, request
from flask.sansio.blueprints import BlueprintSetupState
from werkzeug.exceptions import Forbidden

from site_app.i18n.translation import N_
from site_app.web.errors import SaysWhy

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Sec-Fetch-Site values of a request this site's own pages (or the visitor) made.
OWN_REQUESTS = frozenset({"same-origin", "none"})
OPTED_OUT = "cross_origin_writes"


class CrossSiteRequest(SaysWhy, Forbidden):
    """A form or script on another site tried to send this one something."""

    title = N_("Sent from another site")
    description = N_(
        "This request came from another site, so it was not accepted: another site cannot "
        "send forms here in your name. Open the page on this site and send it from there."
    )


def register_cross_origin_protection(app: Flask) -> None:
    app.extensions.setdefault(OPTED_OUT, set())
    app.before_request(refuse_writes_from_other_sites)


def accept_writes_from_other_sites(blueprint: Blueprint) -> None:
    """Let ``blueprint``'s routes take unsafe requests from any site (it must then
    authenticate them some other way than by cookie)."""

    def opt_out(state: BlueprintSetupState) -> None:
        state.app.extensions.setdefault(OPTED_OUT, set()).add(blueprint.name)

    blueprint.record_once(opt_out)


def refuse_writes_from_other_sites() -> None:
    if request.method in SAFE_METHODS or request.blueprint in current_app.extensions[OPTED_OUT]:
        return
    fetch_site, origin = request.headers.get("Sec-Fetch-Site"), request.headers.get("Origin")
    if not sent_from_this_site(fetch_site, origin):
        current_app.logger.warning(
            "Refused a %s from another site (Sec-Fetch-Site %r, Origin %r)",
            request.method,
            fetch_site,
            origin,
        )
        raise CrossSiteRequest()


def sent_from_this_site(fetch_site: str | None, origin: str | None) -> bool:
    if fetch_site is not None:
        return fetch_site in OWN_REQUESTS
    if origin is not None:
        # The host alone, as Go compares it: behind a TLS proxy the app may see http
        # where the browser saw https, and HSTS already keeps pages off plain HTTP.
        try:
            host = urlsplit(origin).netloc
        except ValueError:  # not a URL at all
            return False
        return origin != "null" and host.lower() == request.host.lower()
    return True
