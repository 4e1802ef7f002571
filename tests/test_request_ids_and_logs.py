"""Request ids on every response and in every log line; tracebacks logged, never shown."""

from __future__ import annotations

import re

import pytest
from flask import current_app

from site_app import create_app

LOG_LINE = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (?P<level>[A-Z]+) \[(?P<id>[^\]]+)\] "
    r"site_app: (?P<message>.*)"
)


def test_each_response_gets_a_fresh_request_id(client):
    first = client.get("/").headers["X-Request-ID"]
    second = client.get("/no-such-page").headers["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert re.fullmatch(r"[0-9a-f]{32}", second)
    assert first != second


def test_a_plain_incoming_request_id_is_kept(client):
    response = client.get("/", headers={"X-Request-ID": "edge-7f3a.42:abc"})

    assert response.headers["X-Request-ID"] == "edge-7f3a.42:abc"


@pytest.mark.parametrize("hostile", ["", "has spaces", "x" * 129, "<script>", "a;b", "é"])
def test_an_odd_incoming_request_id_is_replaced(client, hostile):
    response = client.get("/", headers={"X-Request-ID": hostile})

    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_log_lines_carry_level_and_request_id(capsys):
    app = create_app({"APP_ENV": "testing"})

    @app.get("/logs")
    def logs():
        current_app.logger.warning("something to note")
        return "ok"

    app.test_client().get("/logs", headers={"X-Request-ID": "trace-1"})
    with app.app_context():
        app.logger.info("outside any request")

    lines = capsys.readouterr().err.splitlines()
    matches = [LOG_LINE.fullmatch(line) for line in lines]
    assert [(m["level"], m["id"], m["message"]) for m in matches if m] == [
        ("WARNING", "trace-1", "something to note"),
        ("INFO", "-", "outside any request"),
    ]


def test_a_500_is_logged_with_its_traceback_on_one_line(capsys):
    app = create_app({"APP_ENV": "testing", "PROPAGATE_EXCEPTIONS": False})

    @app.get("/fails")
    def fails():
        raise ValueError("hidden detail")

    response = app.test_client().get("/fails", headers={"X-Request-ID": "trace-500"})
    error_lines = [line for line in capsys.readouterr().err.splitlines() if " ERROR " in line]

    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "trace-500"
    assert "hidden detail" not in response.get_data(as_text=True)
    assert len(error_lines) == 1
    line = LOG_LINE.fullmatch(error_lines[0])
    assert line["id"] == "trace-500"
    assert line["message"].startswith("Exception on /fails [GET]\\nTraceback (most recent call")
    assert line["message"].endswith("ValueError: hidden detail")
