"""Settings for site_app: one class per environment, chosen by ``APP_ENV``.

``load_environment`` reads the project's ``.env`` (with python-dotenv) under the real
environment, so the ``flask`` command and gunicorn start from the same settings; a
variable set in the real environment always wins over ``.env``. Nothing is read at
import: ``create_app`` calls it only when it is given no environment, and the tests
always give one, so a developer's ``.env`` never changes what they see.

Settings are read when the app is created, and only here: views read
``current_app.config``, never ``os.environ``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import flask.cli
from dotenv import load_dotenv
from flask.helpers import get_load_dotenv
from werkzeug.security import generate_password_hash

from site_app.settings import ConfigError
from site_app.settings.reader import EnvironmentReader
from site_app.settings.site import DEFAULT_SITE_NAME

PROJECT_ROOT = Path(__file__).resolve().parent

# An unset APP_ENV must never fall back to something less safe than production.
DEFAULT_APP_ENV = "production"

# Request bodies larger than this get 413. Nothing on the site takes uploads.
DEFAULT_MAX_CONTENT_LENGTH = 1024 * 1024

# Development and testing sign the admin in with this documented, throwaway password
# (user name "admin"). Production has no default: without ADMIN_PASSWORD_HASH, admin
# sign-in is switched off.
DEVELOPMENT_ADMIN_PASSWORD = "dev-only-password"  # noqa: S105 (documented, dev only)
# The hash of the password above, as `flask --app wsgi hash-password` made it.
DEVELOPMENT_ADMIN_PASSWORD_HASH = (
    "scrypt:32768:8:1$WEx3urEHRgvytz7H$"  # noqa: S105
    "448ac6c50a17a43cf95bdf3a20d1376c2625f08cd7b27d54"
    "065b9fe07dd316324bc5e07ca8e11e247428454b475c3aebd795b62538a3bff8f86dfcac198dcde0"
)

# Where a reverse proxy's requests come from unless TRUSTED_PROXIES says otherwise: the
# same machine.
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"

# What PAGE_CACHE_URI may start with.
OFF_OR_STORES = ("off", "memory://", "redis://", "rediss://")


class Config:
    """Settings every environment shares. Subclasses change only what differs."""

    APP_ENV = DEFAULT_APP_ENV
    TESTING = False
    SECRET_KEY: str | None = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"
    # Strict-Transport-Security is sent only where the site is known to be served
    # over HTTPS, which is production.
    HSTS_SECONDS = 0
    # A signed-in admin stays signed in this long at most from sign-in, browser restarts
    # included, however much the session is used (the server keeps the expiry too).
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    # The cookie's expiry does not slide forward with each request either.
    SESSION_REFRESH_EACH_REQUEST = False
    # Bring the database schema up to date when the app first uses it. Production
    # migrates once per deploy instead (flask --app wsgi db upgrade), before gunicorn.
    MIGRATE_ON_FIRST_USE = False

    def __init__(self, environ: Mapping[str, str]) -> None:
        read = EnvironmentReader(environ)
        self.SECRET_KEY = environ.get("SECRET_KEY") or self.fallback_secret_key()
        # The name every title, header and footer shows.
        self.SITE_NAME = read.text("SITE_NAME", DEFAULT_SITE_NAME)
        # The site's public address (https://example.com) for canonical links and the
        # sitemap; unset, they are built from the request's host.
        self.SITE_URL = read.origin("SITE_URL")
        self.MAX_CONTENT_LENGTH = read.whole_number(
            "MAX_CONTENT_LENGTH", DEFAULT_MAX_CONTENT_LENGTH, minimum=1
        )
        # How many reverse proxies stand in front of the app. Their X-Forwarded-*
        # headers are believed only when this says so; the default trusts none.
        self.PROXY_COUNT = read.whole_number("PROXY_COUNT", 0, minimum=0)
        # ...and only on requests that come from one of these addresses: a client that
        # reaches the app directly cannot pose as the proxy.
        self.TRUSTED_PROXIES = read.networks("TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES)
        # Flask 3.1 answers 400 to a request for any other host when this is a list.
        self.TRUSTED_HOSTS = read.host_names("TRUSTED_HOSTS")
        self.ADMIN_USERNAME = read.text("ADMIN_USERNAME", "admin")
        self.ADMIN_PASSWORD_HASH = read.password_hash(
            "ADMIN_PASSWORD_HASH", self.fallback_admin_password_hash
        )
        # Where failed sign-ins and writes are counted. memory:// counts per worker
        # process; a shared store (redis://host:6379) makes every worker see one count.
        self.RATELIMIT_STORAGE_URI = read.text("RATELIMIT_STORAGE_URI", "memory://")
        # Writes one API token may make, and Predict forms one address may send.
        self.API_WRITE_LIMIT = read.rate_limit("API_WRITE_LIMIT", "60/minute")
        self.PREDICT_FORM_LIMIT = read.rate_limit("PREDICT_FORM_LIMIT", "30/minute")
        # Web pages on these origins may read /api/people from the browser (CORS).
        self.CORS_ORIGINS = read.origins("CORS_ORIGINS")
        # Pages the same for every visitor are kept here: memory:// in each process,
        # redis://host:6379/1 to share them between instances, off for none.
        self.PAGE_CACHE_URI = read.choice_uri("PAGE_CACHE_URI", "memory://", OFF_OR_STORES)
        self.PAGE_CACHE_SECONDS = read.whole_number("PAGE_CACHE_SECONDS", 600, minimum=1)
        self.PAGE_CACHE_ENTRIES = read.whole_number("PAGE_CACHE_ENTRIES", 1000, minimum=1)
        # Seconds shared caches in front (nginx, a CDN) may keep those pages; 0 for none.
        self.SHARED_CACHE_SECONDS = read.whole_number("SHARED_CACHE_SECONDS", 60, minimum=0)
        # Unset: an SQLite file in the Flask instance folder (see site_app/models/database.py).
        self.DATABASE_URL = read.database_url("DATABASE_URL")
        if read.problems:
            raise ConfigError(*read.problems)

    # No fallback: without ADMIN_PASSWORD_HASH, admin sign-in is switched off.
    fallback_admin_password_hash: str | None = None

    @staticmethod
    def fallback_secret_key() -> str | None:
        """No fallback: start-up stops when SECRET_KEY is missing (see ``check_startup``)."""
        return None


class DevelopmentConfig(Config):
    """``flask --app wsgi run`` on a laptop; debug comes from FLASK_DEBUG in .flaskenv."""

    APP_ENV = "development"
    MIGRATE_ON_FIRST_USE = True
    fallback_admin_password_hash = DEVELOPMENT_ADMIN_PASSWORD_HASH

    @staticmethod
    def fallback_secret_key() -> str:
        # A fresh random key per process: sessions end on restart, but no guessable
        # key ever signs a cookie, not even on a laptop.
        return secrets.token_hex(32)


class TestingConfig(DevelopmentConfig):
    """The test suite; Flask propagates exceptions so a failing view fails its test."""

    APP_ENV = "testing"
    TESTING = True
    # The development password under a deliberately cheap hash: scrypt costs ~100 ms a
    # sign-in, which the many sign-in tests would pay over and over.
    fallback_admin_password_hash = generate_password_hash(
        DEVELOPMENT_ADMIN_PASSWORD, method="pbkdf2:sha256:1"
    )


class ProductionConfig(Config):
    """Behind gunicorn and HTTPS; refuses to start without a real SECRET_KEY."""

    APP_ENV = "production"
    SESSION_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    HSTS_SECONDS = 365 * 24 * 60 * 60


ENVIRONMENTS: dict[str, type[Config]] = {
    config_class.APP_ENV: config_class
    for config_class in (DevelopmentConfig, TestingConfig, ProductionConfig)
}


def load_environment() -> Mapping[str, str]:
    """This process's environment, with the project's ``.env`` read in below it.

    ``FLASK_SKIP_DOTENV=1``, Flask's switch for the files its command reads, skips
    ``.env`` here too. Under the ``flask`` command, ``.flaskenv`` is read as well: Flask
    reads it before every command, but ``flask --app wsgi --help`` loads the app before
    Flask has read it, and would otherwise start in production.
    """
    if get_load_dotenv():
        # override=False is what lets the real environment beat .env.
        load_dotenv(PROJECT_ROOT / ".env", override=False)
        if "FLASK_RUN_FROM_CLI" in os.environ:  # set by the flask command
            flask.cli.load_dotenv()
    return os.environ


def config_for(app_env: str | None, environ: Mapping[str, str]) -> Config:
    """Return the settings for ``app_env`` (unset or empty means production)."""
    name = app_env or DEFAULT_APP_ENV
    try:
        config_class = ENVIRONMENTS[name]
    except KeyError:
        valid = ", ".join(ENVIRONMENTS)
        raise ConfigError(
            f"APP_ENV={name!r} is not a known environment: set APP_ENV to one of {valid}."
        ) from None
    return config_class(environ)
