"""The API's error answers: ``{error, message, status, field}``, for REST and JSON-RPC."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from site_app.api.input import ACCEPT_JSON
from site_app.models.fields import InvalidInput
from site_app.web.errors import SaysWhy


class NoSuchItem(SaysWhy, NotFound):
    title = "Not found"


def json_or_404(item: dict[str, Any] | None, missing: str) -> Response:
    """The item as JSON; when there is none, a 404 whose message is ``missing``."""
    if item is None:
        raise NoSuchItem(missing)
    return jsonify(item)


def invalid_input(error: InvalidInput) -> tuple[Response, int, list[tuple[str, str]]]:
    body = {"error": "Invalid input", "message": error.message, "status": error.status}
    if error.field is not None:
        body["field"] = error.field
    return jsonify(body), error.status, [ACCEPT_JSON] if error.status == 415 else []
