"""Settings classes and the checks the factory runs on them, in-process."""

from __future__ import annotations

import os
import re

import pytest

import config
from site_app import create_app
from site_app.cli.check_config import production_problems
from tests.credentials import ADMIN_PASSWORD_HASH, GOOD_KEY
from tests.databases import sqlite_url


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
        create_app({"APP_ENV": "production", "SECRET_KEY": ""}, environ={})

    message = str(refused.value)
    assert message.startswith("SECRET_KEY is not set: production needs a long random secret.")
    assert "python3 -c 'import secrets; print(secrets.token_hex(32))'" in message


def test_production_refuses_debug_mode():
    with pytest.raises(config.ConfigError, match=r"^Debug mode is on .* unset FLASK_DEBUG"):
        create_app({"APP_ENV": "production", "SECRET_KEY": "k" * 64, "DEBUG": True}, environ={})


def test_development_may_debug():
    app = create_app({"APP_ENV": "development", "DEBUG": True}, environ={})

    assert app.debug is True
    assert app.config["APP_ENV"] == "development"


def test_production_app_with_a_key_is_built_without_debug_or_testing():
    app = create_app(
        {"APP_ENV": "production", "SECRET_KEY": "k" * 64, "TRUSTED_HOSTS": ["localhost"]},
        environ={},
    )

    assert app.config["APP_ENV"] == "production"
    assert app.debug is False
    assert app.testing is False
    assert app.secret_key == "k" * 64


def test_overrides_beat_the_settings_class(app):
    assert app.config["APP_ENV"] == "testing"
    assert app.testing is True
    assert (
        create_app({"APP_ENV": "testing", "SECRET_KEY": "given"}, environ={}).secret_key == "given"
    )


def test_the_given_environment_is_the_only_one_read(monkeypatch, tmp_path):
    """What the deploy guide puts in .env or the shell never reaches an app made with an
    environment of its own, as every test's app is."""
    for name, value in {"APP_ENV": "production", "SITE_NAME": "Acme"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path)
    (tmp_path / ".env").write_text("TRUSTED_HOSTS=example.com\nSITE_NAME=Acme\n")

    app = create_app({"APP_ENV": "testing"}, environ={"SITE_NAME": "Given"})

    assert app.config["SITE_NAME"] == "Given"
    assert app.config["TRUSTED_HOSTS"] is None
    assert app.test_client().get("/", headers={"Host": "localhost"}).status_code == 200


def test_with_no_environment_given_the_real_one_beats_dotenv(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path)
    (tmp_path / ".env").write_text("SITE_NAME=From dotenv\nADMIN_USERNAME=chief\n")
    # .env is read into the process's environment: a copy of it, for this test alone.
    shell = {"PATH": os.environ["PATH"], "SITE_NAME": "From the shell"}
    monkeypatch.setattr(os, "environ", shell)

    app = create_app({"APP_ENV": "testing"})

    assert app.config["SITE_NAME"] == "From the shell"
    assert app.config["ADMIN_USERNAME"] == "chief"


def test_production_cookies_are_secure_httponly_and_lax():
    app = create_app(
        {"APP_ENV": "production", "SECRET_KEY": "k" * 64, "TRUSTED_HOSTS": ["localhost"]},
        environ={},
    )

    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["PREFERRED_URL_SCHEME"] == "https"


def test_numbers_and_hosts_are_read_from_the_environment():
    settings = config.config_for(
        "production",
        {
            "MAX_CONTENT_LENGTH": "2048",
            "PROXY_COUNT": "2",
            "TRUSTED_HOSTS": " example.com, .example.org ,",
        },
    )

    assert settings.MAX_CONTENT_LENGTH == 2048
    assert settings.PROXY_COUNT == 2
    assert settings.TRUSTED_HOSTS == ["example.com", ".example.org"]


def test_defaults_trust_no_proxy_and_no_host():
    settings = config.config_for("production", {})

    assert settings.MAX_CONTENT_LENGTH == 1024 * 1024
    assert settings.PROXY_COUNT == 0
    assert settings.TRUSTED_PROXIES == ["127.0.0.1/32", "::1/128"]
    assert settings.TRUSTED_HOSTS is None
    with pytest.raises(config.ConfigError, match=r"^TRUSTED_HOSTS is not set"):
        create_app({"APP_ENV": "production", "SECRET_KEY": GOOD_KEY}, environ={})


