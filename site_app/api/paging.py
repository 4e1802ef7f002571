"""Paging through lists: ``?limit=`` and a keyset cursor ``?after=<id>`` (PageQuery in
shapes.py checks both).

Every list answer is ``{"items": [...], "next_after": <id> | null}``, and when there is
more, a ``Link: <...>; rel="next"`` header (RFC 8288) with the next page's address. A
keyset cursor rather than an offset: a page costs the same wherever it starts, and rows
added meanwhile neither repeat nor go missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import jsonify, url_for
from werkzeug.wrappers import Response

from site_app.models.database import MAX_LIST_LENGTH

DEFAULT_LIMIT = 50
MAX_LIMIT = MAX_LIST_LENGTH

Rows = Callable[[int, int], list[dict[str, Any]]]


def page_of(rows: Rows, limit: int, after: int) -> dict[str, Any]:
    """The page of ``limit`` items after the id ``after``, as the answer's body."""
    # One row more than the page: whether it comes says whether there is a next page.
    found = rows(after, limit + 1)
    items = found[:limit]
    return {"items": items, "next_after": items[-1]["id"] if len(found) > limit else None}


def page_response(rows: Rows, limit: int, after: int, endpoint: str) -> Response:
    """A page of a list endpoint, with its Link header when there is more."""
    body = page_of(rows, limit, after)
    response = jsonify(body)
    if body["next_after"] is not None:
        following = url_for(endpoint, limit=limit, after=body["next_after"], _external=True)
        response.headers["Link"] = f'<{following}>; rel="next"'
    return response
