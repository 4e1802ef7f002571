"""``flask --app wsgi db upgrade | downgrade | current``: the schema's migrations.

Production runs ``db upgrade`` once per deploy, before gunicorn starts (the
Dockerfile's start does); development and testing also migrate on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import Engine

from site_app.models.database import make_engine, safe_url
from site_app.models.migrate import current_revision, downgrade, head_revision, upgrade

database_commands = AppGroup("db", help="Migrate the database schema (Alembic).")


@contextmanager
def app_engine() -> Iterator[Engine]:
    """An engine of its own on DATABASE_URL (running a migration is not a first use),
    closed when the command ends."""
    engine = make_engine(current_app.extensions["database"].url)
    try:
        yield engine
    finally:
        engine.dispose()


def where() -> str:
    return safe_url(current_app.extensions["database"].url)


@database_commands.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    """Migrate up to REVISION (default: the newest)."""
    with app_engine() as engine:
        upgrade(engine, revision)
        click.echo(f"Database at revision {current_revision(engine)}: {where()}")


@database_commands.command("downgrade")
@click.argument("revision")
def downgrade_command(revision: str) -> None:
    """Migrate down to REVISION ("base" removes every table)."""
    with app_engine() as engine:
        downgrade(engine, revision)
        click.echo(f"Database at revision {current_revision(engine) or 'base'}: {where()}")


@database_commands.command("current")
def current_command() -> None:
    """Show the database's revision and the newest one."""
    with app_engine() as engine:
        current = current_revision(engine)
    head = head_revision()
    state = "up to date" if current == head else "behind: run flask --app wsgi db upgrade"
    click.echo(f"{current or 'base'} (newest: {head}, {state})")
