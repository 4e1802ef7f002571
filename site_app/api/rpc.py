"""JSON-RPC 2.0 methods at POST /api/rpc: the same incomes, through a second door.

The methods call the functions the REST endpoints use (site_app/models/incomes.py), so
the checks and the storage exist once. Bad parameters get JSON-RPC's "Invalid params"
with the same message and field name the REST API gives. The protocol itself is in
jsonrpc.py; this module holds the methods and the HTTP side.

Over HTTP: every answer with a body is 200, error objects included (they are answers,
not failures of HTTP); a request of notifications only gets 204 and no body, whatever
becomes of it (a write without a token, past its limit, a body sent as another type).
A call to a method that writes needs the token and counts against its limit, call by
call: in a batch, a refused write is answered with its own error and the reads still
run. A single call refused so is the request's refusal too: 401 with the Bearer
challenge, 429 with Retry-After. Failures of the HTTP request itself keep their status
(413 for a body too large, 415 for one that is not JSON, 503 while a store is down),
with a JSON-RPC error object as the body. The errors of this server use the
specification's server range, listed in SERVER_ERRORS (docs/api.md lists them too).
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from site_app.api.input import ACCEPT_JSON, SEND_JSON, parsed_body
from site_app.api.jsonrpc import (
    INVALID_PARAMS,
    PARSE_ERROR,
    SERVER_ERROR,
    JsonRpcError,
    Methods,
    error_answer,
    only_notifications,
)
from site_app.api.paging import page_of
from site_app.api.shapes import NewIncome, PageQuery
from site_app.api.validation import checked
from site_app.auth.api_writers import require_writer
from site_app.models import incomes
from site_app.models.fields import InvalidInput
from site_app.web.errors import SaysWhy, error_text, kept_headers
from site_app.web.outages import OUTAGES

# This server's errors, in the range JSON-RPC leaves to servers, by the HTTP status of
# the same refusal; any other HTTP failure is SERVER_ERROR (-32000).
SERVER_ERRORS: dict[int, tuple[int, str]] = {
    401: (-32001, "Token required"),
    429: (-32002, "Too many writes"),
    413: (-32003, "Request too large"),
    415: (-32004, "Unsupported media type"),
    503: (-32005, "Service unavailable"),
}
# Where a refused write leaves its HTTP error, for the answer to a single call.
REFUSAL_KEY = "rpc_refusal"


def authorize_write() -> None:
    """Before each writing call: the token, and one write counted against its limit."""
    try:
        require_writer(1)
    except HTTPException as refusal:
        setattr(g, REFUSAL_KEY, refusal)
        raise as_call_error(refusal) from None


methods = Methods(passed_on=OUTAGES, authorize_write=authorize_write)


def as_call_error(error: HTTPException) -> JsonRpcError:
    """An HTTP refusal as a JSON-RPC error object: its server code, its words, and the
    seconds to wait when there are any."""
    _, message = error_text(error)
    kind = SERVER_ERRORS.get(error.code or 500, SERVER_ERROR)
    retry_after = getattr(error, "retry_after", None)
    return JsonRpcError(
        kind, message, retry_after=retry_after if isinstance(retry_after, int) else None
    )


def parsed_call() -> Any:
    """The request's body as JSON (read once: input.parsed_body), or JsonRpcError
    (Parse error) when it is none."""
    try:
        return parsed_body()
    except InvalidInput as error:
        raise JsonRpcError(PARSE_ERROR, error.message) from None


def rpc_view() -> Response | tuple[Response, int, list[tuple[str, str]]]:
    """POST /api/rpc: one call or a batch."""
    try:
        body = parsed_call()
    except JsonRpcError as error:
        if not request.is_json:
            raise JsonRpcHttpError(415, SEND_JSON) from None
        return jsonify(error_answer(error))
    if only_notifications(body) and not request.is_json:
        return Response(status=204)  # never answered, not even to refuse it
    if not request.is_json:
        raise JsonRpcHttpError(415, SEND_JSON)
    answer = methods.answer(body)
    if answer is None:
        return Response(status=204)
    refusal: HTTPException | None = g.get(REFUSAL_KEY)
    if refusal is not None and isinstance(body, dict):
        return jsonify(answer), refusal.code or 500, kept_headers(refusal)
    return jsonify(answer)


class JsonRpcHttpError(SaysWhy):
    """An HTTP failure of a JSON-RPC request, answered with a JSON-RPC error object."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code

    def get_headers(self, *args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        headers = super().get_headers(*args, **kwargs)
        return [*headers, ACCEPT_JSON] if self.code == 415 else headers


def http_error_answer(error: HTTPException) -> tuple[Response, int, list[tuple[str, str]]]:
    """Any HTTP error at /api/rpc as JSON-RPC clients read errors: an error object (a
    server error, with the reason in data), keeping the status and headers such as
    Retry-After."""
    body = error_answer(as_call_error(error))
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
        # JSON values as they are: a number is a JSON integer, never "5", true or 1.0.
        query = checked(PageQuery, given(limit=limit, after=after), strict=True)
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
