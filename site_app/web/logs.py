"""The app's log: one JSON object per line on stderr, with the time, level, logger,
message and request id (python-json-logger).

JSON lines are what log collectors read without a parsing rule, and JSON's escaping
keeps every event on one line: a traceback's new lines, and anything a client sent
(a path, a user name) with line breaks, escape sequences, line separators or direction
controls, are written as escapes (non-ASCII too), so no text can forge a log line of
its own. gunicorn's own logs use the same format (site_app/web/server_logs.py), so the
request id ties the access log, the app's log and nginx's log together.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from flask import Flask
from pythonjsonlogger.json import JsonFormatter

from site_app.middleware.request_ids import RequestIdFilter

# The record's fields each line holds, and the names it gives them.
FIELDS = ["asctime", "levelname", "name", "request_id", "message"]
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def json_formatter() -> JsonFormatter:
    """One JSON object per record; a traceback goes in its "exc_info" field."""
    return JsonFormatter(FIELDS, rename_fields=RENAMED, datefmt=TIME_FORMAT)


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to sys.stderr as it is when a line is logged, not when the app was made
    (pytest, for one, swaps it for every test)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def register_logging(app: Flask) -> None:
    handler = StderrHandler()
    handler.setFormatter(json_formatter())
    handler.addFilter(RequestIdFilter())
    # The one handler: each app made in this process (the tests make many) replaces the
    # last one's, which Flask's default handler included, instead of adding to them.
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
