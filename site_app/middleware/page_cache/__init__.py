"""A cache of whole pages that are the same for every visitor.

A view opts in with ``@same_for_everyone``. A hit is answered before Flask runs at all:
no view, no template, no session, no hooks; only the request id is made fresh, and
``If-None-Match`` still gets a 304. Only what cannot differ between visitors is stored:
GET answers with status 200 to requests without any cookie, that set no cookie
(a page that puts anything in the session sets one, so it never qualifies), no larger than
MAX_PAGE_BYTES, and without a query string unless the view declares it reads one. The
key holds the site's version (its files and settings, so a deploy never serves an old
page), the scheme, host, mount point, path and query.

Storage: in-process, a cachetools LRUCache of at most PAGE_CACHE_ENTRIES pages
(cachelib's SimpleCache scans every entry on each store once full); or Redis through
cachelib's RedisCache, so several instances share it, each page stored as JSON data,
never as a pickle (middleware.PagesAsJson). Why not Flask-Caching's
``@cache.cached``: it answers from inside the view, after the session and the request
hooks, which cost more per hit than the whole target allows (docs/performance.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache, partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import redis
from cachelib import BaseCache, RedisCache
from flask import Flask, request

from site_app.middleware.page_cache.memory import MemoryStore
from site_app.middleware.page_cache.middleware import OPT_IN, PageCache, PagesAsJson

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

# Settings that never change a page, and are secrets besides: left out of the version.
NOT_IN_VERSION = {"SECRET_KEY", "ADMIN_PASSWORD_HASH", "DATABASE_URL", "RATELIMIT_STORAGE_URI"}


def same_for_everyone(*, query: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Let the page cache keep this view's answers (``query``: the query string counts)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def opted_in(*args: Any, **kwargs: Any) -> Any:
            request.environ[OPT_IN] = "query" if query else "path"
            return view(*args, **kwargs)

        return opted_in

    return decorate


def page_cache(app: Flask) -> Callable[[WSGIApplication], WSGIApplication] | None:
    """The middleware that answers stored pages before Flask runs; None when it is off."""
    uri = app.config["PAGE_CACHE_URI"]
    if app.debug or uri == "off":  # templates change under a debug server
        return None
    # How long a page is kept is the store's own setting.
    seconds = app.config["PAGE_CACHE_SECONDS"]
    store: BaseCache
    # What a store may raise that must not fail a request: the page is served uncached.
    store_errors: tuple[type[Exception], ...] = (OSError,)
    if uri.startswith(("redis://", "rediss://")):
        store = RedisCache(
            redis.Redis.from_url(uri, socket_timeout=0.5),
            default_timeout=seconds,
            key_prefix="site_app:page:",
        )
        store.serializer = PagesAsJson()
        store_errors += (redis.RedisError,)
    else:
        store = MemoryStore(app.config["PAGE_CACHE_ENTRIES"], seconds)
    app.extensions["page_cache"] = store
    return partial(
        PageCache,
        store=store,
        session_cookie=app.config["SESSION_COOKIE_NAME"],
        version=lambda: site_version(app),
        store_errors=store_errors,
        shared_seconds=app.config["SHARED_CACHE_SECONDS"],
    )


def site_version(app: Flask) -> str:
    """A hash of the package's files and the settings: new on every deploy."""
    digest = hashlib.sha256(package_digest(app.root_path))
    settings = sorted((k, repr(v)) for k, v in app.config.items() if k not in NOT_IN_VERSION)
    digest.update(repr(settings).encode())
    return digest.hexdigest()[:16]


@cache  # a deploy starts new processes; the files do not change under a running one
def package_digest(root_path: str) -> bytes:
    """The SHA-256 of every file of the package at ``root_path``, names included: read
    once per process, not once per app (the tests make hundreds)."""
    digest = hashlib.sha256()
    package = Path(root_path)
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.digest()
