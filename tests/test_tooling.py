"""The project's tooling agrees with itself: lock files, ranges, linters, make targets."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.processes import PROJECT_ROOT
from tools.chromium import find_chromium

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text()


# A pinned line of a lock file: name[extras]==version, the extras kept for pip's sake.
PIN = r"^([A-Za-z0-9_.\-]+)(?:\[[\w,\-]+\])?==([^\s;]+)"


def locked_versions(lock_file: str) -> dict[str, str]:
    text = (PROJECT_ROOT / "requirements" / lock_file).read_text()
    return {canonicalize_name(name): version for name, version in re.findall(PIN, text, re.M)}


def ranges(*extras: str) -> list[Requirement]:
    requirements = [Requirement(line) for line in PYPROJECT["project"]["dependencies"]]
    for extra in extras:
        requirements += [
            Requirement(line)
            for line in PYPROJECT["project"]["optional-dependencies"][extra]
            if not line.startswith("site_app")
        ]
    return requirements


@pytest.mark.parametrize(
    ("lock_file", "extras"),
    [("main.txt", ("postgresql",)), ("dev.txt", ("postgresql", "dev"))],
)
def test_each_lock_file_pins_every_dependency_inside_its_range(lock_file, extras):
    locked = locked_versions(lock_file)

    for requirement in ranges(*extras):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is missing from requirements/{lock_file}: make lock"
        assert requirement.specifier.contains(locked[name]), (
            f"requirements/{lock_file} pins {name}=={locked[name]}, outside "
            f"{requirement.specifier} in pyproject.toml: make lock"
        )


# The fewest pins each lock file holds: a pattern that matched nothing would pass.
@pytest.mark.parametrize(
    ("lock_file", "fewest"), [("main.txt", 10), ("dev.txt", 10), ("uv.txt", 1)]
)
def test_every_pin_carries_its_hashes_so_every_install_checks_them(lock_file, fewest):
    """pip and uv install a file with hashes in hash-checking mode: a package whose
    download differs from the one locked is refused (pip's "Secure installs")."""
    text = (PROJECT_ROOT / "requirements" / lock_file).read_text()
    hashed = re.findall(
        PIN + r"(?: ;[^\\\n]*)? \\\n(?:\s+--hash=sha256:[0-9a-f]{64}.*\n)+",
        text,
        re.M,
    )

    pins = re.findall(PIN, text, re.M)

    assert len(hashed) == len(pins) >= fewest


def test_the_runtime_lock_holds_no_development_tool():
    locked = locked_versions("main.txt")

    assert {"pytest", "ruff", "mypy", "playwright"}.isdisjoint(locked)
    assert {"flask", "gunicorn", "sqlalchemy", "psycopg"} <= set(locked)


def test_installs_come_from_the_lock_files_with_their_hashes():
    assert "$(UV_INSTALL) --require-hashes -r requirements/main.txt" in MAKEFILE
    assert "$(UV_INSTALL) --require-hashes -r requirements/dev.txt" in MAKEFILE
    assert "$(BIN)/python -m pip install --quiet -r requirements/uv.txt" in MAKEFILE
    # The package itself never pulls in an unlocked version.
    assert MAKEFILE.count("$(UV_INSTALL) --no-deps -e .") == 2
    assert MAKEFILE.count("pip install") == 2  # uv.txt above, and UV_INSTALL's definition


def test_the_installer_lock_pins_uv_alone_inside_its_range():
    (uv_range,) = (Requirement(line) for line in PYPROJECT["dependency-groups"]["installer"])
    locked = locked_versions("uv.txt")

    assert list(locked) == ["uv"]
    assert uv_range.specifier.contains(locked["uv"])


def make_lint_commands() -> list[str]:
    recipe = MAKEFILE.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    return [line.strip().replace("$(BIN)/", "") for line in recipe.splitlines()[1:]]


def test_pre_commit_runs_the_linters_of_make_lint():
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text())
    entries = [hook["entry"].replace(".venv/bin/", "") for hook in config["repos"][0]["hooks"]]

    # The hook fixes what make lint only checks; the tool and its settings are the same.
    assert [entry.replace(" --fix", "") for entry in entries] == [
        command.replace(" --check", "").removesuffix(" .") for command in make_lint_commands()
    ]
    assert make_lint_commands() == ["ruff check .", "ruff format --check .", "mypy"]


def test_make_s_commands_may_keep_compiled_modules():
    """With PYTHONDONTWRITEBYTECODE set (container images and many machines set it),
    pytest could keep none of the modules whose asserts it rewrites, and each of its
    processes would rewrite them all again (docs/dependencies.md)."""
    probe = [
        "make",
        "--no-print-directory",
        "--eval",
        'probe: ; @echo "[$$PYTHONDONTWRITEBYTECODE]"',
    ]
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}

    shown = subprocess.run(
        [*probe, "probe"], cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True
    )

    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == "[]\n"


@pytest.fixture
def browsers_on_path(tmp_path, monkeypatch):
    """Debian's two Chromium commands, as empty stand-ins, alone on PATH."""
    for name in ("chromium", "chromium-headless-shell"):
        (tmp_path / name).touch(mode=0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHROME_PATH", raising=False)
    return tmp_path


def test_the_browser_tests_take_the_headless_shell_and_the_audit_the_full_browser(
    browsers_on_path, monkeypatch
):
    shell, full = browsers_on_path / "chromium-headless-shell", browsers_on_path / "chromium"
    assert find_chromium(headless_shell=True) == str(shell)
    assert find_chromium() == str(full)

    # CHROME_PATH, the setting Lighthouse reads too, wins over both.
    monkeypatch.setenv("CHROME_PATH", str(full))
    assert find_chromium(headless_shell=True) == str(full)

    # Without the headless shell the tests run in the full browser.
    monkeypatch.delenv("CHROME_PATH")
    shell.unlink()
    assert find_chromium(headless_shell=True) == str(full)
