"""Where to go after signing in: only ever a page of this site.

A ``next`` value comes from the address bar, so anyone can craft one. Anything that
could leave the site (another host, a scheme, tricks with slashes, backslashes or
percent-encoding that browsers read as another host) is refused, and so is any path
that is not a page of this site.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException

MAX_LENGTH = 2000


def safe_next_path(target: str | None) -> str | None:
    """``target`` when it is a path to a page of this site, else None."""
    if not target or len(target) > MAX_LENGTH:
        return None
    # Browsers treat "\" like "/", and drop tabs and new lines from URLs.
    if "\\" in target or any(
        ord(character) < 0x21 or ord(character) == 0x7F for character in target
    ):
        return None
    # A path that starts with one "/" can have no scheme and no host of its own.
    if not target.startswith("/") or target.startswith("//"):
        return None
    path = unquote(urlsplit(target).path)
    if path.startswith("//") or "\\" in path:
        return None
    return target if is_a_page(path) else None


def is_a_page(path: str) -> bool:
    adapter = request_ctx.url_adapter
    if adapter is None:  # pragma: no cover - only for refused hosts, which never get here
        return False
    try:
        adapter.match(path, method="GET")
    except HTTPException:  # not found, wrong method, or a redirect elsewhere
        return False
    return True
