"""check-config in-process; tests/test_startup.py runs it through the real flask command."""

from __future__ import annotations

import pytest

from site_app.cli.check_config import check_config_command
from tests.credentials import ADMIN_PASSWORD_HASH, GOOD_KEY

UNSET = dict.fromkeys(
    ["APP_ENV", "SECRET_KEY", "FLASK_DEBUG", "PROXY_COUNT", "TRUSTED_HOSTS", "ADMIN_PASSWORD_HASH"]
)


@pytest.fixture
def check(runner):
    def invoke(**settings):
        return runner.invoke(check_config_command, env={**UNSET, **settings})

    return invoke


def test_sound_settings_pass(check):
    result = check(
        APP_ENV="production",
        SECRET_KEY=GOOD_KEY,
        ADMIN_PASSWORD_HASH=ADMIN_PASSWORD_HASH,
        TRUSTED_HOSTS="example.com",
        WEB_CONCURRENCY="1",
    )

    assert result.exit_code == 0
    assert result.output == "Production settings: no problems found.\n"


def test_each_problem_is_listed_and_the_exit_code_is_1(check):
    result = check(SECRET_KEY="too-short", FLASK_DEBUG="1", TRUSTED_HOSTS="http://x")

    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Production settings: 1 problem(s).",
        "- TRUSTED_HOSTS holds 'http://x', which is not a host name: list host names only, "
        "such as example.com,www.example.com (a leading dot allows subdomains).",
    ]


SOUND = {
    "APP_ENV": "production",
    "SECRET_KEY": GOOD_KEY,
    "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH,
    "TRUSTED_HOSTS": "example.com",
    "WEB_CONCURRENCY": "4",
}


@pytest.mark.parametrize(
    ("limits", "pages"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
        ("redis://:secret@cache.internal/0", "rediss://cache.internal:6379/3"),
    ],
)
def test_limits_and_page_cache_in_one_redis_server_is_a_problem(check, limits, pages):
    result = check(**SOUND, RATELIMIT_STORAGE_URI=limits, PAGE_CACHE_URI=pages)

    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Production settings: 1 problem(s).",
        "- RATELIMIT_STORAGE_URI and PAGE_CACHE_URI point at the same Redis server: a flood "
        "of cached pages could evict the rate limits' counters. Give the page cache a "
        "Redis of its own (maxmemory, allkeys-lru) and the limits another (noeviction), "
        "as docs/deploy.md shows.",
    ]


@pytest.mark.parametrize(
    ("limits", "pages"),
    [
        ("redis://limits.internal:6379/0", "redis://cache.internal:6379/0"),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6380/0"),
        ("redis://127.0.0.1:6379/0", "memory://"),
    ],
)
def test_limits_and_page_cache_in_separate_stores_pass(check, limits, pages):
    result = check(**SOUND, RATELIMIT_STORAGE_URI=limits, PAGE_CACHE_URI=pages)

    assert result.output == "Production settings: no problems found.\n"
    assert result.exit_code == 0
