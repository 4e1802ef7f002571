"""Request ids on every response and in every log line; tracebacks logged, never shown."""

from __future__ import annotations

import json
import re

import pytest
from flask import current_app

from site_app import create_app

TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}")


def records(stderr: str) -> list[dict]:
    """Each line of the log as the JSON object it must be."""
    return [json.loads(line) for line in stderr.splitlines()]


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
    app = create_app({"APP_ENV": "testing"}, environ={})

    @app.get("/logs")
    def logs():
        current_app.logger.warning("something to note")
        return "ok"

    app.test_client().get("/logs", headers={"X-Request-ID": "trace-1"})
    with app.app_context():
        app.logger.info("outside any request")

    logged = records(capsys.readouterr().err)

    assert [(r["level"], r["request_id"], r["logger"], r["message"]) for r in logged] == [
        ("WARNING", "trace-1", "site_app", "something to note"),
        ("INFO", "-", "site_app", "outside any request"),
    ]
    assert all(TIME.fullmatch(record["time"]) for record in logged)


def test_a_500_is_logged_with_its_traceback_on_one_line(capsys):
    app = create_app({"APP_ENV": "testing", "PROPAGATE_EXCEPTIONS": False}, environ={})

    @app.get("/fails")
    def fails():
        raise ValueError("hidden detail")

    response = app.test_client().get("/fails", headers={"X-Request-ID": "trace-500"})
    lines = capsys.readouterr().err.splitlines()
    errors = [record for record in records("\n".join(lines)) if record["level"] == "ERROR"]

    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "trace-500"
    assert "hidden detail" not in response.get_data(as_text=True)
    assert len(lines) == len(errors) == 1
    assert errors[0]["request_id"] == "trace-500"
    assert errors[0]["message"] == "Exception on /fails [GET]"
    assert errors[0]["exc_info"].startswith("Traceback (most recent call last):\n")
    assert errors[0]["exc_info"].endswith("ValueError: hidden detail")
