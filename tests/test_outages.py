"""Stores that are down: 503 with Retry-After and one warning line, never a 500 or a
traceback; and the site serves again by itself once they are back."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from site_app import create_app
from site_app.models.database import close_database, engine_with_schema
from tests.credentials import GOOD_KEY
from tests.databases import sqlite_url
from tests.html import heading
from tests.languages import needs_french
from tests.postgres import create_database, running_postgres
from tools.production_server import free_port

RPC_READ = {"jsonrpc": "2.0", "method": "Incomes.list", "id": 1}
UNAVAILABLE = "The site cannot reach the data it needs right now. Wait a moment, then try again."


def nothing_listens() -> str:
    return f"127.0.0.1:{free_port()}"


def assert_unavailable(response, title: str = "Temporarily unavailable") -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    if response.mimetype == "text/html":
        assert heading(response) == title


def outage_lines(caplog) -> list[str]:
    """The warning lines logged, and proof that no traceback was."""
    assert not [record for record in caplog.records if record.exc_info]
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_database_that_does_not_answer_gets_503_everywhere_it_is_needed(caplog):
    url = f"postgresql+psycopg://site_app@{nothing_listens()}/site_app"
    client = create_app({"APP_ENV": "testing", "DATABASE_URL": url}, environ={}).test_client()

    api = client.get("/api/incomes")
    page = client.get("/predict")
    rpc = client.post("/api/rpc", json=RPC_READ)

    for response in (api, page, rpc):
        assert_unavailable(response)
    assert api.json == {"error": "Temporarily unavailable", "message": UNAVAILABLE, "status": 503}
    assert rpc.json["error"] == {
        "code": -32005,
        "message": "Service unavailable",
        "data": {"message": UNAVAILABLE, "retry_after": 30},
    }
    lines = outage_lines(caplog)
    assert len(lines) == 3
    assert all(line.startswith("Answered 503: the database does not answer: ") for line in lines)


@needs_french
def test_the_outage_page_speaks_the_page_s_language(caplog):
    url = f"postgresql+psycopg://site_app@{nothing_listens()}/site_app"
    client = create_app({"APP_ENV": "testing", "DATABASE_URL": url}, environ={}).test_client()

    assert_unavailable(client.get("/fr/predict"), title="Momentanément indisponible")
    assert len(outage_lines(caplog)) == 1


def test_a_production_database_never_migrated_gets_503_naming_the_command(tmp_path, caplog):
    app = create_app(
        {
            "APP_ENV": "production",
            "SECRET_KEY": GOOD_KEY,
            "TRUSTED_HOSTS": ["localhost"],
            "DATABASE_URL": sqlite_url(tmp_path),
        },
        environ={},
    )

    assert_unavailable(app.test_client().get("/api/incomes"))
    assert outage_lines(caplog) == [
        "Answered 503: the database schema is at revision base, the code needs 0002: run "
        "flask --app wsgi db upgrade."
    ]


def test_a_rate_limit_store_that_does_not_answer_gets_503_for_writes(app, writer, caplog):
    down = create_app(
        {
            "APP_ENV": "testing",
            "DATABASE_URL": app.config["DATABASE_URL"],
            "RATELIMIT_STORAGE_URI": f"redis://{nothing_listens()}/0",
        },
        environ={},
    )
    client = down.test_client()
    client.environ_base.update(writer.environ_base)

    assert_unavailable(client.post("/api/predict", json={"years_experience": 3}))
    assert_unavailable(client.post("/predict", data={"years_experience": "3"}))
    assert_unavailable(client.post("/login", data={"username": "admin", "password": "x"}))
    assert client.get("/predict").status_code == 200  # reading needs no limit
    lines = outage_lines(caplog)
    assert len(lines) == 3
    assert all(
        line.startswith("Answered 503: the rate-limit store (RATELIMIT_STORAGE_URI) does not ")
        for line in lines
    )


def test_any_other_database_error_is_a_bug_answered_500_and_logged_with_its_traceback(
    tmp_path, caplog
):
    app = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": sqlite_url(tmp_path), "PROPAGATE_EXCEPTIONS": False},
        environ={},
    )

    @app.get("/broken-query")
    def broken_query() -> str:
        with engine_with_schema().connect() as connection:
            connection.execute(text("SELEC 1"))
        return "unreachable"

    response = app.test_client().get("/broken-query")

    assert response.status_code == 500
    assert [record.exc_info is not None for record in caplog.records] == [True]


@pytest.mark.postgres
def test_the_site_serves_again_once_the_database_is_back_without_a_restart(caplog):
    with running_postgres() as server:
        url = create_database(server.url, "outage")
        app = create_app({"APP_ENV": "testing", "DATABASE_URL": url}, environ={})
        client = app.test_client()
        assert client.get("/api/incomes").status_code == 200

        server.stop()
        during = [client.get("/api/incomes"), client.get("/predict")]
        during.append(client.post("/api/rpc", json=RPC_READ))
        server.start()
        after = [client.get("/api/incomes"), client.get("/predict")]
        after.append(client.post("/api/rpc", json=RPC_READ))
        close_database(app)

    for response in during:
        assert_unavailable(response)
    assert [response.status_code for response in after] == [200, 200, 200]
    assert len(outage_lines(caplog)) == 3
