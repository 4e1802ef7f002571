"""About: what the site is and how it is put together, read from the running app."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from site_app.web.introspection import routes_by_blueprint

bp = Blueprint("about", __name__)


@bp.get("/about")
def index() -> str:
    return render_template(
        "about/index.html",
        routes_by_blueprint=routes_by_blueprint(),
        app_env=current_app.config["APP_ENV"],
    )
