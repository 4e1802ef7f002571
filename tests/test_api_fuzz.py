"""Fuzz the JSON API from its own OpenAPI document with schemathesis.

For every operation in /api/openapi.json, Hypothesis generates requests (valid ones,
and ones the document forbids) and schemathesis checks every answer: never a 500, and
status code, content type, headers and body as the document says. Writes carry a valid
token; schemathesis also sends each write without one and with a wrong one, and checks
that the API refuses them.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from site_app import create_app
from site_app.api.openapi import openapi_document

# The document the app serves (tests/test_api_reference.py checks that it is this one),
# written from the routes of an app.
with create_app({"APP_ENV": "testing"}, environ={}).app_context():
    schema = schemathesis.openapi.from_dict(openapi_document())

# Bounded: enough to find a 500 or a contradiction, few enough for a quick suite.
EXAMPLES_PER_OPERATION = 40


@pytest.fixture
def app(make_app):
    """On SQLite and on PostgreSQL (the database_url fixture): each refuses other things."""
    # Hypothesis sends more writes in a minute than the default API_WRITE_LIMIT allows.
    return make_app(API_WRITE_LIMIT="100000/minute")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    # No example database on disk: every run starts fresh, and writes nothing.
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_the_api_keeps_to_its_document(case, app, api_token):
    # The probes without a token go through the schema's own transport: the test's app.
    case.operation.schema.app = app
    case.call_and_validate(app=app, headers={"Authorization": f"Bearer {api_token}"})
