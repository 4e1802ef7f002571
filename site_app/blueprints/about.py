"""About: what the site is and how it is put together, read from the running app."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from site_app.middleware.page_cache import same_for_everyone
from site_app.web.sections import routes_by_section

bp = Blueprint("about", __name__)


@bp.get("/about")
@same_for_everyone()
def index() -> str:
    return render_template(
        "about/index.html",
        routes_by_section=routes_by_section(),
        app_env=current_app.config["APP_ENV"],
    )
