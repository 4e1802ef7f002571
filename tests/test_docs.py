"""The docs name every setting the code reads, so neither can drift from the other."""

from __future__ import annotations

import re

import pytest

from tests.processes import PROJECT_ROOT

# environ.get("NAME"), read.whole_number("NAME", ...), os.environ.get("NAME"), ...
READ_SETTING = re.compile(r"""(?:environ\.get|read\.\w+)\(\s*"([A-Z][A-Z0-9_]+)\"""")


def settings_read_by(filename: str) -> set[str]:
    return set(READ_SETTING.findall((PROJECT_ROOT / filename).read_text()))


SETTINGS = sorted(
    settings_read_by("config.py")
    | settings_read_by("gunicorn.conf.py")
    | settings_read_by("site_app/settings/checks.py")
)


def test_the_settings_are_found():
    assert {"SECRET_KEY", "TRUSTED_HOSTS", "TRUSTED_PROXIES", "WEB_CONCURRENCY"} <= set(SETTINGS)


@pytest.mark.parametrize("name", SETTINGS)
def test_every_setting_is_in_env_example(name):
    assert re.search(rf"^# {name}=", (PROJECT_ROOT / ".env.example").read_text(), re.M)


@pytest.mark.parametrize("name", SETTINGS)
def test_every_setting_is_in_the_readme_table(name):
    assert f"| `{name}` |" in (PROJECT_ROOT / "README.md").read_text()
