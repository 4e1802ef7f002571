"""JSON-RPC 2.0 methods (flask-jsonrpc): the same incomes, through a second door.

The api blueprint serves them at POST /api/rpc. The methods call the functions the REST
endpoints use (site_app/incomes.py), so the checks and the storage exist once. Bad
parameters get JSON-RPC's "Invalid params" error with the same message and field name
the REST API gives.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from flask.typing import RouteCallable
from flask_jsonrpc import JSONRPC
from flask_jsonrpc.exceptions import InvalidParamsError

from . import incomes
from .api_input import InvalidInput

WELCOME = "Welcome to Flask JSON-RPC"

# The methods are the same for every app, so one registry serves them all. It is not
# bound to an app (no init_app): the api blueprint mounts its view, which keeps the
# route in the blueprint, under its CSRF exemption and error pages. No browsable web
# console either: it would need scripts the Content-Security-Policy forbids.
methods = JSONRPC(enable_web_browsable_api=False)
# Where the api blueprint serves it, for the rpc.describe method's answer.
methods.get_jsonrpc_site().set_path("/api/rpc")
# flask-jsonrpc logs every refused call, with a traceback, at INFO: keep its log to
# real problems (unexpected_error below logs those to the app's log).
logging.getLogger("flask_jsonrpc").setLevel(logging.WARNING)


def rpc_view() -> RouteCallable:
    """The view that answers JSON-RPC calls, for the api blueprint to mount."""
    return methods.get_jsonrpc_site_api().as_view("rpc", jsonrpc_site=methods.get_jsonrpc_site())


@methods.method("App.index")
def index() -> str:
    return WELCOME


@methods.method("Incomes.list")
def list_incomes() -> list[dict[str, Any]]:
    return incomes.all_incomes()


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
