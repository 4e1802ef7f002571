"""A request id for every request: taken from X-Request-ID or made, and sent back.

The id ties a client's report, the access log and the app's log lines together.
An incoming id is used only if it is short and plain, so a client cannot write
arbitrary text (new lines, say) into the logs.
"""

from __future__ import annotations

import logging
import re
import uuid

from flask import Flask, g, has_app_context, request
from werkzeug.wrappers import Response

HEADER = "X-Request-ID"
ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def register_request_ids(app: Flask) -> None:
    app.before_request(assign_request_id)
    app.after_request(send_request_id)


def assign_request_id() -> None:
    g.request_id = request_id_from(request.environ.get("HTTP_X_REQUEST_ID", ""))


def request_id_from(incoming: str) -> str:
    """The client's id if it is short and plain; otherwise a new one."""
    if ACCEPTABLE_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def current_request_id() -> str:
    """The id of the request being handled, or "-" where there is none.

    assign_request_id is the first before_request hook, so every request the site
    handles has one by the time it logs or answers.
    """
    return g.get("request_id", "-") if has_app_context() else "-"


def send_request_id(response: Response) -> Response:
    response.headers[HEADER] = current_request_id()
    return response


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every log record as ``record.request_id``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True
