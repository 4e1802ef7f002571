"""Welcome: the greeting every visitor gets (an example section: copier.yml can leave it
out, and ``flask --app wsgi remove-section welcome`` takes it out later)."""

from __future__ import annotations

from flask import Blueprint, render_template

from site_app.middleware.page_cache import same_for_everyone

bp = Blueprint("welcome", __name__)


@bp.get("/welcome")
@same_for_everyone()
def index() -> str:
    return render_template("welcome/index.html")
