"""The app's log: one line per event on stderr, with the time, level and request id.

A traceback is kept on the same line (its new lines written as ``\\n``), so a log
collector never splits one error into many events. Every other character that could
end a line or change how a terminal shows it (carriage returns, escape sequences, line
separators, direction controls) is written as an escape too: text a client sent, such
as a path or a user name, can never forge a log line of its own.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from flask import Flask

from site_app.web.characters import CONTROL, DIRECTION_CONTROLS, LINE_SEPARATORS, code_points
from site_app.web.request_ids import RequestIdFilter

LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"

# Python's own escapes for these characters: \n, \r, \x1b, \u2028, \u202e, ...
ESCAPES = {
    code: repr(chr(code))[1:-1]
    for code in code_points(CONTROL, LINE_SEPARATORS, DIRECTION_CONTROLS)
}


class OneLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).translate(ESCAPES)


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
    handler.setFormatter(OneLineFormatter(LOG_FORMAT, datefmt="%Y-%m-%dT%H:%M:%S%z"))
    handler.addFilter(RequestIdFilter())
    # The one handler: each app made in this process (the tests make many) replaces the
    # last one's, which Flask's default handler included, instead of adding to them.
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
