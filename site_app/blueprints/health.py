"""Health: a cheap check for load balancers, container engines and uptime monitors."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> dict[str, str]:
    # No template, no session, no database: answers as long as a worker can.
    return {"status": "ok"}
