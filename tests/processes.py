"""Run this project's real commands (python, flask, gunicorn) as a user would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GIT = shutil.which("git") or "git"

# Settings the tests choose for themselves, never inherited from the caller's shell:
# every one .env.example lists, and the flask command's own.
PROJECT_VARIABLES = frozenset(
    re.findall(r"^# ([A-Z][A-Z0-9_]*)=", (PROJECT_ROOT / ".env.example").read_text(), re.M)
) | {"FLASK_APP", "FLASK_DEBUG", "FLASK_SKIP_DOTENV"}


def make_project_copy(destination: Path) -> Path:
    """A throwaway copy of the project root, so each test writes its own .env.

    config.py is copied, not linked: it loads the .env that sits beside it.
    """
    for name in ("config.py", "wsgi.py", ".flaskenv", "gunicorn.conf.py"):
        shutil.copy2(PROJECT_ROOT / name, destination / name)
    (destination / "site_app").symlink_to(PROJECT_ROOT / "site_app")
    return destination


def clean_environment(**settings: str) -> dict[str, str]:
    """The caller's environment without the project's settings, plus ``settings``.

    No ``.env`` file is read either (``FLASK_SKIP_DOTENV=1``, which config.py honours as
    the flask command does): a test that is about .env passes ``FLASK_SKIP_DOTENV="0"``.
    """
    environment = {k: v for k, v in os.environ.items() if k not in PROJECT_VARIABLES}
    environment.pop("PYTHONPATH", None)
    environment["FLASK_SKIP_DOTENV"] = "1"
    environment.update(settings)
    return environment


def run(
    command: list[str], cwd: Path, env: Mapping[str, str], timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def last_line(output: str) -> str:
    return output.strip().splitlines()[-1]


def whole_answers(app: Flask) -> Callable[..., Iterable[bytes]]:
    """``app``, each answer's body read whole and closed before it is sent.

    Werkzeug's development server leaves a file answer (a static file) open when the
    browser drops the connection while the server drains it, as Chromium does with the
    /favicon.ico it fetches for a JSON page; the open file then fails a later test with
    a ResourceWarning. Bodies here are small, so reading them whole costs nothing.
    """

    def serve_whole(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        answer = app(environ, start_response)
        try:
            return [b"".join(answer)]
        finally:
            if hasattr(answer, "close"):
                answer.close()

    return serve_whole


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Serve ``app`` over real HTTP from a thread on a free loopback port; yield its URL."""
    server = make_server("127.0.0.1", 0, whole_answers(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
