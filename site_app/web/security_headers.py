"""Security headers on every response: pages, redirects, errors and static files.

Kept here rather than in an extension: the ones for Flask either trust a client's
X-Forwarded-Proto header or still send the retired Feature-Policy header, and the whole
job is one dictionary and one ``after_request`` hook.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.wrappers import Response

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


def register_security_headers(app: Flask) -> None:
    headers = dict(SECURITY_HEADERS)
    if hsts_seconds := app.config["HSTS_SECONDS"]:
        # Production only: a browser that sees it refuses plain HTTP to this host
        # for the whole period, which would lock a developer out of localhost.
        headers["Strict-Transport-Security"] = f"max-age={hsts_seconds}; includeSubDomains"

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        # Only the missing ones: a view that needs a different policy can set its own.
        present = {name.lower() for name, _ in response.headers.items()}
        response.headers.extend(
            [(name, value) for name, value in headers.items() if name.lower() not in present]
        )
        return response
