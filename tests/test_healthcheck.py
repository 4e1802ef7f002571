"""The container health check against real servers; tests/server/ runs it as a command."""

from __future__ import annotations

from flask import Flask

from site_app import create_app
from site_app.cli.healthcheck import is_healthy
from tests.processes import serve
from tools.production_server import free_port


def port_of(url: str) -> str:
    return url.rsplit(":", 1)[1]


def test_healthy_when_the_site_answers_ok(live_server):
    port = port_of(live_server)

    assert is_healthy(port, f"127.0.0.1:{port}") is True


def test_asks_with_a_host_the_site_trusts():
    with serve(
        create_app({"APP_ENV": "testing", "TRUSTED_HOSTS": ["example.com"]}, environ={})
    ) as url:
        assert is_healthy(port_of(url), "example.com") is True
        assert is_healthy(port_of(url), "127.0.0.1") is False


def test_unhealthy_when_the_answer_is_not_ok():
    starting = Flask(__name__)
    starting.get("/healthz")(lambda: {"status": "starting"})

    with serve(starting) as url:
        assert is_healthy(port_of(url), "127.0.0.1") is False


def test_unhealthy_when_nothing_listens(capsys):
    assert is_healthy(free_port(), "127.0.0.1") is False
    assert capsys.readouterr().err.startswith("unhealthy: ")
