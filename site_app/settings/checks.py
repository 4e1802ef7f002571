"""Settings a server must not run with: checked at start-up, and before workers start."""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping
from typing import Any

from site_app.settings import ConfigError
from site_app.settings.reader import OFF

HOW_TO_GENERATE_A_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


def check_startup(settings: Mapping[str, Any], *, debug: bool) -> None:
    """Stop start-up on settings the chosen environment must never run with."""
    if problems := startup_problems(settings, debug=debug):
        raise ConfigError(*problems)


def check_workers(settings: Mapping[str, Any], workers: int) -> None:
    """Stop a server about to start ``workers`` processes on settings that need one."""
    if problems := worker_problems(settings, workers):
        raise ConfigError(*problems)


def startup_problems(settings: Mapping[str, Any], *, debug: bool) -> list[str]:
    """What stops production from starting; other environments start as they are."""
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
    """Settings that stop being true once production runs several worker processes:
    limits counted in each worker's memory would each be multiplied by the workers."""
    # .get: gunicorn.conf.py may serve an app without these settings (make bench's).
    if (
        settings.get("APP_ENV") != "production"
        or workers < 2
        or not settings.get("RATELIMIT_STORAGE_URI", "").startswith("memory://")
    ):
        return []
    counted = [
        what
        for what, counted_here in (
            ("failed sign-ins", bool(settings.get("ADMIN_PASSWORD_HASH"))),
            ("API writes (API_WRITE_LIMIT)", settings.get("API_WRITE_LIMIT", OFF) != OFF),
            ("Predict forms (PREDICT_FORM_LIMIT)", settings.get("PREDICT_FORM_LIMIT", OFF) != OFF),
        )
        if counted_here
    ]
    if not counted:
        return []
    return [
        f"RATELIMIT_STORAGE_URI is memory:// with {workers} workers: each worker would count "
        f"{', '.join(counted)} alone, multiplying each limit by {workers} (and forget them on "
        "restart). Set RATELIMIT_STORAGE_URI to a shared store such as "
        "redis://127.0.0.1:6379/0, or WEB_CONCURRENCY=1, or switch the write limits off "
        "(API_WRITE_LIMIT=off, PREDICT_FORM_LIMIT=off) with admin sign-in off."
    ]
