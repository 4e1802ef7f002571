"""JSON-RPC 2.0 (https://www.jsonrpc.org/specification), exactly: the protocol only.

Hand-written, on purpose. Every library tried broke the specification's own examples:
flask-jsonrpc 4.0 answers notifications to missing methods, serves "jsonrpc": "1.0",
sends every error with HTTP 400 and, in debug, tracebacks; pjrpc 2.2 refuses a whole
batch for one bad call and takes "id": null for a notification; json-rpc 1.15 serves
1.0 and puts exception text in answers; jsonrpcserver 5 needs OSlash (unmaintained
since 2021) and jsonschema, and also answers with exception text. The protocol is
small, tests/test_jsonrpc_spec.py replays every example of the specification, and
dropping flask-jsonrpc dropped the typeguard it imported too (docs/dependencies.md).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

PARSE_ERROR = (-32700, "Parse error")
INVALID_REQUEST = (-32600, "Invalid Request")
METHOD_NOT_FOUND = (-32601, "Method not found")
INVALID_PARAMS = (-32602, "Invalid params")
INTERNAL_ERROR = (-32603, "Internal error")
# The range the specification leaves to servers (-32000 to -32099) for their own errors.
SERVER_ERROR = (-32000, "Server error")

# One HTTP request may carry at most this many calls; a longer batch is refused whole.
MAX_BATCH_LENGTH = 10


class JsonRpcError(Exception):
    """An error object to answer with. Its data, when there is any, says what is wrong
    in words, and names the parameter (field) if one is: the REST API's error fields;
    and the seconds to wait (retry_after) for a call refused for a while."""

    def __init__(
        self,
        kind: tuple[int, str],
        message: str | None = None,
        field: str | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(kind[1])
        self.code, self.message = kind
        self.data: dict[str, Any] | None = None if message is None else {"message": message}
        if self.data is not None and field is not None:
            self.data["field"] = field
        if self.data is not None and retry_after is not None:
            self.data["retry_after"] = retry_after

    def object(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


def error_answer(error: JsonRpcError, call_id: Any = None) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "error": error.object(), "id": call_id}


@dataclass(frozen=True)
class Method:
    function: Callable[..., Any]
    writes: bool
    signature: inspect.Signature = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "signature", inspect.signature(self.function))


class Methods:
    """The methods one endpoint serves, by name.

    ``passed_on``: exceptions a method may raise that are not its failure but the
    server's (a database down), left to the HTTP side to answer rather than made an
    Internal error. ``authorize_write``: called before each call to a method that
    writes; it raises JsonRpcError to refuse that call alone (no token, past a limit).
    """

    def __init__(
        self,
        passed_on: tuple[type[Exception], ...] = (),
        authorize_write: Callable[[], None] | None = None,
    ) -> None:
        self.by_name: dict[str, Method] = {}
        self.passed_on: tuple[type[Exception], ...] = (JsonRpcError, *passed_on)
        self.authorize_write = authorize_write

    def method(self, name: str, *, writes: bool = False) -> Callable[[Callable[..., Any]], Any]:
        """Serve the decorated function as ``name``; ``writes`` if it stores anything."""

        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            self.by_name[name] = Method(function, writes)
            return function

        return register

    def answer(self, body: Any) -> dict[str, Any] | list[dict[str, Any]] | None:
        """The answer to a parsed request body: one response object, a list of them
        for a batch, or None when nothing is to be answered (notifications only)."""
        if not isinstance(body, list):
            return self.answer_call(body)
        if not body:
            return error_answer(JsonRpcError(INVALID_REQUEST, "A batch holds at least one call."))
        if len(body) > MAX_BATCH_LENGTH:
            message = f"A batch may hold at most {MAX_BATCH_LENGTH} calls."
            return error_answer(JsonRpcError(INVALID_REQUEST, message))
        answers = [answer for call in body if (answer := self.answer_call(call)) is not None]
        return answers or None

    def answer_call(self, call: Any) -> dict[str, Any] | None:
        if (problem := request_problem(call)) is not None:
            return error_answer(JsonRpcError(INVALID_REQUEST, problem))
        # Only a call without an "id" member is a notification: "id": null is answered.
        notification = "id" not in call
        try:
            result = self.run(call["method"], call.get("params"))
        except JsonRpcError as error:
            return None if notification else error_answer(error, call.get("id"))
        return None if notification else {"jsonrpc": "2.0", "result": result, "id": call["id"]}

    def run(self, name: str, params: list[Any] | dict[str, Any] | None) -> Any:
        method = self.by_name.get(name)
        if method is None:
            raise JsonRpcError(METHOD_NOT_FOUND, f"There is no method named {name!r}.")
        if method.writes and self.authorize_write is not None:
            self.authorize_write()
        positional = params if isinstance(params, list) else []
        named = params if isinstance(params, dict) else {}
        try:
            method.signature.bind(*positional, **named)
        except TypeError as error:
            raise JsonRpcError(INVALID_PARAMS, str(error).capitalize() + ".") from None
        try:
            return method.function(*positional, **named)
        except self.passed_on:
            raise
        except Exception as error:
            # Logged with its traceback; the client learns nothing of the inside.
            current_app.logger.error("JSON-RPC method %s failed", name, exc_info=error)
            raise JsonRpcError(INTERNAL_ERROR) from None


def only_notifications(body: Any) -> bool:
    """Whether ``body`` is one notification, or a batch of nothing else: a request that
    is never answered (section 4.1), whatever happens to it."""
    calls = body if isinstance(body, list) else [body]
    return bool(calls) and all(request_problem(call) is None and "id" not in call for call in calls)


def request_problem(call: Any) -> str | None:
    """What makes ``call`` no valid Request object (section 4), or None."""
    if not isinstance(call, dict):
        return "A call is a JSON object."
    if call.get("jsonrpc") != "2.0":
        return 'A call says "jsonrpc": "2.0".'
    if not isinstance(call.get("method"), str):
        return "A call names its method with a string."
    if "params" in call and not isinstance(call["params"], list | dict):
        return "A call's params are an array or an object."
    call_id = call.get("id")
    if isinstance(call_id, bool) or not isinstance(call_id, str | int | float | None):
        return "A call's id is a string, a number or null."
    return None
