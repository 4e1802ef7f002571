"""HTTP caching: static files forever under content-hashed URLs, pages always fresh.

``url_for("static", filename=...)`` adds ``?v=<hash of the file>``, so a changed file
gets a new URL and browsers may keep each version for a year. Pages are sent with
``no-cache`` and an ETag: browsers revalidate every time, and an unchanged page costs a
304 with no body.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask import Flask, current_app, request
from werkzeug.wrappers import Response

ONE_YEAR = 365 * 24 * 60 * 60
VERSION_ARG = "v"


def register_caching(app: Flask) -> None:
    app.url_defaults(add_static_version)
    app.after_request(set_cache_headers)
    app.after_request(close_unsent_files)


def close_unsent_files(response: Response) -> Response:
    """A 304 or a HEAD answer sends no body, so Werkzeug never reads a file it was to
    send, nor closes it: close it now rather than when the garbage collector runs."""
    if response.direct_passthrough and (response.status_code == 304 or request.method == "HEAD"):
        response.close()
    return response


def static_version(filename: str) -> str | None:
    """A short hash of a static file's content; None if there is no such file.

    Outside debug mode the answer comes from a map of every static file, made once per
    process on first use: static files do not change under a running production server
    (a deploy restarts it), and a name that is not in the map costs nothing and is
    stored nowhere, whatever a client asks for. In debug mode files do change, so the
    file is looked at every time, and read again only when it has changed.
    """
    static_folder = current_app.static_folder
    if static_folder is None:  # pragma: no cover - site_app always has static/
        return None
    if current_app.debug:
        return hash_file(Path(static_folder), filename)
    versions: dict[str, str] | None = current_app.extensions.get("static_versions")
    if versions is None:
        versions = current_app.extensions["static_versions"] = versions_of_files_in(
            Path(static_folder)
        )
    return versions.get(filename)


def versions_of_files_in(folder: Path) -> dict[str, str]:
    """``{"css/site.css": "<hash>", ...}`` for every file below ``folder``."""
    return {
        path.relative_to(folder).as_posix(): file_hash(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def file_hash(path: Path) -> str:
    stat = path.stat()
    return content_hash(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def content_hash(path: Path, size: int, modified_ns: int) -> str:
    """Size and mtime are part of the key, so a changed file is read again."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def hash_file(static_folder: Path, filename: str) -> str | None:
    """The version of ``filename`` as it is on disk now; None for anything but a file
    inside ``static_folder`` (a name too long for the file system included)."""
    root = static_folder.resolve()
    try:
        path = (root / filename).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
        return file_hash(path)
    except OSError:
        return None


def add_static_version(endpoint: str, values: dict[str, Any]) -> None:
    if endpoint == "static" and VERSION_ARG not in values:
        version = static_version(values.get("filename", ""))
        if version:
            values[VERSION_ARG] = version


def set_cache_headers(response: Response) -> Response:
    if request.endpoint == "static":
        version = request.args.get(VERSION_ARG)
        if version and version == static_version((request.view_args or {}).get("filename", "")):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
            return response
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-cache"
    elif response.cache_control.max_age is None and not response.cache_control.no_store:
        response.cache_control.no_cache = True
    if (
        response.status_code == 200
        and response.mimetype == "text/html"
        and request.method in ("GET", "HEAD")
        and not response.is_streamed
    ):
        response.add_etag()
        # Only a client that sent If-None-Match can be answered with a 304.
        if "HTTP_IF_NONE_MATCH" in request.environ:
            response.make_conditional(request)
    return response
