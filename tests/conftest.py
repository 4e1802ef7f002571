"""Fixtures shared by the whole suite, in the shape of the Flask tutorial's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from jinja2 import FileSystemBytecodeCache

from site_app import create_app
from site_app.models.database import close_database
from tests.databases import DATABASE_FILE, copied_sqlite_url, migrate, sqlite_url
from tests.html import SITE_NAME
from tests.postgres import create_database, empty_tables, postgres_server
from tests.processes import serve


@pytest.fixture(scope="session", autouse=True)
def templates_compiled_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every test makes its own app, and each app's Jinja environment would compile every
    template it renders again (about 20 ms a page, most of a page test's time). Jinja's
    own bytecode cache, given to every app through Flask's ``jinja_options``, lets an
    app load what an earlier one compiled; a template whose source changed is compiled
    again (the cache checks its checksum)."""
    cache = FileSystemBytecodeCache(str(tmp_path_factory.mktemp("jinja")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Flask, "jinja_options", {**Flask.jinja_options, "bytecode_cache": cache})
        yield


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests under tests/server/ start real servers: mark them so `make check` can leave
    them to `make test`."""
    server_tests = Path(__file__).parent / "server"
    for item in items:
        if item.path.is_relative_to(server_tests):
            item.add_marker(pytest.mark.server)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file at the newest schema, migrated once per test process.

    Hundreds of tests use a database, and migrating a new file takes about 10 ms (13 under
    coverage) where copying this one takes a fraction of one. Their apps still check the
    schema on first use (MIGRATE_ON_FIRST_USE) and find it current; migrating a new file
    on first use has its own test (tests/test_migrations.py).
    """
    folder = tmp_path_factory.mktemp("migrated")
    migrate(sqlite_url(folder))
    return folder / DATABASE_FILE


@pytest.fixture
def sqlite_database(migrated_database: Path, tmp_path: Path) -> str:
    """The URL of the test's own SQLite database, at the newest schema and empty."""
    return copied_sqlite_url(migrated_database, tmp_path)


@pytest.fixture
def app(sqlite_database: str) -> Iterator[Flask]:
    # Settings come through the factory, never by editing os.environ behind its back.
    app = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": sqlite_database, "SITE_NAME": SITE_NAME},
        environ={},
    )
    yield app
    close_database(app)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A test using this runs twice: on an SQLite file and on a real PostgreSQL database."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_database")
    url = request.getfixturevalue("postgres_database")
    # A database per test would cost ~0.2 s each to create: emptying the tables gives the
    # same start (no rows, ids from 1, the newest schema once the app has migrated it).
    # The migrations' own tests drop the tables (tests/test_migrations.py).
    empty_tables(url)
    return url


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[[], Flask]]:
    """Apps on the test's database; their connections are closed when the test ends."""
    apps: list[Flask] = []

    def make(**settings: Any) -> Flask:
        apps.append(
            create_app({"APP_ENV": "testing", "DATABASE_URL": database_url, **settings}, environ={})
        )
        return apps[-1]

    yield make
    for made in apps:
        close_database(made)


@pytest.fixture
def failing_app() -> Flask:
    """The test app handling its own exceptions, as production does, with a view that
    fails: GET /fails raises RuntimeError("secret internal detail")."""
    app = create_app({"APP_ENV": "testing", "PROPAGATE_EXCEPTIONS": False}, environ={})

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


@pytest.fixture
def api_token(app: Flask) -> str:
    """A valid API write token, made the way an operator makes one."""
    result = app.test_cli_runner().invoke(args=["api-token", "create", "tests"])
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


@pytest.fixture
def writer(app: Flask, api_token: str) -> FlaskClient:
    """A client that sends the API token with every request, as API clients that write do."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {api_token}"
    return client


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test app over real HTTP on a free loopback port, for the whole session."""
    database = sqlite_url(tmp_path_factory.mktemp("live_server"))
    app = create_app({"APP_ENV": "testing", "DATABASE_URL": database}, environ={})
    with serve(app) as url:
        yield url
    close_database(app)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A real PostgreSQL server for the session: a URL prefix to add a database name to."""
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def postgres_database(postgres: str) -> str:
    """One database on that server for the session's tests, which run one at a time."""
    return create_database(postgres, "site_app_tests")
