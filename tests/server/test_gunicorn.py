"""The production server for real: gunicorn.conf.py, pages, headers and start-up refusals."""

from __future__ import annotations

import http.client
import json
import subprocess
import time
from collections.abc import Iterator

import pytest

from site_app.middleware.security_headers import SECURITY_HEADERS
from site_app.settings.site import DEFAULT_SITE_NAME
from tests.processes import BIN, clean_environment, make_project_copy, run
from tests.server.conftest import PRODUCTION, Gunicorn
from tools.production_server import PROJECT_ROOT, free_port, wait_until_listening

PAGES = {
    "/": f"<h1>{DEFAULT_SITE_NAME}</h1>",
    "/hello/Ada": "<h1>Hello, Ada</h1>",
    "/users": "<h1>Users</h1>",
    "/login": "<h1>Sign in</h1>",
    "/guest/Zo%C3%AB": "<h1>Hello Zoë as Guest</h1>",
    "/about": f"<h1>About {DEFAULT_SITE_NAME}</h1>",
}


def test_production_without_secret_key_stops_with_one_line_a_problem(project):
    result = run(
        [str(BIN / "gunicorn"), "wsgi:app"],
        project,
        clean_environment(APP_ENV="production", BIND=f"127.0.0.1:{free_port()}"),
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]

    assert result.returncode == 1
    assert lines[-2].startswith(
        "Error: SECRET_KEY is not set: production needs a long random secret. Generate one "
        "with python3 -c 'import secrets; print(secrets.token_hex(32))'"
    )
    assert lines[-1].startswith("Error: TRUSTED_HOSTS is not set: production answers only")
    assert "Traceback" not in result.stderr


def test_production_with_debug_on_does_not_start(project):
    result = run(
        [str(BIN / "gunicorn"), "wsgi:app"],
        project,
        clean_environment(**PRODUCTION, FLASK_DEBUG="1", BIND=f"127.0.0.1:{free_port()}"),
    )

    assert result.returncode == 1
    assert "Error: Debug mode is on" in result.stderr


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gunicorn]:
    """One production server for the tests that only ask it for pages: each reads what
    its own requests got. Three workers, as WEB_CONCURRENCY says; two trusted host names
    (the loopback address these tests ask for, and a domain with its subdomains)."""
    project = make_project_copy(tmp_path_factory.mktemp("project"))
    trusted = {"TRUSTED_HOSTS": "127.0.0.1,.example.com"}
    with Gunicorn(project, WEB_CONCURRENCY="3", **{**PRODUCTION, **trusted}) as started:
        # Listening is enough for the tests that ask for pages; the worker count is a
        # test of its own.
        wait_until_listening(started.port, started.process)
        yield started


def test_production_serves_every_page_with_its_headers(server):
    for path, heading in PAGES.items():
        status, headers, body = server.get(path)
        assert status == 200, path
        assert heading in body, path
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value, (path, name)
        # Plain HTTP here: HSTS goes on answers over HTTPS only (RFC 6797).
        assert "Strict-Transport-Security" not in headers, path
    status, headers, _ = server.get("/user/admin")
    assert (status, headers["Location"]) == (302, "/admin")
    status, _, body = server.get("/no-such-page")
    assert status == 404
    assert "<h1>Page not found</h1>" in body


def access_log_lines_with(server: Gunicorn, request_id: str) -> list[dict]:
    """The access log's records of ``request_id``: a worker writes its line once the
    answer is sent, so it may come a moment after the client has read the answer."""
    deadline = time.monotonic() + 5
    while True:
        # Whole lines only: a worker may be writing the last one.
        lines = [line for line in server.stdout.splitlines(keepends=True) if line.endswith("\n")]
        records = [r for r in map(json.loads, lines) if r.get("request_id") == request_id]
        if records or time.monotonic() > deadline:
            return records
        time.sleep(0.05)


