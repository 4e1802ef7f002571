"""Both nginx configurations (the fleet's rendering of deploy/nginx.conf.j2, and
compose's deploy/nginx.compose.conf) as gixy reads them: no misconfiguration it knows
(host spoofing, weak TLS, a missing HSTS header, descriptors) at any severity."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from tests.test_compose import LOCAL_FLEET
from tools import nginx_config
from tools.fleet import render_nginx


def gixy_problems(path) -> list[str]:
    checked = subprocess.run(
        [sys.executable, "-m", "gixy", "--format=json", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [f"{p['severity']} {p['plugin']}: {p['summary']}" for p in json.loads(checked.stdout)]


@pytest.fixture
def fleet_config(tmp_path):
    # The record test_compose.py compares with compose, in a folder of this test's.
    return render_nginx(replace(LOCAL_FLEET, directory=str(tmp_path)))


def test_gixy_finds_nothing_in_the_fleet_s_configuration(fleet_config):
    assert gixy_problems(fleet_config) == []


def test_gixy_finds_nothing_in_compose_s_configuration():
    assert gixy_problems(nginx_config.PROJECT_ROOT / "deploy" / "nginx.compose.conf") == []
