"""Settings for site_app: one class per environment, chosen by ``APP_ENV``.

This module loads the project's ``.env`` itself (with python-dotenv), so the ``flask``
command, gunicorn and pytest all start from the same settings. A variable that is already
set in the real environment always wins over ``.env``.

Settings are read from the environment when the app is created, never at import time,
and only here: views read ``current_app.config``, never ``os.environ``.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent

# override=False is what lets the real environment beat .env.
load_dotenv(PROJECT_ROOT / ".env", override=False)

# An unset APP_ENV must never fall back to something less safe than production.
DEFAULT_APP_ENV = "production"

HOW_TO_GENERATE_A_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"


class ConfigError(RuntimeError):
    """A setting is missing or invalid; the message says what to set.

    A RuntimeError, so gunicorn prints it as one ``Error:`` line when it loads the app.
    """


class Config:
    """Settings every environment shares. Subclasses change only what differs."""

    APP_ENV = DEFAULT_APP_ENV
    TESTING = False
    SECRET_KEY: str | None = None

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.SECRET_KEY = environ.get("SECRET_KEY") or self.fallback_secret_key()

    @staticmethod
    def fallback_secret_key() -> str | None:
        """No fallback: start-up stops when SECRET_KEY is missing (see ``check``)."""
        return None


class DevelopmentConfig(Config):
    """``flask --app wsgi run`` on a laptop; debug comes from FLASK_DEBUG in .flaskenv."""

    APP_ENV = "development"

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
    """Behind gunicorn; refuses to start without a real SECRET_KEY."""

    APP_ENV = "production"


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
    if settings["APP_ENV"] != "production":
        return
    if not settings.get("SECRET_KEY"):
        raise ConfigError(
            "SECRET_KEY is not set: production needs a long random secret. "
            f"Generate one with {HOW_TO_GENERATE_A_KEY} and set SECRET_KEY "
            "in the environment or in .env."
        )
    if debug:
        raise ConfigError(
            "Debug mode is on (FLASK_DEBUG or --debug), but production never runs with "
            "the debugger: unset FLASK_DEBUG, or set APP_ENV=development for local work."
        )
