"""Paging through lists: ``?limit=`` and a keyset cursor ``?after=<id>``.

Every list answer is ``{"items": [...], "next_after": <id> | null}``, and when there is
more, a ``Link: <...>; rel="next"`` header (RFC 8288) with the next page's address. A
keyset cursor rather than an offset: a page costs the same wherever it starts, and rows
added meanwhile neither repeat nor go missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from flask import jsonify, request, url_for
from werkzeug.wrappers import Response

from site_app.models.database import MAX_ID, MAX_LIST_LENGTH
from site_app.models.fields import InvalidInput

DEFAULT_LIMIT = 50
MAX_LIMIT = MAX_LIST_LENGTH
# ASCII digits only: str.isdecimal() would take full-width and other scripts' digits too.
DIGITS = re.compile(r"[0-9]{1,10}")

Rows = Callable[[int, int], list[dict[str, Any]]]


def whole_number(value: object, name: str, default: int, minimum: int, maximum: int) -> int:
    """A query string's digits, or a JSON-RPC parameter's integer, within bounds."""
    if value is None:
        return default
    if isinstance(value, str) and DIGITS.fullmatch(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise InvalidInput(400, f"{name} must be a whole number from {minimum} to {maximum}.", name)
    return value


def page_of(rows: Rows, arguments: Mapping[str, object]) -> tuple[dict[str, Any], int]:
    """The page ``arguments`` ask for (their ``limit`` and ``after``) as the answer's
    body, and the limit it used."""
    limit = whole_number(arguments.get("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    after = whole_number(arguments.get("after"), "after", 0, 0, MAX_ID)
    # One row more than the page: whether it comes says whether there is a next page.
    found = rows(after, limit + 1)
    items = found[:limit]
    next_after = items[-1]["id"] if len(found) > limit else None
    return {"items": items, "next_after": next_after}, limit


def page_response(rows: Rows, endpoint: str) -> Response:
    """The requested page of a list endpoint, with its Link header when there is more."""
    body, limit = page_of(rows, request.args)
    response = jsonify(body)
    if body["next_after"] is not None:
        following = url_for(endpoint, limit=limit, after=body["next_after"], _external=True)
        response.headers["Link"] = f'<{following}>; rel="next"'
    return response
