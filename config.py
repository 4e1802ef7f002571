"""Settings for site_app: one class per environment, chosen by ``APP_ENV``.

This module loads the project's ``.env`` itself (with python-dotenv), so the ``flask``
command, gunicorn and pytest all start from the same settings. A variable that is already
set in the real environment always wins over ``.env``.

Settings are read from the environment when the app is created, never at import time,
and only here: views read ``current_app.config``, never ``os.environ``.
"""

from __future__ import annotations

import ipaddress
import multiprocessing
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent

# override=False is what lets the real environment beat .env.
load_dotenv(PROJECT_ROOT / ".env", override=False)

# An unset APP_ENV must never fall back to something less safe than production.
DEFAULT_APP_ENV = "production"

HOW_TO_GENERATE_A_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"

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
HOW_TO_HASH_A_PASSWORD = "flask --app wsgi hash-password"  # noqa: S105 (a command)
# Password hashes Werkzeug makes: "method$salt$hash".
PASSWORD_HASH_METHODS = ("scrypt", "pbkdf2")

# Where a reverse proxy's requests come from unless TRUSTED_PROXIES says otherwise: the
# same machine.
DEFAULT_TRUSTED_PROXIES = "127.0.0.1,::1"

# What check-config calls a weak key.
MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_DISTINCT_CHARACTERS = 10


class ConfigError(RuntimeError):
    """Settings the app must not start with; each problem says what to set.

    A RuntimeError, so gunicorn prints it as one ``Error:`` line when it loads the app.
    """

    def __init__(self, *problems: str) -> None:
        super().__init__(" ".join(problems))
        self.problems = list(problems)