def test_every_bad_value_is_reported_at_once():
    with pytest.raises(config.ConfigError) as refused:
        config.config_for(
            "development",
            {"MAX_CONTENT_LENGTH": "0", "PROXY_COUNT": "one", "TRUSTED_HOSTS": "https://x.org"},
        )

    assert refused.value.problems == [
        "MAX_CONTENT_LENGTH='0' is not valid: set MAX_CONTENT_LENGTH to a whole number >= 1.",
        "PROXY_COUNT='one' is not valid: set PROXY_COUNT to a whole number >= 0.",
        "TRUSTED_HOSTS holds 'https://x.org', which is not a host name: list host names "
        "only, such as example.com,www.example.com (a leading dot allows subdomains).",
    ]


SOUND = {
    "SECRET_KEY": GOOD_KEY,
    "ADMIN_PASSWORD_HASH": ADMIN_PASSWORD_HASH,
    "TRUSTED_HOSTS": "example.com",
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0",
}
WITHOUT_TRUSTED_HOSTS = {name: value for name, value in SOUND.items() if name != "TRUSTED_HOSTS"}


def test_a_sound_production_environment_has_no_problems():
    assert production_problems(SOUND, debug=False) == []
    assert (
        production_problems(
            {**SOUND, "APP_ENV": "production", "PROXY_COUNT": "1", "TRUSTED_PROXIES": "10.0.0.2"},
            debug=False,
        )
        == []
    )
    # One worker counts sign-ins alone, so memory:// is enough there.
    one_worker = {**SOUND, "RATELIMIT_STORAGE_URI": "memory://", "WEB_CONCURRENCY": "1"}
    assert production_problems(one_worker, debug=False) == []


@pytest.mark.parametrize(
    ("environ", "debug", "expected_starts"),
    [
        ({**SOUND, "SECRET_KEY": ""}, False, ["SECRET_KEY is not set"]),
        (SOUND, True, ["Debug mode is on"]),
        ({**SOUND, "SECRET_KEY": "short-but-varied-key!"}, False, ["SECRET_KEY is weak"]),
        ({**SOUND, "SECRET_KEY": "k" * 64}, False, ["SECRET_KEY is weak"]),
        (
            {**SOUND, "APP_ENV": "development"},
            False,
            ["APP_ENV is 'development': set APP_ENV=production"],
        ),
        (
            {**WITHOUT_TRUSTED_HOSTS, "PROXY_COUNT": "1"},
            False,
            ["TRUSTED_HOSTS is not set: production answers only to its own host names"],
        ),
        (
            {**SOUND, "TRUSTED_PROXIES": "10.0.0.2, proxy.internal"},
            False,
            ["TRUSTED_PROXIES holds 'proxy.internal', which is not an IP address or network"],
        ),
        (
            {**SOUND, "RATELIMIT_STORAGE_URI": "memory://", "WEB_CONCURRENCY": "3"},
            False,
            ["RATELIMIT_STORAGE_URI is memory:// with 3 workers: each worker would count"],
        ),
        (
            {"SECRET_KEY": GOOD_KEY, "TRUSTED_HOSTS": "example.com"},
            False,
            [
                "ADMIN_PASSWORD_HASH is not set, so admin sign-in is switched off",
                # The write limits, counted by default, in each worker's memory.
                "RATELIMIT_STORAGE_URI is memory:// with",
            ],
        ),
        (
            {**SOUND, "ADMIN_PASSWORD_HASH": config.DEVELOPMENT_ADMIN_PASSWORD_HASH},
            False,
            ["ADMIN_PASSWORD_HASH is the development password's"],
        ),
        (
            {**SOUND, "ADMIN_PASSWORD_HASH": "hunter2"},
            False,
            ["ADMIN_PASSWORD_HASH is not a password hash: make one with"],
        ),
        (
            {"APP_ENV": "staging", "PROXY_COUNT": "-1"},
            True,
            ["APP_ENV is 'staging'", "PROXY_COUNT='-1' is not valid"],
        ),
        (
            {},
            True,
            [
                "SECRET_KEY is not set",
                "Debug mode is on",
                "TRUSTED_HOSTS is not set",
                "ADMIN_PASSWORD_HASH is not set",
                "RATELIMIT_STORAGE_URI is memory:// with",
            ],
        ),
    ],
)
def test_production_problems_names_each_problem(environ, debug, expected_starts):
    problems = production_problems(environ, debug=debug)

    assert len(problems) == len(expected_starts)
    for problem, start in zip(problems, expected_starts, strict=True):
        assert problem.startswith(start)


