"""People: a page whose script reads /api/people and shows it as a table.

It exists to show a JavaScript client of the API, so without JavaScript it says so and
links to the data itself.
"""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("people", __name__)


@bp.get("/people")
def index() -> str:
    return render_template("people/index.html")
