"""gunicorn, started for real on a free loopback port from a copy of the project."""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from site_app import create_app
from site_app.models.api_tokens import create_token
from site_app.models.database import close_database
from tests.credentials import GOOD_KEY
from tests.databases import migrate
from tests.processes import BIN, clean_environment, make_project_copy
from tools.local_services import end, start_redis
from tools.production_server import free_port, wait_until_listening

# Production settings for servers of several workers and no shared store: the write
# limits off, as production requires there (a test of the limits sets its own).
PRODUCTION = {
    "APP_ENV": "production",
    "SECRET_KEY": GOOD_KEY,
    "TRUSTED_HOSTS": "127.0.0.1",
    "API_WRITE_LIMIT": "off",
    "PREDICT_FORM_LIMIT": "off",
}


class Gunicorn:
    """One gunicorn master with its workers; stopped by PID when the test ends, or when
    a ``with`` block of it does (a module's shared server)."""

    def __init__(self, project: Path, app: str = "wsgi:app", **settings: str) -> None:
        self.port = free_port()
        self.project = project
        self.environment = environment = clean_environment(
            **{"BIND": f"127.0.0.1:{self.port}", **settings}
        )
        if app == "wsgi:app" and "DATABASE_URL" in settings:
            # As a deploy does: migrate once, then start the workers. In this process:
            # the command itself runs for real in the fleet's start and in
            # test_gunicorn.py, and a `flask` process costs a second of CPU where this
            # costs a hundredth.
            migrate(settings["DATABASE_URL"])
        # Logs go to files, not pipes: an unread pipe fills up after a few thousand
        # access-log lines and then blocks the workers that write to it.
        self.stdout_path = project / f"gunicorn-{self.port}.out"
        self.stderr_path = project / f"gunicorn-{self.port}.err"
        with self.stdout_path.open("w") as stdout, self.stderr_path.open("w") as stderr:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), app],
                cwd=project,
                env=environment,
                stdout=stdout,
                stderr=stderr,
            )

    def create_api_token(self, name: str) -> str:
        """A new API write token in this server's database, made by the function
        `flask --app wsgi api-token create` calls (the fleet's tests run the command)."""
        app = create_app(
            {"APP_ENV": "testing", "DATABASE_URL": self.environment["DATABASE_URL"]}, environ={}
        )
        try:
            with app.app_context():
                return create_token(name)
        finally:
            close_database(app)

    @property
    def pid(self) -> int:
        return self.process.pid

    def worker_pids(self) -> set[int]:
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        return {int(pid) for pid in children.read_text().split()}

    def wait_for_workers(self, count: int, timeout: float = 15) -> set[int]:
        """Wait until ``count`` workers answer; return their PIDs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited early:\n{self.stderr}")
            workers = self.worker_pids()
            if len(workers) == count and self.answers():
                return workers
            time.sleep(0.05)
        raise AssertionError(f"gunicorn did not get {count} workers within {timeout}s")

    def answers(self) -> bool:
        """True once a worker answers HTTP at all (a refused Host's 400 counts)."""
        try:
            self.get("/healthz")
        except OSError:
            return False
        return True

    def get(self, path: str, headers: dict[str, str] | None = None, timeout: float = 5):
        """(status, headers, body) of one GET over a new connection."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()

    def signal(self, signum: int) -> None:
        self.process.send_signal(signum)

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text()

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text()

    def __enter__(self) -> Gunicorn:
        return self

    def __exit__(self, *_exception: object) -> None:
        self.stop()

    def stop(self, timeout: float = 35) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project_copy(tmp_path)


@pytest.fixture
def start_gunicorn(project: Path) -> Iterator:
    """Start gunicorn servers for a test; every one is stopped when the test ends."""
    servers: list[Gunicorn] = []

    def start(app: str = "wsgi:app", workers: int = 2, **settings: str) -> Gunicorn:
        server = Gunicorn(project, app, WEB_CONCURRENCY=str(workers), **settings)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def need_redis_server() -> str:
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        message = "redis-server is missing: make test installs it (Debian's redis-server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return redis_server


@pytest.fixture
def fleet_redis(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Start a Redis in one of the fleet's roles ("limits", "cache": REDIS_ROLES), with a
    password, as make fleet does; its URL. Each is stopped by PID when the test ends."""
    need_redis_server()
    password = secrets.token_urlsafe(16)
    started: list[int] = []

    def start(role: str) -> str:
        pid, url = start_redis(tmp_path, role, password)
        started.append(pid)
        return url

    yield start
    for pid in started:
        end(pid)


@contextmanager
def running_redis() -> Iterator[str]:
    """A real Redis on a free loopback port, with nothing saved to disk; its URL. Stopped
    by PID when the block ends."""
    redis_server = need_redis_server()
    port = free_port()
    server = subprocess.Popen(
        [
            redis_server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_listening(port, server)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis for this test only."""
    with running_redis() as url:
        yield url
