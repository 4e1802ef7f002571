"""The data layer: one SQLAlchemy Core engine per app and process (tables in tables.py).

DATABASE_URL picks the database: unset, an SQLite file in the Flask instance folder;
``postgresql+psycopg://…`` for PostgreSQL. SQLite runs in WAL mode with a busy timeout,
so several gunicorn workers can read while one writes.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import CursorResult, make_url

from site_app.models.migrate import upgrade

# A list answer holds at most this many items, whatever the table holds: one request
# must never cost a worker memory in proportion to the whole table.
MAX_LIST_LENGTH = 500

# The largest id an Integer column holds on every engine (PostgreSQL's is 32-bit).
MAX_ID = 2**31 - 1


def inserted_id(result: CursorResult[Any]) -> int:
    """The id the database gave the row ``result`` inserted."""
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - every table here has an integer primary key
        raise LookupError("The insert returned no primary key.")
    return int(key[0])


def possible_id(value: int) -> bool:
    """Whether a row could have this id. A larger one (from a URL) would not find
    "no row" but fail inside the database driver."""
    return 0 <= value <= MAX_ID


# How long an SQLite writer waits for another one to finish, in milliseconds.
SQLITE_BUSY_TIMEOUT_MS = 5000


@dataclass
class DatabaseState:
    url: str
    engine: Engine | None = None
    # The engine of a forked gunicorn worker must not reuse its parent's connections.
    owner_pid: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def register_database(app: Flask) -> None:
    url = app.config["DATABASE_URL"] or default_sqlite_url(app)
    app.extensions["database"] = DatabaseState(url=url)


def default_sqlite_url(app: Flask) -> str:
    return f"sqlite:///{Path(app.instance_path) / 'site_app.sqlite3'}"


def engine_with_schema() -> Engine:
    """This process's engine, made on first use.

    In development and testing (MIGRATE_ON_FIRST_USE) first use also brings the schema
    up to date; in production ``flask --app wsgi db upgrade`` does, once per deploy.
    """
    state: DatabaseState = current_app.extensions["database"]
    with state.lock:
        if state.engine is None or state.owner_pid != os.getpid():
            state.engine = make_engine(state.url)
            state.owner_pid = os.getpid()
            if current_app.config["MIGRATE_ON_FIRST_USE"]:
                upgrade(state.engine)
    return state.engine


def close_database(app: Flask) -> None:
    """Close this app's pooled connections: at the end of a test, or of a process."""
    state: DatabaseState = app.extensions["database"]
    with state.lock:
        if state.engine is not None:
            state.engine.dispose()
            state.engine = None


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get a busy timeout and the write-ahead log."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    sqlite_engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(sqlite_engine, "connect")
    def on_connect(connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        use_write_ahead_log(cursor)
        cursor.close()

    return sqlite_engine


def use_write_ahead_log(cursor: sqlite3.Cursor) -> None:
    """Put the database in WAL mode, once: SQLite keeps the mode in the file.

    Switching modes ignores the busy timeout: when two workers open a new file at the
    same moment, one is told "database is locked" at once. So it waits and tries again,
    for as long as the busy timeout would have waited.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)
