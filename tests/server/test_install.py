"""The ways people install the site, tried as they try them: a fresh clone with
`flask --app wsgi run`, and a wheel from `pip wheel .` served by gunicorn.

Both serve the French pages with nothing else done: the compiled catalogues are
committed (tests/test_translations.py keeps them equal to the .po files).
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.credentials import GOOD_KEY
from tests.languages import needs_french
from tests.processes import BIN, GIT, PROJECT_ROOT, clean_environment
from tools.production_server import free_port, wait_until_listening

# The navigation's first link, as the French catalogue writes it.
FRENCH_HOME_LINK = ">Accueil</a>"


@contextmanager
def started(command: list[str], cwd: Path, env: dict[str, str], port: int) -> Iterator[str]:
    """Run ``command``; yield its URL once it listens on ``port``; stop it by PID."""
    with (cwd / "server.log").open("w") as log:
        server = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log)
    try:
        wait_until_listening(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (loopback)
        return answer.status, answer.read().decode()


@needs_french  # the catalogues are what this is about
def test_a_fresh_clone_serves_both_languages_with_flask_run(tmp_path):
    """What git holds, nothing built: `flask --app wsgi run` serves / and /fr/."""
    clone = tmp_path / "clone"
    subprocess.run([GIT, "clone", "-q", str(PROJECT_ROOT), str(clone)], check=True)
    port = free_port()
    command = [str(BIN / "flask"), "--app", "wsgi", "run", "--port", str(port), "--no-reload"]
    # PYTHONPATH: the clone's package, as `pip install -e .` in the clone would give.
    environment = clean_environment(PYTHONPATH=str(clone), FLASK_SKIP_DOTENV="0")

    with started(command, clone, environment, port) as url:
        english, french = get(f"{url}/"), get(f"{url}/fr/")

    assert english[0] == 200
    assert '<html lang="en"' in english[1]
    assert french[0] == 200
    assert '<html lang="fr"' in french[1]
    assert FRENCH_HOME_LINK in french[1]


@needs_french
def test_a_wheel_installed_in_an_empty_environment_serves_french_under_gunicorn(tmp_path):
    """`pip wheel .`, installed on its own into a new virtual environment, then served
    the way the container serves it: wsgi.py and config.py beside the command."""
    built = subprocess.run(
        [
            str(BIN / "pip"),
            "wheel",
            "--quiet",
            "--no-deps",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(PROJECT_ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("site_app-*.whl")
    assert "site_app/translations/fr/LC_MESSAGES/messages.mo" in zipfile.ZipFile(wheel).namelist()

    # The environment gets no pip of its own (ensurepip takes seconds): this project's
    # pip installs into it (--python).
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [
            *(str(BIN / "pip"), "--python", str(python), "install"),
            *("--quiet", "--no-deps", "--no-index", str(wheel)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    # The site's dependencies come from the test environment's own packages (a path in a
    # .pth file): the site itself only from the wheel, since the editable install's
    # finder in that folder is never activated this way.
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site_packages, "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    served_from = tmp_path / "app"
    served_from.mkdir()
    for name in ("wsgi.py", "config.py"):
        (served_from / name).write_text((PROJECT_ROOT / name).read_text())
    port = free_port()
    environment = clean_environment(
        APP_ENV="production",
        SECRET_KEY=GOOD_KEY,
        TRUSTED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path}/site.sqlite3",
    )
    command = [str(python), "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "wsgi:app"]

    with started(command, served_from, environment, port) as url:
        where = subprocess.run(
            [str(python), "-c", "import site_app; print(site_app.__file__)"],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        status, french = get(f"{url}/fr/")

    assert where.startswith(site_packages)
    assert status == 200
    assert FRENCH_HOME_LINK in french