SIGN_IN_OFF = {name: value for name, value in SOUND.items() if name != "ADMIN_PASSWORD_HASH"}
PER_WORKER = {**SIGN_IN_OFF, "RATELIMIT_STORAGE_URI": "memory://", "WEB_CONCURRENCY": "4"}


def test_write_limits_counted_per_worker_are_a_problem_even_with_sign_in_off():
    problems = production_problems(PER_WORKER, debug=False)

    assert problems[-1] == (
        "RATELIMIT_STORAGE_URI is memory:// with 4 workers: each worker would count API "
        "writes (API_WRITE_LIMIT), Predict forms (PREDICT_FORM_LIMIT) alone, multiplying "
        "each limit by 4 (and forget them on restart). Set RATELIMIT_STORAGE_URI to a "
        "shared store such as redis://127.0.0.1:6379/0, or WEB_CONCURRENCY=1, or switch "
        "the write limits off (API_WRITE_LIMIT=off, PREDICT_FORM_LIMIT=off) with admin "
        "sign-in off."
    )


def test_no_limit_counted_means_no_per_worker_problem():
    limits_off = {**PER_WORKER, "API_WRITE_LIMIT": "off", "PREDICT_FORM_LIMIT": "off"}

    assert not [p for p in production_problems(limits_off, debug=False) if "memory://" in p]
    one_on = production_problems({**limits_off, "PREDICT_FORM_LIMIT": "5/minute"}, debug=False)
    assert "count Predict forms (PREDICT_FORM_LIMIT) alone" in one_on[-1]


def test_a_write_limit_switched_off_counts_nothing(tmp_path):
    app = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path), "PREDICT_FORM_LIMIT": "off"},
        environ={},
    )
    client = app.test_client()

    statuses = [
        client.post("/predict", data={"years_experience": "3"}).status_code for _ in range(40)
    ]

    assert statuses == [303] * 40


@pytest.mark.parametrize(
    "site_url", ["https://example.com/", "https://example.com:443", "HTTPS://Example.COM"]
)
def test_site_url_is_kept_as_browsers_write_the_origin(site_url):
    assert config.config_for("testing", {"SITE_URL": site_url}).SITE_URL == "https://example.com"


@pytest.mark.parametrize(
    "site_url", ["example.com", "https://example.com/shop", "ftp://example.com", "https://"]
)
def test_site_url_must_be_an_origin(site_url):
    with pytest.raises(config.ConfigError) as refused:
        config.config_for("testing", {"SITE_URL": site_url})

    assert str(refused.value) == (
        f"SITE_URL={site_url!r} is not an origin: set SITE_URL to the site's public "
        "address, such as https://example.com (scheme and host, a port if any, no path)."
    )


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://site:pw@db.example/site", "postgresql+psycopg://site:pw@db.example/site"),
        ("postgresql://db.example/site", "postgresql+psycopg://db.example/site"),
        ("postgresql+psycopg://db.example/site", "postgresql+psycopg://db.example/site"),
        ("sqlite:////data/site.sqlite3", "sqlite:////data/site.sqlite3"),
    ],
)
def test_database_urls_hosts_hand_out_mean_postgresql_through_psycopg(given, used):
    assert used == config.config_for("testing", {"DATABASE_URL": given}).DATABASE_URL


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "mongodb://db.example/site",
            "DATABASE_URL is not a database URL site_app can use: set it to "
            "sqlite:///path/to/file.sqlite3 or postgresql://user:password@host/name.",
        ),
        (
            "postgresql+psycopg2://db.example/site",
            "DATABASE_URL needs the postgresql driver 'psycopg2', which is not installed: "
            "install it, or use postgresql://... (psycopg 3 is included) or sqlite:///...",
        ),
    ],
)
def test_a_database_url_site_app_cannot_use_stops_start_up_with_one_line(given, message):
    with pytest.raises(config.ConfigError) as stopped:
        config.config_for("testing", {"DATABASE_URL": given})

    assert str(stopped.value) == message
