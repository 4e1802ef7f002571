"""The API's error answers: ``{error, message, status, field}``, for REST and JSON-RPC."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.wrappers import Response

from site_app.api.input import ACCEPT_JSON
from site_app.api.rpc import http_error_answer
from site_app.models.fields import InvalidInput
from site_app.web.errors import SaysWhy, render_http_error


class NoSuchItem(SaysWhy, NotFound):
    title = "Not found"


def json_or_404(item: dict[str, Any] | None, missing: str) -> Response:
    """The item as JSON; when there is none, a 404 whose message is ``missing``."""
    if item is None:
        raise NoSuchItem(missing)
    return jsonify(item)


def http_error(error: HTTPException) -> Any:
    # JSON-RPC clients read JSON-RPC error objects, whatever went wrong.
    if request.endpoint == "api.rpc":
        return http_error_answer(error)
    return render_http_error(error)


def invalid_input(error: InvalidInput) -> tuple[Response, int, list[tuple[str, str]]]:
    body = {"error": "Invalid input", "message": error.message, "status": error.status}
    if error.field is not None:
        body["field"] = error.field
    return jsonify(body), error.status, [ACCEPT_JSON] if error.status == 415 else []
