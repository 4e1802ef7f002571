"""The production server for real: gunicorn on a free loopback port, stopped by its PID."""

from __future__ import annotations

import http.client
import signal
import subprocess

import pytest

from tests.processes import (
    BIN,
    clean_environment,
    free_port,
    make_project_copy,
    run,
    wait_until_listening,
)

PAGES = {
    "/": "<h1>site_app</h1>",
    "/welcome": "<h1>Welcome to an amazing Flask App!</h1>",
    "/goodbye": "<h1>Thanks for looking around. Come back again soon!</h1>",
    "/hello/Ada": "<h1>Hello, Ada</h1>",
    "/users": "<h1>Users</h1>",
    "/admin": "<h1>Hello Admin</h1>",
    "/guest/Zo%C3%AB": "<h1>Hello Zoë as Guest</h1>",
    "/about": "<h1>About site_app</h1>",
}


@pytest.fixture
def project(tmp_path):
    return make_project_copy(tmp_path)


def request(port: int, path: str) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def test_production_without_secret_key_does_not_start(project):
    result = run(
        [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{free_port()}", "wsgi:app"],
        project,
        clean_environment(APP_ENV="production"),
    )

    assert result.returncode != 0
    assert "SECRET_KEY is not set: production needs a long random secret." in result.stderr


def test_production_with_secret_key_serves_every_page(project):
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "2", "wsgi:app"],
        cwd=project,
        env=clean_environment(APP_ENV="production", SECRET_KEY="k" * 64),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_listening(port, server)
        for path, heading in PAGES.items():
            status, _, body = request(port, path)
            assert status == 200, path
            assert heading in body, path
        status, headers, _ = request(port, "/user/admin")
        assert (status, headers["Location"]) == (302, "/admin")
        status, _, body = request(port, "/no-such-page")
        assert status == 404
        assert "<h1>Page not found</h1>" in body
    finally:
        server.send_signal(signal.SIGTERM)
        _, errors = server.communicate(timeout=15)
    assert server.returncode == 0, errors
