"""/api/openapi.json as two OpenAPI linters nobody here wrote read it: Redocly CLI with
its recommended rules and Spectral with its ``spectral:oas`` rules. Neither may report
an error (their warnings ask for more prose: descriptions, tags, a contact)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tools.production_server import PROJECT_ROOT

pytestmark = pytest.mark.node
BIN = PROJECT_ROOT / "node_modules" / ".bin"


def linter(name: str) -> str:
    program = BIN / name
    if shutil.which("node") is None or not program.exists():
        message = f"{name} is missing: make test installs it (npm, package.json)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return str(program)


@pytest.fixture
def document(client, tmp_path):
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(client.get("/api/openapi.json").json))
    return path


def run(command: list[str], folder) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)


def test_redocly_recommended_rules_find_no_error(document, tmp_path):
    result = run(
        [linter("redocly"), "lint", str(document), "--extends=recommended", "--format=json"],
        tmp_path,
    )

    problems = json.loads(result.stdout)["problems"]
    errors = [f"{p['ruleId']}: {p['message']}" for p in problems if p["severity"] == "error"]
    assert errors == []
    assert result.returncode == 0, result.stderr


def test_spectral_oas_rules_find_no_error(document, tmp_path):
    ruleset = tmp_path / "spectral.yaml"
    ruleset.write_text('extends: ["spectral:oas"]\n')

    result = run(
        [linter("spectral"), "lint", str(document), "--ruleset", str(ruleset), "--format=json"],
        tmp_path,
    )

    # Spectral's severities: 0 is an error, 1 a warning.
    problems = json.loads(result.stdout)
    errors = [f"{p['code']}: {p['message']}" for p in problems if p["severity"] == 0]
    assert errors == []
    assert result.returncode == 0, result.stderr
