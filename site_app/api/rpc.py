"""JSON-RPC 2.0 methods at POST /api/rpc: the same incomes, through a second door.

The methods call the functions the REST endpoints use (site_app/models/incomes.py), so
the checks and the storage exist once. Bad parameters get JSON-RPC's "Invalid params"
with the same message and field name the REST API gives. The protocol itself is in
jsonrpc.py; this module holds the methods and the HTTP side.

Over HTTP: every answer with a body is 200, error objects included (they are answers,
not failures of HTTP); a request of notifications only gets 204 and no body. Failures
of the HTTP request itself keep their status (401 for a write without a token, 413 for
a body too large, 415 for one that is not JSON, 429 past the write limit), with a
JSON-RPC error object as the body.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from site_app.api.input import ACCEPT_JSON, SEND_JSON, parsed_body
from site_app.api.jsonrpc import (
    INVALID_PARAMS,
    INVALID_REQUEST,
    PARSE_ERROR,
    JsonRpcError,
    Methods,
    error_answer,
)
from site_app.api.paging import page_of
from site_app.api.shapes import NewIncome, PageQuery
from site_app.api.validation import checked
from site_app.models import incomes
from site_app.models.fields import InvalidInput
from site_app.web.errors import SaysWhy, error_text, kept_headers
from site_app.web.outages import OUTAGES

methods = Methods(passed_on=OUTAGES)


def parsed_call() -> Any:
    """The request's body as JSON (read once: input.parsed_body), or JsonRpcError
    (Parse error) when it is none."""
    try:
        return parsed_body()
    except InvalidInput as error:
        raise JsonRpcError(PARSE_ERROR, error.message) from None


def rpc_view() -> Response:
    """POST /api/rpc: one call or a batch."""
    if not request.is_json:
        raise JsonRpcHttpError(415, SEND_JSON)
    try:
        answer = methods.answer(parsed_call())
    except JsonRpcError as error:
        return jsonify(error_answer(error))
    if answer is None:
        return Response(status=204)
    return jsonify(answer)


def writing_calls() -> int:
    """How many calls in this request name a method that writes (0 for a body that is
    no JSON: the view answers that with a parse error)."""
    try:
        return methods.writing_calls(parsed_call())
    except JsonRpcError:
        return 0


class JsonRpcHttpError(SaysWhy):
    """An HTTP failure of a JSON-RPC request, answered with a JSON-RPC error object."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        headers = super().get_headers(*args, **kwargs)
        return [*headers, ACCEPT_JSON] if self.code == 415 else headers


def http_error_answer(error: HTTPException) -> tuple[Response, int, list[tuple[str, str]]]:
    """Any HTTP error at /api/rpc as JSON-RPC clients read errors: an error object
    (Invalid Request, with the reason in data), keeping the status and headers such as
    WWW-Authenticate and Retry-After."""
    _, message = error_text(error)
    body = error_answer(JsonRpcError(INVALID_REQUEST, message))
    return jsonify(body), error.code or 500, kept_headers(error)


def invalid_params(error: InvalidInput) -> JsonRpcError:
    return JsonRpcError(INVALID_PARAMS, error.message, error.field)


@methods.method("App.index")
def index() -> str:
    """A greeting that names the site: a client's first call, to see it is connected."""
    return f"Welcome to the JSON-RPC API of {current_app.config['SITE_NAME']}"


def given(**params: Any) -> dict[str, Any]:
    """The parameters a call gave (a missing one takes the model's default)."""
    return {name: value for name, value in params.items() if value is not None}


@methods.method("Incomes.list")
def list_incomes(limit: Any = None, after: Any = None) -> dict[str, Any]:
    """A page of incomes, as GET /api/incomes answers it."""
    try:
        query = checked(PageQuery, given(limit=limit, after=after))
    except InvalidInput as error:
        raise invalid_params(error) from None
    return page_of(incomes.incomes_after, query.limit, query.after)


# Parameters are Any, and default to None, so that the site's own checks (not a type
# checker's) judge them and a missing one is named like a wrong one. A name the method
# does not have is refused (Invalid params).
@methods.method("Incomes.add", writes=True)
def add_income(description: Any = None, amount: Any = None) -> dict[str, Any]:
    try:
        income = checked(NewIncome, {"description": description, "amount": amount})
    except InvalidInput as error:
        raise invalid_params(error) from None
    return incomes.add_income(income.model_dump())
