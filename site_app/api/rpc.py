"""JSON-RPC 2.0 methods (flask-jsonrpc): the same incomes, through a second door.

The api blueprint serves them at POST /api/rpc. The methods call the functions the REST
endpoints use (site_app/incomes.py), so the checks and the storage exist once. Bad
parameters get JSON-RPC's "Invalid params" error with the same message and field name
the REST API gives.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, json, request
from flask.typing import RouteCallable
from flask_jsonrpc import JSONRPC
from flask_jsonrpc.exceptions import InvalidParamsError, InvalidRequestError, ParseError
from flask_jsonrpc.site import JSONRPCSite

from site_app.api.json_provider import NestedTooDeeply
from site_app.api.paging import page_of
from site_app.models import incomes
from site_app.models.fields import InvalidInput

WELCOME = "Welcome to Flask JSON-RPC"

# Methods that store something: a call to one needs an API token (blueprints/api.py).
WRITING_METHODS = frozenset({"Incomes.add"})

# One HTTP request may carry at most this many calls; a longer batch is refused whole.
MAX_BATCH_LENGTH = 10


class BoundedJSONRPCSite(JSONRPCSite):
    """flask-jsonrpc's dispatcher, with the limits a public endpoint needs.

    The library parses with ``json.loads`` (so ``[[[[…`` recursed into a 500), echoes the
    whole body in a parse error and the whole call in an invalid-request error, and runs
    a batch of any length. Here the body goes through the app's bounded JSON parser,
    errors say what is wrong without repeating what was sent, and a batch is capped.
    """

    def to_json(self, request_data: bytes) -> Any:
        try:
            return json.loads(request_data)
        except ValueError as error:
            message = str(error) if isinstance(error, NestedTooDeeply) else "Invalid JSON."
            raise ParseError(data={"message": message}) from None

    def validate(self, req_json: Any) -> bool:
        # A call names its method with a string; its id, if any, is a string, a number or
        # null (JSON-RPC 2.0, section 4), so an answer never repeats anything larger.
        if not isinstance(req_json, dict) or not isinstance(req_json.get("method"), str):
            return False
        call_id = req_json.get("id")
        return isinstance(call_id, str | int | float | None) and not isinstance(call_id, bool)

    def handle_dispatch_except(self, req_json: Any) -> Any:
        if not self.validate(req_json):
            error = InvalidRequestError(
                data={"message": "A call is an object with a method name and an optional id."}
            )
            answer = {"id": None, "jsonrpc": "2.0", "error": error.jsonrpc_format}
            return answer, error.status_code, {}
        return super().handle_dispatch_except(req_json)

    def batch_dispatch(self, reqs_json: list[Any]) -> Any:
        if len(reqs_json) > MAX_BATCH_LENGTH:
            raise InvalidRequestError(
                data={"message": f"A batch may hold at most {MAX_BATCH_LENGTH} calls."}
            )
        return super().batch_dispatch(reqs_json)


# The methods are the same for every app, so one registry serves them all. It is not
# bound to an app (no init_app): the api blueprint mounts its view, which keeps the
# route in the blueprint, under its CSRF exemption and error pages. No browsable web
# console either: it would need scripts the Content-Security-Policy forbids.
methods = JSONRPC(jsonrpc_site=BoundedJSONRPCSite, enable_web_browsable_api=False)
# Where the api blueprint serves it, for the rpc.describe method's answer.
methods.get_jsonrpc_site().set_path("/api/rpc")
# flask-jsonrpc logs every refused call, with a traceback, at INFO: keep its log to
# real problems (unexpected_error below logs those to the app's log).
logging.getLogger("flask_jsonrpc").setLevel(logging.WARNING)


def rpc_view() -> RouteCallable:
    """The view that answers JSON-RPC calls, for the api blueprint to mount."""
    return methods.get_jsonrpc_site_api().as_view("rpc", jsonrpc_site=methods.get_jsonrpc_site())


def writing_calls() -> int:
    """How many calls in this request's body name a method that writes (0 for a body
    that is no JSON-RPC at all: the dispatcher answers that)."""
    try:
        body = json.loads(request.get_data(cache=True))
    except ValueError:
        return 0
    calls = body if isinstance(body, list) else [body]
    names = [call.get("method") for call in calls if isinstance(call, dict)]
    return sum(isinstance(name, str) and name in WRITING_METHODS for name in names)


@methods.method("App.index")
def index() -> str:
    return WELCOME


@methods.method("Incomes.list")
def list_incomes(limit: Any = None, after: Any = None) -> dict[str, Any]:
    """A page of incomes, as GET /api/incomes answers it."""
    try:
        page, _ = page_of(incomes.incomes_after, {"limit": limit, "after": after})
    except InvalidInput as error:
        raise InvalidParamsError(data={"message": error.message, "field": error.field}) from None
    return page


# Parameters are Any, and default to None, so that the site's own checks (not a type
# checker's) judge them and a missing one is named like a wrong one. flask-jsonrpc binds
# named parameters to the signature, so a name it does not list is not passed on.
@methods.method("Incomes.add")
def add_income(description: Any = None, amount: Any = None) -> dict[str, Any]:
    try:
        income = incomes.income_from({"description": description, "amount": amount})
    except InvalidInput as error:
        raise InvalidParamsError(data={"message": error.message, "field": error.field}) from None
    return incomes.add_income(income)


@methods.errorhandler(Exception)
def unexpected_error(error: Exception) -> tuple[dict[str, str], int]:
    """Log a failed call with its traceback; answer without any detail of it."""
    current_app.logger.error("JSON-RPC call failed", exc_info=error)
    return {"message": "The server hit an error it did not expect."}, 500
