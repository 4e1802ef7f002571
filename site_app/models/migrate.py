"""Schema migrations (Alembic) for the app's database: upgrade, downgrade, where it is.

The migration scripts live in ``migrations/versions``, written from ``tables.py``.
``flask --app wsgi db ...`` (site_app/cli/database.py) calls these; so does the first
use of the database in development and testing (MIGRATE_ON_FIRST_USE), so a fresh
clone needs no extra step. Production migrates once per deploy, before the workers
start, never from a worker.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is on; None for a database never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@cache  # the scripts do not change under a running process
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def is_behind(current: str | None) -> bool:
    """True when the database lacks migrations this code needs: never migrated, or at a
    revision of this code's own history short of its head.

    A revision this code does not know was written by a newer release, which migrates
    before its processes replace these (a rolling release: migrations keep the previous
    release working, docs/database.md); this code still serves on it.
    """
    if current == head_revision():
        return False
    return current is None or current in known_revisions()


@cache
def known_revisions() -> frozenset[str]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return frozenset(script.revision for script in scripts.walk_revisions())
