"""Web origins as browsers write them, so a configured origin matches a sent one."""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def serialized_origin(text: str) -> str | None:
    """``text`` as the Origin header writes it (the HTML standard's serialization): scheme
    and host in lower case, the port only when it is not the scheme's default, no path.
    So ``HTTPS://App.Example.com:443/`` is ``https://app.example.com``. None when
    ``text`` is no http(s) origin."""
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # a port that is no number, or out of range
        return None
    scheme, host = parts.scheme.lower(), parts.hostname
    if (
        scheme not in DEFAULT_PORTS
        or not host
        or parts.username is not None
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or "://" not in text
    ):
        return None
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    try:  # browsers send a non-ASCII host name in its ASCII form: xn--bcher-kva.example
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return f"{scheme}://{host}" + (f":{port}" if port not in (None, DEFAULT_PORTS[scheme]) else "")