def test_access_log_lines_carry_the_request_id(server):
    _, headers, _ = server.get("/about", headers={"X-Request-ID": "trace-42"})
    records = access_log_lines_with(server, "trace-42")

    assert headers["X-Request-ID"] == "trace-42"
    assert len(records) == 1
    assert records[0]["path"] == "/about"
    assert records[0]["logger"] == "gunicorn.access"
    assert (records[0]["method"], records[0]["status"]) == ("GET", 200)
    assert records[0]["bytes"] > 0
    assert records[0]["duration_us"] > 0


def test_untrusted_host_is_refused_and_forwarded_headers_ignored(server):
    assert server.get("/", headers={"Host": "www.example.com"})[0] == 200
    assert server.get("/", headers={"Host": "evil.example"})[0] == 400
    # No proxy is trusted (PROXY_COUNT is not set): a client's own X-Forwarded-Host
    # cannot name a trusted host for it.
    forged = {"Host": "evil.example", "X-Forwarded-Host": "www.example.com"}
    assert server.get("/", headers=forged)[0] == 400


def test_web_concurrency_sets_the_worker_count(server):
    assert len(server.wait_for_workers(3)) == 3


def test_port_setting_listens_on_every_interface(project):
    """PORT is what platforms set; without BIND, gunicorn listens on 0.0.0.0:PORT."""
    port = free_port()
    environment = clean_environment(**PRODUCTION, PORT=str(port), WEB_CONCURRENCY="1")
    result = run(
        [
            str(BIN / "python"),
            "-c",
            "import runpy; print(runpy.run_path('gunicorn.conf.py')['bind'])",
        ],
        project,
        environment,
    )

    assert result.stdout.strip() == f"0.0.0.0:{port}"


def test_default_bind_is_loopback_port_8000(project):
    result = run(
        [
            str(BIN / "python"),
            "-c",
            "import runpy; print(runpy.run_path('gunicorn.conf.py')['bind'])",
        ],
        project,
        clean_environment(),
    )

    assert result.stdout.strip() == "127.0.0.1:8000"


def test_healthcheck_script_passes_against_a_live_server(server):
    """The script asks for the first trusted host's domain; with no server on the port
    it fails, saying why."""
    healthcheck = [str(BIN / "python"), "-m", "site_app.cli.healthcheck"]
    trusted = {"TRUSTED_HOSTS": ".example.com"}
    result = run(healthcheck, server.project, clean_environment(PORT=str(server.port), **trusted))

    assert result.returncode == 0, result.stderr
    # It asks with that name, not with the loopback address this server trusts too: a
    # first name the server does not trust fails the check.
    untrusted = clean_environment(PORT=str(server.port), TRUSTED_HOSTS="other.example")
    assert run(healthcheck, server.project, untrusted).returncode == 1
    nothing_there = clean_environment(PORT=str(free_port()), **trusted)
    down = run(healthcheck, server.project, nothing_there)
    assert down.returncode == 1
    assert down.stderr.startswith("unhealthy:")


def test_gunicorn_check_config_loads_the_app(project):
    result = subprocess.run(
        [str(BIN / "gunicorn"), "--check-config", "wsgi:app"],
        cwd=project,
        env=clean_environment(**PRODUCTION),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert result.returncode == 0, result.stderr


def test_the_deploy_guide_s_env_serves_under_gunicorn(project):
    """The first commands of docs/deploy.md, as written there, then gunicorn as
    `make serve` starts it: the site answers (no setting missing, none refused)."""
    guide = (PROJECT_ROOT / "docs" / "deploy.md").read_text()
    lines = [line for line in guide.splitlines() if line.startswith("echo ") and ">> .env" in line]
    assert len(lines) == 3
    subprocess.run(["/bin/bash", "-c", "\n".join(lines)], cwd=project, check=True)
    port = free_port()
    environment = clean_environment(FLASK_SKIP_DOTENV="0", BIND=f"127.0.0.1:{port}")
    subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi", "--no-debug", "db", "upgrade"],
        cwd=project,
        env=environment,
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "wsgi:app"],
        cwd=project,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_listening(port, server)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/about")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
