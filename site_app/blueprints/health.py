"""Health: cheap checks for load balancers, container engines and uptime monitors.

``/healthz`` is liveness: a worker answers. ``/readyz`` is readiness: this instance
can serve real requests, because its database answers and its schema has every migration
the code needs (a deploy that skipped ``flask --app wsgi db upgrade`` is not ready; a
schema a newer release has migrated ahead still serves this code during a rollout).
``/metrics`` is for Prometheus, from the internal network only (site_app/middleware/metrics.py).
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from site_app.middleware.metrics import may_read_metrics, metrics_text
from site_app.models.database import engine_with_schema
from site_app.models.migrate import current_revision, head_revision, is_behind

bp = Blueprint("health", __name__)

Answer = tuple[dict[str, str], int, dict[str, str]]
# A probe's answer is about this moment: no cache may keep it.
NOT_STORED = {"Cache-Control": "no-store"}


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    # No template, no session, no database: answers as long as a worker can.
    return {"status": "ok"}


@bp.get("/readyz")
def readyz() -> Answer:
    try:
        current = current_revision(engine_with_schema())
    except SQLAlchemyError as error:
        current_app.logger.warning("Not ready: the database does not answer: %s", error)
        return not_ready("The database does not answer."), 503, NOT_STORED
    needed = head_revision()
    if is_behind(current):
        message = (
            f"The database schema is at revision {current or 'base'}, the code needs "
            f"{needed}: run flask --app wsgi db upgrade."
        )
        return not_ready(message), 503, NOT_STORED
    return {"status": "ready", "schema": str(current)}, 200, NOT_STORED


def not_ready(message: str) -> dict[str, str]:
    return {"status": "not ready", "message": message}


@bp.get("/metrics")
def metrics() -> Response:
    # Behind a trusted proxy (TRUSTED_PROXIES), the client's real address.
    if not may_read_metrics(request.remote_addr):
        abort(404)
    body, content_type = metrics_text()
    return Response(body, content_type=content_type, headers=NOT_STORED)
