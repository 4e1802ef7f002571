"""Throwaway databases for tests: every app a test makes gets its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from site_app.models.database import make_engine
from site_app.models.migrate import upgrade

DATABASE_FILE = "site_app.sqlite3"


def sqlite_url(folder: Path) -> str:
    """An SQLite database file in ``folder``, made on the app's first use."""
    return f"sqlite:///{folder / DATABASE_FILE}"


def copied_sqlite_url(migrated: Path, folder: Path) -> str:
    """A copy of the database file ``migrated`` in ``folder``: its URL."""
    shutil.copyfile(migrated, folder / DATABASE_FILE)
    return sqlite_url(folder)


def migrate(url: str) -> None:
    """Bring the database at ``url`` to the newest schema with the function
    ``flask --app wsgi db upgrade`` calls, as a deploy does before the app starts."""
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()  # the last connection out folds SQLite's write-ahead log into the file
