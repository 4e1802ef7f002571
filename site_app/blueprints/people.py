"""People: a page whose script reads /api/people and shows it as a table.

It exists to show a JavaScript client of the API, so without JavaScript it says so and
links to the data itself.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from site_app.middleware.page_cache import same_for_everyone

bp = Blueprint("people", __name__)


@bp.get("/people")
@same_for_everyone()
def index() -> str:
    return render_template("people/index.html")
