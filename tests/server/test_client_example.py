"""examples/client.py, run as a user runs it, against the real site under gunicorn."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from tests.processes import PROJECT_ROOT, clean_environment, run
from tests.server.conftest import PRODUCTION
from tools.production_server import free_port

CLIENT = PROJECT_ROOT / "examples" / "client.py"


def load_client_module():
    spec = importlib.util.spec_from_file_location("site_app_client", CLIENT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def site(start_gunicorn, project):
    database = project / "data" / "site_app.sqlite3"
    server = start_gunicorn(**PRODUCTION, DATABASE_URL=f"sqlite:///{database}")
    server.wait_for_workers(2)
    return server


def test_the_client_adds_lists_and_predicts(site, project):
    token = site.create_api_token("example client")
    result = run(
        [sys.executable, str(CLIENT), f"http://127.0.0.1:{site.port}"],
        project,
        clean_environment(SITE_APP_API_TOKEN=token),
    )
    _, _, predictions = site.get("/api/past_predictions")
    salary = json.loads(predictions)["items"][0]["salary"]

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Added income 1: Consulting, 1,250.50",
        "Incomes stored: 1",
        f"Prediction 1: 5 years of experience, a yearly salary of {salary:,.2f}",
        "Predictions stored: 1",
    ]
    assert json.loads(site.get("/api/incomes")[2])["items"] == [
        {"id": 1, "description": "Consulting", "amount": 1250.5}
    ]


def test_the_client_raises_the_apis_errors(site):
    client_module = load_client_module()
    anonymous = client_module.SiteAppClient(f"http://127.0.0.1:{site.port}")
    token = site.create_api_token("example client")
    client = client_module.SiteAppClient(f"http://127.0.0.1:{site.port}", token)

    with pytest.raises(client_module.ApiError, match="needs a token") as unauthorized:
        anonymous.add_income("Consulting", 1)
    with pytest.raises(client_module.ApiError, match="from 0 to 50") as refused:
        client.predict(-1)
    with pytest.raises(client_module.ApiError) as missing:
        client.correct_last_prediction(2)

    assert unauthorized.value.status == 401
    assert (refused.value.status, refused.value.field) == (400, "years_experience")
    assert (missing.value.status, missing.value.field) == (404, None)


def test_the_client_asks_for_a_token(project):
    result = run([sys.executable, str(CLIENT)], project, clean_environment())

    assert result.returncode == 1
    assert result.stderr == (
        "Set SITE_APP_API_TOKEN to an API token: the site's operator makes one with "
        "flask --app wsgi api-token create NAME.\n"
    )


def test_the_client_says_when_the_site_is_not_running(project):
    result = run(
        [sys.executable, str(CLIENT), f"http://127.0.0.1:{free_port()}"],
        project,
        clean_environment(SITE_APP_API_TOKEN="any"),
    )

    assert result.returncode == 1
    assert result.stderr.startswith("Cannot reach http://127.0.0.1:")
    assert result.stderr.endswith("is the site running? (make run)\n")
