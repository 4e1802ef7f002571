"""site_app: a blueprint-modular, multi-page Flask site.

``create_app`` is the one place the app is assembled. Each ``register_*`` step does one
thing, so a new concern (an API, sign-in) is one more line here; the WSGI middleware
around Flask is one list, in order (``register_wsgi_stack``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from flask import Flask

from site_app.api.json_provider import BoundedJSONProvider
from site_app.auth.admin import admin_signed_in
from site_app.auth.rate_limits import register_rate_limiter
from site_app.blueprints import SECTIONS
from site_app.cli import register_commands
from site_app.i18n.languages import LanguagePrefix, register_languages
from site_app.i18n.translation import register_translation
from site_app.middleware.caching import register_caching
from site_app.middleware.cors import register_cors
from site_app.middleware.metrics import CountedApp, register_metrics
from site_app.middleware.page_cache import page_cache
from site_app.middleware.proxies import trusted_proxies
from site_app.middleware.request_ids import register_request_ids
from site_app.middleware.security_headers import security_headers
from site_app.models.database import register_database
from site_app.models.salary_model import register_salary_model
from site_app.settings.checks import check_startup
from site_app.web.cross_origin import register_cross_origin_protection
from site_app.web.errors import register_error_handlers
from site_app.web.logs import register_logging
from site_app.web.navigation import main_navigation
from site_app.web.outages import register_outage_handlers
from site_app.web.sections import Section, register_sections
from site_app.web.url_converters import register_url_converters
from site_app.web.urls import register_url_helpers

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


def create_app(
    test_config: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    sections: Sequence[Section] | None = None,
) -> Flask:
    """Build the app for ``APP_ENV``; ``test_config`` overrides settings, as in the tests.

    ``environ`` is where settings are read from; when none is given, the process's
    environment and the project's ``.env`` (``config.load_environment``). The tests pass
    their own. ``sections`` replaces the site's section list
    (``site_app/blueprints/__init__.py``).
    """
    app = Flask(__name__)
    app.json = BoundedJSONProvider(app)
    register_settings(app, test_config, environ)
    register_logging(app)
    register_request_ids(app)
    register_cross_origin_protection(app)
    register_rate_limiter(app)
    register_database(app)
    register_salary_model(app)
    register_url_converters(app)
    register_blueprints(app, sections)
    register_languages(app)
    register_translation(app)
    register_cors(app)
    register_error_handlers(app)
    register_outage_handlers(app)
    register_caching(app)
    register_template_globals(app)
    register_commands(app)
    register_metrics(app)
    register_wsgi_stack(app)
    return app


def register_wsgi_stack(app: Flask) -> None:
    """Wrap Flask in the site's WSGI middleware, innermost first: a request meets them
    from the last to the first, then Flask (docs/architecture.md draws it)."""
    stack: tuple[Callable[[WSGIApplication], WSGIApplication] | None, ...] = (
        LanguagePrefix,  # /fr/about is /about with the site mounted at /fr
        page_cache(app),  # pages the same for everyone, answered before Flask runs
        CountedApp,  # /metrics counts every answer, the page cache's too
        security_headers(app),  # on every answer, the page cache's too
        trusted_proxies(app),  # the client's address and scheme, from trusted proxies only
    )
    for middleware in stack:
        if middleware is not None:
            app.wsgi_app = middleware(app.wsgi_app)  # type: ignore[assignment]


def register_settings(
    app: Flask, test_config: Mapping[str, Any] | None, environ: Mapping[str, str] | None
) -> None:
    """Load the environment's settings class, apply overrides, refuse unsafe settings."""
    # config.py sits at the project root beside wsgi.py, where `flask --app wsgi` and
    # gunicorn put it on sys.path. Importing it here, not at the top, keeps
    # `import site_app` (as the flask command does for check-config) independent of it.
    import config

    if environ is None:
        environ = config.load_environment()
    overrides = dict(test_config or {})
    app_env = overrides.get("APP_ENV", environ.get("APP_ENV"))
    app.config.from_object(config.config_for(app_env, environ))
    app.config.from_mapping(overrides)
    # app.debug also reflects FLASK_DEBUG, which Flask reads when the app is created.
    check_startup(app.config, debug=app.debug)


def register_blueprints(app: Flask, sections: Sequence[Section] | None) -> None:
    """Attach every section of the site, in the order of the section list."""
    register_sections(app, SECTIONS if sections is None else sections)


def register_template_globals(app: Flask) -> None:
    """Values every template may use, such as the main navigation."""
    app.jinja_env.globals["main_navigation"] = main_navigation
    app.jinja_env.globals["admin_signed_in"] = admin_signed_in
    register_url_helpers(app)
