"""Which X-Forwarded-* headers to believe: only those a trusted reverse proxy set.

A proxy in front of the app says who the client is and how it came (X-Forwarded-For,
-Proto, -Host, -Port). Anyone else can send the same headers, so they are believed only
on requests from an address in TRUSTED_PROXIES, and only for the PROXY_COUNT proxies
that setting names. A client that reaches gunicorn directly is seen as it is: its own
address, plain HTTP, its own Host (which TRUSTED_HOSTS then judges).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(app: Flask) -> Callable[[WSGIApplication], WSGIApplication] | None:
    """The middleware that believes PROXY_COUNT proxies, from TRUSTED_PROXIES only; None
    when the app stands behind none."""
    if not (proxies := app.config["PROXY_COUNT"]):
        return None
    return partial(TrustedProxyFix, proxies=proxies, trusted=app.config["TRUSTED_PROXIES"])


class TrustedProxyFix:
    """Werkzeug's ProxyFix for requests from trusted proxies; the rest pass unchanged."""

    def __init__(self, app: WSGIApplication, proxies: int, trusted: Iterable[str]) -> None:
        self.direct = app
        self.behind_proxy = ProxyFix(
            app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )
        self.trusted = tuple(ipaddress.ip_network(network, strict=False) for network in trusted)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        from_proxy = is_in(environ.get("REMOTE_ADDR", ""), self.trusted)
        app = self.behind_proxy if from_proxy else self.direct
        return app(environ, start_response)


def is_in(address: str, networks: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:  # a Unix socket has no address
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in networks)
