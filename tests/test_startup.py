"""Start-up as users meet it: real processes, a real .env file, real environment variables.

Each test runs in a throwaway copy of the project root, so a developer's own .env never
changes the outcome.
"""

from __future__ import annotations

import os
import signal
import subprocess
import urllib.request

import pytest

from tests.credentials import ADMIN_PASSWORD_HASH, GOOD_KEY
from tests.processes import (
    BIN,
    clean_environment,
    last_line,
    make_project_copy,
    run,
)
from tools.production_server import free_port, wait_until_listening

PRINT_SETTINGS = "import wsgi; print(wsgi.app.config['APP_ENV'], wsgi.app.config['SECRET_KEY'])"
SECRET_KEY_MISSING = "SECRET_KEY is not set: production needs a long random secret."
TRUSTED_HOSTS_MISSING = "Error: TRUSTED_HOSTS is not set: production answers only"
# The commands the site adds to flask: the check-config plugin and the app's own.
SITE_COMMANDS = {"api-token", "check-config", "db", "hash-password", "new-section"}


def user_environment(**settings: str) -> dict[str, str]:
    """As a user's shell has it: the copy's .env and .flaskenv are read."""
    return clean_environment(FLASK_SKIP_DOTENV="0", **settings)


@pytest.fixture
def project(tmp_path):
    return make_project_copy(tmp_path)


def python(project, code: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "python"), "-c", code], project, user_environment(**settings))


def test_dotenv_file_is_loaded(project):
    (project / ".env").write_text(
        "APP_ENV=production\nSECRET_KEY=from-the-dotenv-file\nTRUSTED_HOSTS=localhost\n"
    )

    result = python(project, PRINT_SETTINGS)

    assert result.returncode == 0, result.stderr
    assert result.stdout == "production from-the-dotenv-file\n"


def test_site_name_in_dotenv_names_every_page(project):
    (project / ".env").write_text('SITE_NAME="Acme Widgets"\n')
    code = (
        "import wsgi; from bs4 import BeautifulSoup; client = wsgi.app.test_client()\n"
        "for path in ('/', '/about', '/no-such-page'):\n"
        "    page = BeautifulSoup(client.get(path).text, 'html.parser')\n"
        "    print(page.title.get_text(), '|', page.select_one('.brand').get_text())"
    )

    result = python(project, code, APP_ENV="testing")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Home · Acme Widgets | Acme Widgets",
        "About · Acme Widgets | Acme Widgets",
        "Page not found (404) · Acme Widgets | Acme Widgets",
    ]


def test_environment_beats_dotenv_file(project):
    (project / ".env").write_text(
        "APP_ENV=production\nSECRET_KEY=from-the-dotenv-file\nTRUSTED_HOSTS=localhost\n"
    )

    result = python(project, PRINT_SETTINGS, APP_ENV="development", SECRET_KEY="from-the-shell")

    assert result.returncode == 0, result.stderr
    assert result.stdout == "development from-the-shell\n"


def test_no_settings_at_all_means_production_which_needs_a_secret_key(project):
    result = python(project, "import wsgi")

    assert result.returncode == 1
    assert f"site_app.settings.ConfigError: {SECRET_KEY_MISSING}" in result.stderr
    assert last_line(result.stderr).startswith(TRUSTED_HOSTS_MISSING)


def test_unknown_app_env_stops_start_up_listing_valid_values(project):
    result = python(project, "import wsgi", APP_ENV="staging")

    assert result.returncode == 1
    assert last_line(result.stderr) == (
        "site_app.settings.ConfigError: APP_ENV='staging' is not a known environment: "
        "set APP_ENV to one of development, testing, production."
    )


def test_production_refuses_flask_debug(project):
    result = python(
        project, "import wsgi", APP_ENV="production", SECRET_KEY="k" * 64, FLASK_DEBUG="1"
    )

    assert result.returncode == 1
    assert "ConfigError: Debug mode is on" in result.stderr


def test_flask_routes_lists_every_endpoint_on_a_fresh_clone(project, app):
    result = run([str(BIN / "flask"), "--app", "wsgi", "routes"], project, user_environment())
    endpoints = {line.split()[0] for line in result.stdout.splitlines()[2:]}

    assert result.returncode == 0, result.stderr
    assert endpoints == set(app.view_functions)
    assert {"pages.index", "static"} <= endpoints


