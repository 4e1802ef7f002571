"""What the JSON API answers, as tests expect it."""

from __future__ import annotations


def invalid_input(field: str, message: str) -> dict[str, object]:
    """The body of a 400 for a wrong field (site_app/blueprints/api.py)."""
    return {"error": "Invalid input", "field": field, "message": message, "status": 400}
