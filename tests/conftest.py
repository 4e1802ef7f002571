"""Fixtures shared by the whole suite, in the shape of the Flask tutorial's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from site_app import create_app
from tests.postgres import postgres_server
from tests.processes import serve


@pytest.fixture
def app() -> Flask:
    # Settings come through the factory, never by editing os.environ behind its back.
    return create_app({"APP_ENV": "testing"})


@pytest.fixture
def failing_app() -> Flask:
    """The test app handling its own exceptions, as production does, with a view that
    fails: GET /fails raises RuntimeError("secret internal detail")."""
    app = create_app({"APP_ENV": "testing", "PROPAGATE_EXCEPTIONS": False})

    @app.get("/fails")
    def fails() -> str:
        raise RuntimeError("secret internal detail")

    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The test app over real HTTP on a free loopback port, for the whole session."""
    with serve(create_app({"APP_ENV": "testing"})) as url:
        yield url


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A real PostgreSQL server for the session: a URL prefix to add a database name to."""
    with postgres_server() as url:
        yield url