def test_flask_command_refuses_production_without_secret_key(project):
    result = run(
        [str(BIN / "flask"), "--app", "wsgi", "routes"],
        project,
        user_environment(APP_ENV="production"),
    )

    # One line a problem, no traceback; .flaskenv's FLASK_DEBUG=1 is one of them.
    assert result.returncode == 1
    assert [line.split(" is ")[0] for line in result.stderr.splitlines()] == [
        "Error: SECRET_KEY",
        "Error: Debug mode",
        "Error: TRUSTED_HOSTS",
    ]
    assert result.stderr.startswith(f"Error: {SECRET_KEY_MISSING}")


def test_flask_run_with_production_in_dotenv_says_each_problem_on_a_line(project):
    """The deploy guide's first step on a laptop: APP_ENV=production in .env, then
    `flask --app wsgi run` (whose .flaskenv turns debug on). No traceback."""
    (project / ".env").write_text("APP_ENV=production\n")

    result = run([str(BIN / "flask"), "--app", "wsgi", "run"], project, user_environment())

    assert result.returncode == 1
    assert [line.split(" is ")[0] for line in result.stderr.splitlines()] == [
        "Error: SECRET_KEY",
        "Error: Debug mode",
        "Error: TRUSTED_HOSTS",
    ]


def test_flask_help_lists_every_site_command_on_a_fresh_clone(project):
    """No .env: `--help` loads the app before Flask reads .flaskenv, and must still
    find it in development."""
    result = run([str(BIN / "flask"), "--app", "wsgi", "--help"], project, user_environment())
    listed = result.stdout.split("Commands:")[1]
    commands = {line.split()[0] for line in listed.splitlines() if line.strip()}

    assert result.returncode == 0
    assert result.stderr == ""
    assert commands >= SITE_COMMANDS


def test_flask_run_on_a_fresh_clone_serves_in_development_with_debug(project):
    """What `make run` does: no .env, only the committed .flaskenv."""
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "flask"), "--app", "wsgi", "run", "--port", str(port)],
        cwd=project,
        env=user_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the reloader starts a child: stop the whole group
    )
    try:
        wait_until_listening(port, server)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/about", timeout=5) as response:
            page = response.read().decode()
        assert response.status == 200
        assert "This copy runs as <strong>development</strong>" in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=10)
    assert "Debug mode: on" in output


def check_config(project, **settings: str) -> subprocess.CompletedProcess[str]:
    return run(
        [str(BIN / "flask"), "--app", "wsgi", "check-config"],
        project,
        user_environment(**settings),
    )


def test_check_config_passes_a_sound_production_environment(project):
    # Single-quoted in .env, as hash-password prints it: the hash holds "$" characters.
    (project / ".env").write_text(
        f"SECRET_KEY={GOOD_KEY}\nADMIN_PASSWORD_HASH='{ADMIN_PASSWORD_HASH}'\n"
        "TRUSTED_HOSTS=example.com\nRATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0\n"
    )

    result = check_config(project, APP_ENV="production", FLASK_DEBUG="0")

    assert result.returncode == 0, result.stderr
    assert result.stdout == "Production settings: no problems found.\n"


def test_check_config_lists_every_problem_even_when_the_app_cannot_start(project):
    """A fresh clone as the flask command sees it: .flaskenv's development settings."""
    result = check_config(project, PROXY_COUNT="1")
    lines = result.stderr.splitlines()

    assert result.returncode == 1
    assert lines[0] == "Production settings: 6 problem(s)."
    assert [line.split(":")[0] for line in lines[1:]] == [
        "- APP_ENV is 'development'",
        "- SECRET_KEY is not set",
        "- Debug mode is on (FLASK_DEBUG or --debug), but production never runs with the debugger",
        "- TRUSTED_HOSTS is not set",
        "- ADMIN_PASSWORD_HASH is not set, so admin sign-in is switched off",
        "- RATELIMIT_STORAGE_URI is memory",
    ]
    assert "Traceback" not in result.stderr
