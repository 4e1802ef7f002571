"""A real PostgreSQL server for the tests, on a free loopback port, stopped by PID.

Started from Debian's binaries (make test installs the postgresql package) in a
throwaway data folder. PostgreSQL refuses to run as root, so as root it runs as the
postgres user. With CI set, a missing server fails the run; locally it skips.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tools.local_services import as_server_user, postgres_binaries, wait_until_ready
from tools.production_server import free_port, wait_until_listening

SUPERUSER = "site_app"


class PostgresServer:
    """One PostgreSQL server on ``port`` over the data folder ``data``: it can be
    stopped and started again, as an operator restarts a database."""

    def __init__(self, binaries: Path, data: Path, port: int) -> None:
        self.binaries, self.data, self.port = binaries, data, port
        self.process: subprocess.Popen[bytes] | None = None
        self.url = f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/"

    def start(self) -> None:
        self.process = subprocess.Popen(
            as_server_user(
                [
                    str(self.binaries / "postgres"),
                    "-D", str(self.data),
                    "-p", str(self.port),
                    "-k", str(self.data),
                    "-c", "listen_addresses=127.0.0.1",
                    "-c", "fsync=off",
                ]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until_listening(self.port, self.process, timeout=30)
        wait_until_ready(self.binaries, self.port, SUPERUSER)

    def stop(self) -> None:
        """PostgreSQL's fast shutdown (SIGINT), which ends the clients' sessions as an
        outage would, sent to the server's own pid: as root, the process started is
        runuser, which passes no SIGINT on."""
        if self.process is not None:
            server_pid = int((self.data / "postmaster.pid").read_text().split()[0])
            os.kill(server_pid, signal.SIGINT)
            self.process.wait(timeout=30)
            self.process = None


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """A PostgreSQL server in a throwaway data folder, stopped by PID at the end."""
    binaries = postgres_binaries()
    if binaries is None:
        message = "PostgreSQL is missing: make test installs it (Debian's postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    data = Path(tempfile.mkdtemp(prefix="site-app-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    subprocess.run(
        as_server_user(
            [str(binaries / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust", "--no-sync"]
        ),
        check=True,
        capture_output=True,
    )
    server = PostgresServer(binaries, data, free_port())
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(data, ignore_errors=True)


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL prefix, postgresql+psycopg://site_app@127.0.0.1:PORT/."""
    with running_postgres() as server:
        yield server.url


def create_database(server_url: str, name: str) -> str:
    """A new, empty database on the server; its SQLAlchemy URL."""
    import psycopg

    plain = server_url.replace("postgresql+psycopg://", "postgresql://") + "postgres"
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url + name


def empty_database(url: str) -> None:
    """Drop every table, the migrations' record included, as if the database were new."""
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(url)
    try:
        existing = MetaData()
        existing.reflect(engine)
        existing.drop_all(engine)
    finally:
        engine.dispose()


def empty_tables(url: str) -> None:
    """Remove every row and start every id again from 1, keeping the schema and its
    migrations' record: a new database once migrated, made in milliseconds rather than
    the tenths of a second dropping the tables and migrating again takes."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            tables = [
                name for name in inspect(connection).get_table_names() if name != "alembic_version"
            ]
            if tables:
                connection.exec_driver_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
    finally:
        engine.dispose()
