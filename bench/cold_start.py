"""How long ``import wsgi`` takes in production, beside creating a bare Flask app."""

from __future__ import annotations

import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BARE_FLASK = "import flask; app = flask.Flask('bare')"


def seconds_to_run(code: str, environment: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=environment, check=True)
    return time.perf_counter() - started


def cold_start_ratio(rounds: int = 7) -> tuple[float, float, float]:
    """(site seconds, bare Flask seconds, ratio): medians of alternating runs."""
    with tempfile.TemporaryDirectory() as folder:
        environment = {
            **os.environ,
            "APP_ENV": "production",
            "SECRET_KEY": secrets.token_hex(32),
            "TRUSTED_HOSTS": "localhost",
            "DATABASE_URL": f"sqlite:///{folder}/site.sqlite3",
        }
        environment.pop("FLASK_DEBUG", None)
        site, bare = [], []
        for _ in range(rounds):
            bare.append(seconds_to_run(BARE_FLASK, environment))
            site.append(seconds_to_run("import wsgi", environment))
    return (
        statistics.median(site),
        statistics.median(bare),
        statistics.median(site) / statistics.median(bare),
    )
