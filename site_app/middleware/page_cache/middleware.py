"""The page cache's WSGI middleware: answer from the store, or render and maybe store.

What may be stored, and why it runs in front of Flask, is said in ``__init__.py``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cachelib import BaseCache
from cachelib.serializers import RedisSerializer
from werkzeug.http import parse_etags, remove_entity_headers

from site_app.middleware.request_ids import HEADER as REQUEST_ID
from site_app.middleware.request_ids import request_id_from

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

# Set in the WSGI environ by a view that opts in: "path", or "query" if it reads one.
OPT_IN = "site_app.page_cache"
MAX_PAGE_BYTES = 64 * 1024
# The longest address (path and query) whose page is stored. The pages many
# readers share have short addresses; a longer one carries someone's own text (a name
# of 1,500 apostrophes, a long ?next=), whose page no one else asks for, and a flood of
# them would fill the store with large pages. Such a page is served, never stored.
MAX_STORED_ADDRESS = 256
# How long shared caches may serve a page stale while no instance answers (RFC 5861).
STALE_IF_ERROR = 24 * 60 * 60


def shared_cache_control(seconds: int) -> str:
    """What a page the same for everyone tells caches (RFC 9111, RFC 5861): browsers
    revalidate it each time (max-age=0; its ETag makes that a 304); shared caches (nginx,
    a CDN) may keep it ``seconds`` (SHARED_CACHE_SECONDS), serve it as long again while
    they fetch it anew, and a day while the site answers with errors. 0: no-cache, as
    any other page. docs/performance.md says why."""
    if seconds == 0:
        return "no-cache"
    return (
        f"public, max-age=0, s-maxage={seconds}, stale-while-revalidate={seconds}, "
        f"stale-if-error={STALE_IF_ERROR}"
    )


logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredPage:
    status: str
    headers: list[tuple[str, str]]
    body: bytes


class PagesAsJson(RedisSerializer):
    """Pages in Redis as JSON data: the status, the headers and the body (base64).

    cachelib pickles what it stores by default, and a pickle read from a shared store
    runs whatever code anyone who could write to that store put in it. JSON can only
    ever be data: anything under a page's key that is not a page reads as no page, and
    the page is rendered afresh.
    """

    def dumps(self, value: Any, protocol: int = 0) -> bytes:
        page: StoredPage = value
        body = base64.b64encode(page.body).decode("ascii")
        return json.dumps({"status": page.status, "headers": page.headers, "body": body}).encode()

    def loads(self, value: bytes | None) -> StoredPage | None:
        if value is None:
            return None
        try:
            data = json.loads(value)
            headers = [(str(name), str(header)) for name, header in data["headers"]]
            body = base64.b64decode(data["body"], validate=True)
            return StoredPage(str(data["status"]), headers, body)
        except (ValueError, KeyError, TypeError, binascii.Error):
            return None


class PageCache:
    """WSGI middleware: answer from the store when it can, store what it may."""

    def __init__(
        self,
        app: WSGIApplication,
        store: BaseCache,
        *,
        session_cookie: str,
        version: Callable[[], str],
        store_errors: tuple[type[Exception], ...],
        shared_seconds: int,
    ) -> None:
        self.app, self.store = app, store
        self.cache_control = shared_cache_control(shared_seconds)
        self.store_errors = store_errors
        self.session_cookie = session_cookie
        self.make_version = version
        self.version: str | None = None

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if method not in ("GET", "HEAD") or self.has_session(environ):
            return self.app(environ, start_response)
        key = self.key(environ)
        page = self.load(key)
        if page is not None:
            return self.answer(page, environ, start_response)
        if method == "HEAD":
            return self.app(environ, start_response)
        return self.render(key, environ, start_response)

    def has_session(self, environ: WSGIEnvironment) -> bool:
        """Whether the request may carry a session: the cookie's name anywhere in it.

        No cookie parser: one that parsed a header differently from Flask's could miss a
        signed-in admin's session. A false "yes" only costs a render.
        """
        return self.session_cookie in environ.get("HTTP_COOKIE", "")

    def key(self, environ: WSGIEnvironment) -> str:
        if self.version is None:
            self.version = self.make_version()
        # The parts as a JSON list, whose quoting keeps them apart (no path can pass for
        # a path and a query), then hashed: every key the same short length.
        parts = json.dumps(
            [
                environ["wsgi.url_scheme"],
                environ.get("HTTP_HOST", ""),
                environ.get("SCRIPT_NAME", ""),
                environ.get("PATH_INFO", ""),
                environ.get("QUERY_STRING", ""),
            ]
        )
        return f"{self.version}:{hashlib.sha256(parts.encode()).hexdigest()}"

    def load(self, key: str) -> StoredPage | None:
        try:
            page = self.store.get(key)
        except self.store_errors as error:
            logger.warning("Page cache unavailable, serving uncached: %s", error)
            return None
        return page if isinstance(page, StoredPage) else None

    def answer(
        self, page: StoredPage, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        headers = [(name, value) for name, value in page.headers if name != REQUEST_ID]
        headers.append((REQUEST_ID, request_id_from(environ.get("HTTP_X_REQUEST_ID", ""))))
        etag = dict(page.headers).get("ETag")
        wanted = environ.get("HTTP_IF_NONE_MATCH")
        if etag and wanted and parse_etags(wanted).contains_raw(etag):
            remove_entity_headers(headers)
            start_response("304 NOT MODIFIED", headers)
            return []
        start_response(page.status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [page.body]

    def render(
        self, key: str, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        answered: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            answered[:] = [status, headers, exc_info]
            return lambda data: None  # Flask never writes through it

        body = self.app(environ, capture)
        status, headers, exc_info = answered
        if self.may_store(environ, status, headers):
            headers = [(n, v) for n, v in headers if n.lower() != "cache-control"]
            headers.append(("Cache-Control", self.cache_control))
            try:
                content = b"".join(body)
            finally:
                getattr(body, "close", lambda: None)()
            self.save(key, StoredPage(status, list(headers), content))
            body = [content]
        start_response(status, headers, exc_info)
        return body

    def may_store(self, environ: WSGIEnvironment, status: str, headers: list[Any]) -> bool:
        opted_in = environ.get(OPT_IN)
        names = {name.lower(): value for name, value in headers}
        return (
            opted_in is not None
            # Only what was made for a request without any cookie: nothing per visitor.
            and not environ.get("HTTP_COOKIE")
            and (opted_in == "query" or not environ.get("QUERY_STRING"))
            and len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", ""))
            <= MAX_STORED_ADDRESS
            and status.startswith("200 ")
            and "set-cookie" not in names
            and names.get("content-length", "").isdecimal()
            and int(names["content-length"]) <= MAX_PAGE_BYTES
        )

    def save(self, key: str, page: StoredPage) -> None:
        try:
            self.store.set(key, page)
        except self.store_errors as error:
            logger.warning("Page cache unavailable, page not stored: %s", error)
