"""site_app: a blueprint-modular, multi-page Flask site.

``create_app`` is the one place the app is assembled. Each ``register_*`` step does one
thing, so a new concern (security headers, an API, sign-in) is one more line here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

import config

from .errors import register_error_handlers
from .navigation import NAVIGATION


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app for ``APP_ENV``; ``test_config`` overrides settings, as in the tests."""
    app = Flask(__name__)
    register_settings(app, test_config)
    register_blueprints(app)
    register_error_handlers(app)
    register_template_globals(app)
    return app


def register_settings(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    """Load the environment's settings class, apply overrides, refuse unsafe settings."""
    overrides = dict(test_config or {})
    app_env = overrides.get("APP_ENV", os.environ.get("APP_ENV"))
    app.config.from_object(config.config_for(app_env, os.environ))
    app.config.from_mapping(overrides)
    # app.debug also reflects FLASK_DEBUG, which Flask reads when the app is created.
    config.check(app.config, debug=app.debug)


def register_blueprints(app: Flask) -> None:
    """Attach every section of the site. A new blueprint is one more import and entry."""
    from .blueprints import about, pages, users

    for blueprint_module in (pages, users, about):
        app.register_blueprint(blueprint_module.bp)


def register_template_globals(app: Flask) -> None:
    """Values every template may use, such as the one navigation list."""
    app.jinja_env.globals["navigation"] = NAVIGATION
