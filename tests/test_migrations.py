"""Migrations on SQLite and PostgreSQL: empty -> newest -> empty, and they match tables.py."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from site_app import create_app
from site_app.models.database import close_database
from site_app.models.migrate import head_revision
from site_app.models.tables import metadata
from tests.databases import sqlite_url
from tests.postgres import empty_database

TABLES = {"incomes", "predictions", "admin_sessions", "api_tokens"}


@pytest.fixture
def database_url(database_url: str) -> str:
    """These tests start from a database with no table at all, as a new one."""
    empty_database(database_url)
    return database_url


@pytest.fixture
def production_app(database_url):
    """Production settings: nothing migrates on first use, only the db commands do."""
    app = create_app(
        {
            "APP_ENV": "production",
            "SECRET_KEY": "k" * 64,
            "TRUSTED_HOSTS": ["localhost"],
            "DATABASE_URL": database_url,
        },
        environ={},
    )
    yield app
    close_database(app)


def tables_in(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_makes_the_schema_and_downgrade_base_removes_it(production_app, database_url):
    runner = production_app.test_cli_runner()

    assert runner.invoke(args=["db", "current"]).output == (
        f"base (newest: {head_revision()}, behind: run flask --app wsgi db upgrade)\n"
    )
    upgraded = runner.invoke(args=["db", "upgrade"])
    assert upgraded.exit_code == 0
    assert upgraded.output.startswith(f"Database at revision {head_revision()}: ")
    assert tables_in(database_url) == TABLES | {"alembic_version"}
    assert runner.invoke(args=["db", "current"]).output == (
        f"{head_revision()} (newest: {head_revision()}, up to date)\n"
    )

    downgraded = runner.invoke(args=["db", "downgrade", "base"])
    assert downgraded.exit_code == 0
    assert downgraded.output.startswith("Database at revision base: ")
    assert tables_in(database_url) == {"alembic_version"}


def test_the_migrations_and_tables_py_agree(production_app, database_url):
    """No pending autogenerate diff: a change to tables.py needs its migration."""
    production_app.test_cli_runner().invoke(args=["db", "upgrade"])
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
    finally:
        engine.dispose()


def test_a_database_from_before_migrations_is_adopted_with_its_rows(tmp_path):
    """Tables made on first use by an older version: kept, and the rest added."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE incomes (id INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL,"
            " amount FLOAT NOT NULL, created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL)"
        )
        old.execute("INSERT INTO incomes (description, amount) VALUES ('kept', 1)")
    app = create_app({"APP_ENV": "testing", "DATABASE_URL": f"sqlite:///{path}"}, environ={})

    assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    assert app.test_client().get("/api/incomes").json["items"] == [
        {"id": 1, "description": "kept", "amount": 1.0}
    ]
    close_database(app)
    assert tables_in(f"sqlite:///{path}") == TABLES | {"alembic_version"}


def test_production_does_not_migrate_on_first_use(production_app, database_url):
    production_app.test_client().get("/api/incomes")

    assert tables_in(database_url) == set()


@pytest.mark.parametrize("app_env", ["development", "testing"])
def test_development_and_testing_migrate_on_first_use(tmp_path, app_env):
    url = sqlite_url(tmp_path)  # a file no one has made yet, as on a fresh clone
    app = create_app({"APP_ENV": app_env, "DATABASE_URL": url}, environ={})

    assert app.test_client().get("/api/incomes").json["items"] == []
    close_database(app)
    assert tables_in(url) == TABLES | {"alembic_version"}
