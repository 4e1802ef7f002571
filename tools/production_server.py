"""Run an app under the real gunicorn, with gunicorn.conf.py and production settings.

For ``make bench``, ``make audit`` and ``make screenshots``: the site as it is deployed,
on a free loopback port, with a throwaway SECRET_KEY and a throwaway SQLite database.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def production_server(
    app: str = "wsgi:app", directory: Path = PROJECT_ROOT, workers: int = 2
) -> Iterator[str]:
    """Serve ``app`` from ``directory``; yield its base URL; stop it by PID afterwards."""
    port = free_port()
    database_folder = tempfile.TemporaryDirectory(prefix="site_app-")
    environment = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "TRUSTED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{database_folder.name}/site_app.sqlite3",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(workers),
        # Several workers and no shared store: production runs so only with the write
        # limits off (settings/checks.py), which a throwaway server can afford.
        "API_WRITE_LIMIT": "off",
        "PREDICT_FORM_LIMIT": "off",
        # gunicorn.conf.py imports config.py, which an app served from another folder
        # (make bench's minimal app, in bench/) does not have beside it.
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    environment.pop("FLASK_DEBUG", None)
    if app == "wsgi:app":  # as a deploy does: migrate once, then start the workers
        flask = [str(GUNICORN.parent / "flask"), "--app", "wsgi", "--no-debug", "db", "upgrade"]
        subprocess.run(flask, cwd=directory, env=environment, check=True, capture_output=True)
    command = [str(GUNICORN), "--config", str(PROJECT_ROOT / "gunicorn.conf.py"), app]
    # Access logs go nowhere: a terminal or a full pipe would slow the server down.
    server = subprocess.Popen(
        command, cwd=directory, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        try:
            wait_until_listening(port, server)
        except RuntimeError as error:
            server.kill()
            raise SystemExit(f"gunicorn: {error}\n{server.stderr.read().decode()}") from None
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        database_folder.cleanup()


def wait_until_listening(
    port: int, process: subprocess.Popen | None = None, timeout: float = 15
) -> None:
    """Return once something accepts connections on ``port``; fail if ``process`` (the
    server expected to listen, when given) died.

    A connection accepted is enough: gunicorn binds only after loading the app, and
    holds early requests in the socket's backlog until a worker takes them.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listened on port {port} within {timeout}s")
