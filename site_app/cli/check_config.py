"""``flask --app wsgi check-config``: may this environment run production?

Registered as a Flask CLI plugin (see pyproject.toml), not on the app, so it runs even
when the settings are too broken for the app to start, which is when it is needed.
Run it in the deploy pipeline before switching traffic: it exits 1 on any problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import click
from flask.cli import ScriptInfo, pass_script_info, prepare_import
from flask.helpers import get_debug_flag

from site_app.settings import ConfigError
from site_app.settings.checks import (
    HOW_TO_GENERATE_A_KEY,
    startup_problems,
    worker_count,
    worker_problems,
)
from site_app.settings.reader import HOW_TO_HASH_A_PASSWORD

# What check-config calls a weak key.
MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_DISTINCT_CHARACTERS = 10
REDIS_SCHEMES = ("redis://", "rediss://")


@click.command("check-config")
@pass_script_info
def check_config_command(script_info: ScriptInfo) -> None:
    """Print every problem with the production settings of this environment."""
    # Find the project as --app does: config.py sits beside the wsgi module.
    app_path = (script_info.app_import_path or "wsgi").partition(":")[0]
    prepare_import(app_path)
    import config

    problems = production_problems(config.load_environment(), debug=get_debug_flag())
    if not problems:
        click.echo("Production settings: no problems found.")
        return
    click.echo(f"Production settings: {len(problems)} problem(s).", err=True)
    for problem in problems:
        click.echo(f"- {problem}", err=True)
    raise SystemExit(1)


def production_problems(environ: Mapping[str, str], *, debug: bool) -> list[str]:
    """Everything wrong with running production on ``environ``.

    Goes further than start-up: weak keys, and settings that contradict each other.
    """
    # Imported here: config.py is found beside the wsgi module (see prepare_import).
    import config

    problems = []
    app_env = environ.get("APP_ENV")
    if app_env and app_env != "production":
        problems.append(f"APP_ENV is {app_env!r}: set APP_ENV=production (or leave it unset).")
    try:
        settings = vars(config.ProductionConfig(environ)) | {"APP_ENV": "production"}
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
    elif settings["ADMIN_PASSWORD_HASH"] == config.DEVELOPMENT_ADMIN_PASSWORD_HASH:
        problems.append(
            "ADMIN_PASSWORD_HASH is the development password's, which is published: make "
            f"your own with {HOW_TO_HASH_A_PASSWORD}."
        )
    problems += worker_problems(settings, worker_count(environ))
    problems += shared_redis_problems(settings)
    return problems


def shared_redis_problems(settings: Mapping[str, Any]) -> list[str]:
    """The limits and the page cache in one Redis server: a store bounded for the cache
    (maxmemory with an eviction policy) evicts counters too, so a flood of pages could
    reset a rate limit; one without a bound lets pages fill the memory the counters need."""
    limits, pages = settings["RATELIMIT_STORAGE_URI"], settings["PAGE_CACHE_URI"]
    if not (limits.startswith(REDIS_SCHEMES) and pages.startswith(REDIS_SCHEMES)):
        return []
    if redis_server(limits) != redis_server(pages):
        return []
    return [
        "RATELIMIT_STORAGE_URI and PAGE_CACHE_URI point at the same Redis server: a flood "
        "of cached pages could evict the rate limits' counters. Give the page cache a "
        "Redis of its own (maxmemory, allkeys-lru) and the limits another (noeviction), "
        "as docs/deploy.md shows."
    ]


def redis_server(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return (parts.hostname or "localhost", parts.port or 6379)
