"""Goodbye: the page to leave on (an example section: copier.yml can leave it out, and
``flask --app wsgi remove-section goodbye`` takes it out later)."""

from __future__ import annotations

from flask import Blueprint, render_template

from site_app.middleware.page_cache import same_for_everyone

bp = Blueprint("goodbye", __name__)


@bp.get("/goodbye")
@same_for_everyone()
def index() -> str:
    return render_template("goodbye/index.html")
