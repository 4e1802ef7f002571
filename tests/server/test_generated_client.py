"""A client nobody here wrote: openapi-python-client generates one from the document the
real server serves, and it adds, lists and reads incomes with no path fixed by hand."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from tests.processes import BIN
from tests.server.conftest import PRODUCTION

PACKAGE = "generated_site_app_client"


@pytest.fixture
def generated(start_gunicorn, project, tmp_path):
    server = start_gunicorn(**PRODUCTION, DATABASE_URL=f"sqlite:///{project / 'site.sqlite3'}")
    server.wait_for_workers(2)
    address = f"http://127.0.0.1:{server.port}"
    subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--url",
            f"{address}/api/openapi.json",
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
        # Its formatting step looks for ruff on PATH.
        env={"PATH": f"{BIN}:/usr/bin:/bin"},
    )
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE), address, server.create_api_token("generated")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
            del sys.modules[name]


def test_a_generated_client_writes_with_its_token_and_reads_pages(generated):
    package, address, token = generated
    add_income, list_incomes, get_income = (
        importlib.import_module(f"{PACKAGE}.api.default.{name}")
        for name in ("add_income", "list_incomes", "get_income")
    )
    models = importlib.import_module(f"{PACKAGE}.models")
    writer = package.AuthenticatedClient(base_url=address, token=token)
    anonymous = package.Client(base_url=address)

    added = add_income.sync_detailed(
        client=writer, body=models.NewIncome(description="Consulting", amount=1250.5)
    )
    add_income.sync(client=writer, body=models.NewIncome(description="Gift", amount=50))
    refused = add_income.sync_detailed(
        client=anonymous, body=models.NewIncome(description="Spam", amount=1)
    )
    first_page = list_incomes.sync(client=anonymous, limit=1)
    second_page = list_incomes.sync(client=anonymous, limit=1, after=first_page.next_after)
    missing = get_income.sync(client=anonymous, income_id=99)

    assert added.status_code == 201
    assert added.headers["Location"] == "/api/incomes/1"
    assert (added.parsed.id, added.parsed.description, added.parsed.amount) == (
        1,
        "Consulting",
        1250.5,
    )
    assert refused.status_code == 401
    assert refused.parsed.message.startswith("Writing through the API needs a token")
    assert [item.description for item in first_page.items] == ["Consulting"]
    assert first_page.next_after == 1
    assert [item.description for item in second_page.items] == ["Gift"]
    assert second_page.next_after is None
    assert missing.message == "No income with id 99."
