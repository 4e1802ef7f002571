"""Security headers on every response: pages, redirects, errors, static files, cache hits.

Kept here rather than in an extension: the ones for Flask either trust a client's
X-Forwarded-Proto header or still send the retired Feature-Policy header. A WSGI
middleware rather than an ``after_request`` hook: the headers are constant, so it adds
ready-made pairs to the answer's list, and it covers answers from the page cache too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from flask import Flask

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# Everything comes from this site: no inline script or style, no third-party origin,
# no plugins, and no framing by anyone.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Powerful browser features the site never uses, switched off for it and any frame.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "geolocation", "microphone", "payment", "usb", "browsing-topics")
)

SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # frame-ancestors above does this for current browsers; this header for older ones.
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
}


def security_headers(app: Flask) -> Callable[[WSGIApplication], WSGIApplication]:
    """The middleware that adds the headers; outside the page cache, so hits get them too."""
    https_only = {}
    if hsts_seconds := app.config["HSTS_SECONDS"]:
        # Production only: a browser that sees it refuses plain HTTP to this host
        # for the whole period, which would lock a developer out of localhost.
        https_only["Strict-Transport-Security"] = f"max-age={hsts_seconds}; includeSubDomains"
    return partial(SecurityHeaders, headers=SECURITY_HEADERS, https_only=https_only)


class SecurityHeaders:
    """Adds the headers an answer does not set itself (a view may set its own policy)."""

    def __init__(
        self, app: WSGIApplication, headers: dict[str, str], https_only: dict[str, str]
    ) -> None:
        self.app = app
        self.plain = list(headers.items())
        # RFC 6797 section 7.2: HSTS only on answers over HTTPS. Behind a proxy, the
        # scheme is the one the proxy reports (ProxyFix runs before this middleware).
        self.secure = [*self.plain, *https_only.items()]
        self.names = {name.lower() for name in [*headers, *https_only]}

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        ours = self.secure if environ.get("wsgi.url_scheme") == "https" else self.plain

        def with_headers(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            present = {name.lower() for name, _ in headers} & self.names
            missing = ours
            if present:  # a view set its own: keep it
                missing = [pair for pair in ours if pair[0].lower() not in present]
            return start_response(status, [*headers, *missing], exc_info)

        return self.app(environ, with_headers)
