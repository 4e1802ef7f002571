"""About: what the site is and how it is put together, read from the running app."""

from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, current_app, render_template

bp = Blueprint("about", __name__)


@bp.get("/about")
def index() -> str:
    return render_template(
        "about/index.html",
        routes_by_blueprint=routes_by_blueprint(),
        app_env=current_app.config["APP_ENV"],
    )


def routes_by_blueprint() -> dict[str, list[str]]:
    """Each blueprint's URL rules, from the live URL map, so the page never goes stale."""
    rules: defaultdict[str, list[str]] = defaultdict(list)
    for rule in current_app.url_map.iter_rules():
        blueprint_name, _, _ = rule.endpoint.rpartition(".")
        if blueprint_name:
            rules[blueprint_name].append(rule.rule)
    return {name: sorted(rules[name]) for name in current_app.blueprints if name in rules}
