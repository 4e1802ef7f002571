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