class EnvironmentReader:
    """Reads typed settings from environment variables, collecting every problem."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ
        self.problems: list[str] = []

    def whole_number(self, name: str, default: int, *, minimum: int) -> int:
        raw = self.environ.get(name, "").strip()
        if not raw:
            return default
        if not raw.isdecimal() or int(raw) < minimum:
            self.problems.append(
                f"{name}={raw!r} is not valid: set {name} to a whole number >= {minimum}."
            )
            return default
        return int(raw)

    def host_names(self, name: str) -> list[str] | None:
        """A comma-separated list of host names (``example.com, .example.org``), or None."""
        hosts = [host.strip() for host in self.environ.get(name, "").split(",") if host.strip()]
        for host in hosts:
            if "/" in host or "@" in host:
                self.problems.append(
                    f"{name} holds {host!r}, which is not a host name: list host names only, "
                    "such as example.com,www.example.com (a leading dot allows subdomains)."
                )
        return hosts or None

    def networks(self, name: str, default: str) -> list[str]:
        """A comma-separated list of IP addresses or networks (``10.0.0.0/8``)."""
        raw = self.environ.get(name, "").strip() or default
        networks = []
        for entry in (part.strip() for part in raw.split(",") if part.strip()):
            try:
                networks.append(str(ipaddress.ip_network(entry, strict=False)))
            except ValueError:
                self.problems.append(
                    f"{name} holds {entry!r}, which is not an IP address or network: list "
                    "addresses such as 127.0.0.1,10.0.0.0/8 (the proxies' own addresses)."
                )
        return networks

    def origins(self, name: str) -> list[str]:
        """A comma-separated list of web origins (``https://app.example.com``)."""
        origins = [
            origin.strip() for origin in self.environ.get(name, "").split(",") if origin.strip()
        ]
        for origin in origins:
            scheme, _, rest = origin.partition("://")
            if scheme not in ("http", "https") or not rest or "/" in rest:
                self.problems.append(
                    f"{name} holds {origin!r}, which is not an origin: list origins such as "
                    "https://app.example.com (scheme and host, a port if any, no path)."
                )
        return origins

    def password_hash(self, name: str, default: str | None) -> str | None:
        value = self.environ.get(name, "").strip() or default
        if value is None:
            return None
        method, *rest = value.split("$")
        if len(rest) != 2 or not method.startswith(PASSWORD_HASH_METHODS):
            self.problems.append(
                f"{name} is not a password hash: make one with {HOW_TO_HASH_A_PASSWORD} "
                "and paste the line it prints into .env."
            )
            return None
        return value


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

    def __init__(self, environ: Mapping[str, str]) -> None:
        read = EnvironmentReader(environ)
        self.SECRET_KEY = environ.get("SECRET_KEY") or self.fallback_secret_key()
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
        self.ADMIN_USERNAME = environ.get("ADMIN_USERNAME", "").strip() or "admin"
        self.ADMIN_PASSWORD_HASH = read.password_hash(
            "ADMIN_PASSWORD_HASH", self.fallback_admin_password_hash
        )
        # Where failed sign-ins are counted. memory:// counts per worker process; a
        # shared store (redis://host:6379) makes every worker see the same count.
        self.RATELIMIT_STORAGE_URI = environ.get("RATELIMIT_STORAGE_URI", "").strip() or (
            "memory://"
        )
        # Web pages on these origins may read /api/people from the browser (CORS).
        self.CORS_ORIGINS = read.origins("CORS_ORIGINS")
        # Unset: an SQLite file in the Flask instance folder (see site_app/database.py).
        self.DATABASE_URL = environ.get("DATABASE_URL", "").strip() or None
        if read.problems:
            raise ConfigError(*read.problems)

    # No fallback: without ADMIN_PASSWORD_HASH, admin sign-in is switched off.
    fallback_admin_password_hash: str | None = None

    @staticmethod
    def fallback_secret_key() -> str | None:
        """No fallback: start-up stops when SECRET_KEY is missing (see ``check``)."""
        return None


class DevelopmentConfig(Config):
    """``flask --app wsgi run`` on a laptop; debug comes from FLASK_DEBUG in .flaskenv."""

    APP_ENV = "development"
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


def check(settings: Mapping[str, Any], *, debug: bool) -> None:
    """Stop start-up on settings the chosen environment must never run with."""
    if problems := startup_problems(settings, debug=debug):
        raise ConfigError(*problems)


def startup_problems(settings: Mapping[str, Any], *, debug: bool) -> list[str]:
    if settings["APP_ENV"] != "production":
        return []
    problems = []
    if not settings.get("SECRET_KEY"):
        problems.append(
            "SECRET_KEY is not set: production needs a long random secret. "
            f"Generate one with {HOW_TO_GENERATE_A_KEY} and set SECRET_KEY "
            "in the environment or in .env."
        )
    if debug:
        problems.append(
            "Debug mode is on (FLASK_DEBUG or --debug), but production never runs with "
            "the debugger: unset FLASK_DEBUG, or set APP_ENV=development for local work."
        )
    if not settings.get("TRUSTED_HOSTS"):
        problems.append(
            "TRUSTED_HOSTS is not set: production answers only to its own host names, so "
            "no forged Host header reaches its links. Set TRUSTED_HOSTS to the site's "
            "names, such as example.com,www.example.com."
        )
    return problems


def worker_count(environ: Mapping[str, str]) -> int:
    """How many gunicorn workers gunicorn.conf.py starts: WEB_CONCURRENCY, or 2 x cores + 1."""
    raw = environ.get("WEB_CONCURRENCY", "").strip()
    return int(raw) if raw.isdecimal() else multiprocessing.cpu_count() * 2 + 1


def worker_problems(settings: Mapping[str, Any], workers: int) -> list[str]:
    """Settings that stop being true once production runs several worker processes."""
    if (
        settings["APP_ENV"] == "production"
        and workers > 1
        and settings["ADMIN_PASSWORD_HASH"]
        and settings["RATELIMIT_STORAGE_URI"].startswith("memory://")
    ):
        return [
            f"RATELIMIT_STORAGE_URI is memory:// with {workers} workers: each worker would "
            "count failed sign-ins alone (and forget them on restart). Set "
            "RATELIMIT_STORAGE_URI to a shared store such as redis://127.0.0.1:6379/0, "
            "or WEB_CONCURRENCY=1."
        ]
    return []


def check_workers(settings: Mapping[str, Any], workers: int) -> None:
    """Stop a server about to start ``workers`` processes on settings that need one."""
    if problems := worker_problems(settings, workers):
        raise ConfigError(*problems)


def production_problems(environ: Mapping[str, str], *, debug: bool) -> list[str]:
    """Everything wrong with running production on ``environ``, for ``check-config``.

    Goes further than start-up: weak keys, and settings that contradict each other.
    """
    problems = []
    app_env = environ.get("APP_ENV")
    if app_env and app_env != "production":
        problems.append(f"APP_ENV is {app_env!r}: set APP_ENV=production (or leave it unset).")
    try:
        settings = vars(ProductionConfig(environ)) | {"APP_ENV": "production"}
    except ConfigError as error:
        return problems + error.problems
    problems += startup_problems(settings, debug=debug)
    key = settings["SECRET_KEY"] or ""
    if key and (
        len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < MIN_SECRET_KEY_DISTINCT_CHARACTERS
    ):
        problems.append(
            f"SECRET_KEY is weak: use at least {MIN_SECRET_KEY_LENGTH} random characters, "
            f"such as the output of {HOW_TO_GENERATE_A_KEY}."
        )
    if not settings["ADMIN_PASSWORD_HASH"]:
        problems.append(
            "ADMIN_PASSWORD_HASH is not set, so admin sign-in is switched off: make one "
            f"with {HOW_TO_HASH_A_PASSWORD} and set ADMIN_PASSWORD_HASH."
        )
    elif settings["ADMIN_PASSWORD_HASH"] == DEVELOPMENT_ADMIN_PASSWORD_HASH:
        problems.append(
            "ADMIN_PASSWORD_HASH is the development password's, which is published: make "
            f"your own with {HOW_TO_HASH_A_PASSWORD}."
        )
    problems += worker_problems(settings, worker_count(environ))
    return problems
