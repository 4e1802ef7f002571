"""Settings classes and the checks the factory runs on them, in-process."""

from __future__ import annotations

import re

import pytest

import config
from site_app import create_app


@pytest.mark.parametrize(
    ("app_env", "config_class", "testing"),
    [
        ("development", config.DevelopmentConfig, False),
        ("testing", config.TestingConfig, True),
        ("production", config.ProductionConfig, False),
    ],
)
def test_app_env_picks_the_settings_class(app_env, config_class, testing):
    settings = config.config_for(app_env, {"SECRET_KEY": "k" * 64})

    assert type(settings) is config_class
    assert app_env == settings.APP_ENV
    assert settings.TESTING is testing
    assert settings.SECRET_KEY == "k" * 64


@pytest.mark.parametrize("unset", [None, ""])
def test_unset_app_env_means_production(unset):
    assert type(config.config_for(unset, {})) is config.ProductionConfig


@pytest.mark.parametrize("app_env", ["staging", "Production", "dev"])
def test_unknown_app_env_is_refused_with_the_valid_names(app_env):
    with pytest.raises(config.ConfigError) as refused:
        config.config_for(app_env, {})

    assert str(refused.value) == (
        f"APP_ENV='{app_env}' is not a known environment: set APP_ENV to one of "
        "development, testing, production."
    )


@pytest.mark.parametrize("app_env", ["development", "testing"])
def test_local_environments_make_a_random_key_when_none_is_set(app_env):
    first = config.config_for(app_env, {}).SECRET_KEY
    second = config.config_for(app_env, {}).SECRET_KEY

    assert re.fullmatch(r"[0-9a-f]{64}", first)
    assert first != second


def test_production_has_no_fallback_key():
    assert config.config_for("production", {}).SECRET_KEY is None


def test_production_without_secret_key_stops_with_how_to_make_one():
    with pytest.raises(config.ConfigError) as refused:
        create_app({"APP_ENV": "production", "SECRET_KEY": ""})

    message = str(refused.value)
    assert message.startswith("SECRET_KEY is not set: production needs a long random secret.")
    assert "python -c 'import secrets; print(secrets.token_hex(32))'" in message


def test_production_refuses_debug_mode():
    with pytest.raises(config.ConfigError, match=r"^Debug mode is on .* unset FLASK_DEBUG"):
        create_app({"APP_ENV": "production", "SECRET_KEY": "k" * 64, "DEBUG": True})


def test_development_may_debug():
    app = create_app({"APP_ENV": "development", "DEBUG": True})

    assert app.debug is True
    assert app.config["APP_ENV"] == "development"


def test_production_app_with_a_key_is_built_without_debug_or_testing():
    app = create_app({"APP_ENV": "production", "SECRET_KEY": "k" * 64})

    assert app.config["APP_ENV"] == "production"
    assert app.debug is False
    assert app.testing is False
    assert app.secret_key == "k" * 64


def test_overrides_beat_the_settings_class(app):
    assert app.config["APP_ENV"] == "testing"
    assert app.testing is True
    assert create_app({"APP_ENV": "testing", "SECRET_KEY": "given"}).secret_key == "given"
