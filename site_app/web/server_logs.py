"""gunicorn's logs as JSON lines, in the app's format (site_app/web/logs.py).

gunicorn.conf.py names this class as ``logger_class``. Each access line is an object
with the fields an operator filters on, among them the request id the app answered
with (the one nginx sent in X-Request-ID, so nginx's log line has it too).
"""

from __future__ import annotations

import logging
from typing import Any

from gunicorn.glogging import Logger  # type: ignore[import-untyped]

from site_app.web.logs import json_formatter


class JsonLogger(Logger):  # type: ignore[misc]
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(json_formatter())
                handler.addFilter(NoRequestId())

    def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        self.access_log.info(
            "request",
            extra={
                "request_id": atoms.get("{x-request-id}o", "-"),
                "remote_addr": atoms["h"],
                "method": atoms["m"],
                "path": atoms["U"],
                "query": atoms["q"],
                "status": int(str(atoms["s"])),
                "bytes": atoms["B"] or 0,
                "duration_us": atoms["D"],
            },
        )


class NoRequestId(logging.Filter):
    """gunicorn's own lines belong to no request: "-", as the app writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        return True
