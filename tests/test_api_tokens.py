"""API writes need a token (flask --app wsgi api-token ...); each token writes within
API_WRITE_LIMIT, and each address sends the Predict form within PREDICT_FORM_LIMIT."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import func, select

import config
from site_app import create_app
from site_app.models.database import close_database, engine_with_schema
from site_app.models.tables import incomes, predictions
from site_app.settings import ConfigError
from tests.databases import sqlite_url

# One example of every write the API takes, with a body that would be stored.
WRITES = [
    ("POST", "/api/incomes", {"description": "salary", "amount": 200}),
    ("POST", "/api/predict", {"years_experience": 3}),
    ("PUT", "/api/past_predictions/1", {"years_experience": 4}),
    ("PUT", "/api/past_predictions/last", {"years_experience": 5}),
    (
        "POST",
        "/api/rpc",
        {"jsonrpc": "2.0", "id": 1, "method": "Incomes.add", "params": ["gift", 5]},
    ),
]
NO_TOKEN_CHALLENGE = 'Bearer realm="site_app API"'
BAD_TOKEN_CHALLENGE = 'Bearer realm="site_app API", error=invalid_token'


def stored_rows(app) -> int:
    with app.app_context(), engine_with_schema().connect() as connection:
        count = select(func.count()).select_from
        return sum(
            connection.execute(count(table)).scalar_one() for table in (incomes, predictions)
        )


def send(client, method, path, body, **headers):
    return client.open(path, method=method, json=body, headers=headers)


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_a_write_without_a_token_gets_401_with_a_bearer_challenge(app, client, method, path, body):
    response = send(client, method, path, body)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == NO_TOKEN_CHALLENGE
    # REST errors and JSON-RPC error objects carry the same words.
    error = response.json["error"]
    message = response.json["message"] if error == "Unauthorized" else error["data"]["message"]
    assert "Authorization: Bearer <token>" in message
    assert stored_rows(app) == 0


@pytest.mark.parametrize(
    ("authorization", "challenge"),
    [
        # A token that is not one of ours: RFC 6750's invalid_token.
        ("Bearer not-a-token", BAD_TOKEN_CHALLENGE),
        ("Bearer " + "x" * 5000, BAD_TOKEN_CHALLENGE),
        # No bearer token at all: the plain challenge.
        ("bearer   ", NO_TOKEN_CHALLENGE),
        ("Basic YWRtaW46YWRtaW4=", NO_TOKEN_CHALLENGE),
        ("Token x", NO_TOKEN_CHALLENGE),
    ],
)
def test_a_write_with_a_wrong_credential_gets_401(app, client, authorization, challenge):
    response = client.post(
        "/api/incomes",
        json={"description": "salary", "amount": 200},
        headers={"Authorization": authorization},
    )

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == challenge
    assert stored_rows(app) == 0


def test_an_unknown_token_is_named_invalid(client):
    response = client.post("/api/predict", json={"years_experience": 1}, headers=bearer("nope"))

    assert response.headers["WWW-Authenticate"] == BAD_TOKEN_CHALLENGE
    assert response.json["message"] == (
        "This token is not valid: it may have been mistyped or revoked."
    )


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_a_valid_token_writes_and_a_revoked_one_no_longer_does(app, client, runner, api_token):
    first = client.post(
        "/api/incomes", json={"description": "a", "amount": 1}, headers=bearer(api_token)
    )
    assert first.status_code == 201
    assert first.headers["Location"] == "/api/incomes/1"

    assert runner.invoke(args=["api-token", "revoke", "tests"]).output == (
        "Revoked the API token 'tests'.\n"
    )
    second = client.post(
        "/api/incomes", json={"description": "b", "amount": 2}, headers=bearer(api_token)
    )

    assert second.status_code == 401
    assert second.headers["WWW-Authenticate"] == BAD_TOKEN_CHALLENGE
    listed = client.get("/api/incomes").json["items"]
    assert listed == [{"id": 1, "description": "a", "amount": 1.0}]


def test_reads_and_rpc_calls_that_only_read_need_no_token(client):
    assert client.get("/api/incomes").status_code == 200
    assert client.get("/api/past_predictions").status_code == 200
    call = {"jsonrpc": "2.0", "id": 1, "method": "Incomes.list"}
    assert client.post("/api/rpc", json=call).json["result"] == {"items": [], "next_after": None}


def test_a_batch_s_writing_call_needs_the_token_and_its_read_is_answered(app, client):
    batch = [
        {"jsonrpc": "2.0", "id": 1, "method": "Incomes.list"},
        {"jsonrpc": "2.0", "id": 2, "method": "Incomes.add", "params": ["gift", 5]},
    ]

    read, write = client.post("/api/rpc", json=batch).json

    assert read["result"] == {"items": [], "next_after": None}
    assert write["error"]["code"] == -32001
    assert stored_rows(app) == 0


def test_a_wrong_method_or_path_is_answered_as_such_before_any_token_check(client):
    assert client.delete("/api/incomes").status_code == 405
    assert client.post("/api/incomes/1", json={}).status_code == 405
    assert client.post("/api/nothing-here", json={}).status_code == 404


def test_anonymous_writes_past_the_write_limit_are_all_refused_and_store_nothing(app, client):
    """Twice the write limit's count (60 a minute) of each write: a refusal never turns
    into a 429 or a stored row however many come, and more of the same would run the
    same code."""
    statuses = {
        send(client, method, path, body).status_code
        for attempt in range(120)
        for method, path, body in WRITES
    }

    assert statuses == {401}
    assert stored_rows(app) == 0


# The command --------------------------------------------------------------------------


def test_create_prints_a_new_token_once_and_stores_only_its_hash(app, runner):
    result = runner.invoke(args=["api-token", "create", "reporting"])

    assert result.exit_code == 0
    token = result.stdout.strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    assert "cannot be shown again" in result.stderr
    with app.app_context(), engine_with_schema().connect() as connection:
        stored = connection.exec_driver_sql("SELECT name, token_hash FROM api_tokens").all()
    assert len(stored) == 1
    assert stored[0][0] == "reporting"
    assert token not in stored[0][1]


def test_list_shows_names_creation_and_last_use(client, runner):
    assert runner.invoke(args=["api-token", "list"]).output == (
        "No API tokens. Make one with flask --app wsgi api-token create NAME.\n"
    )
    token = runner.invoke(args=["api-token", "create", "reporting"]).stdout.strip()
    runner.invoke(args=["api-token", "create", "backup"])
    client.post("/api/predict", json={"years_experience": 1}, headers=bearer(token))

    lines = runner.invoke(args=["api-token", "list"]).output.splitlines()

    moment = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"
    assert re.fullmatch(rf"backup\tcreated {moment}\tlast used never", lines[0])
    assert re.fullmatch(rf"reporting\tcreated {moment}\tlast used {moment}", lines[1])
    assert len(lines) == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "A token's name is one line of 1 to 64 visible characters"),
        ("x" * 65, "A token's name is one line of 1 to 64 visible characters"),
        ("two\nlines", "A token's name is one line of 1 to 64 visible characters"),
    ],
)
def test_create_refuses_a_bad_name(runner, name, message):
    result = runner.invoke(args=["api-token", "create", name])

    assert result.exit_code == 1
    assert message in result.output


def test_create_refuses_a_name_in_use_and_revoke_an_unknown_one(runner):
    runner.invoke(args=["api-token", "create", "reporting"])

    taken = runner.invoke(args=["api-token", "create", "reporting"])
    unknown = runner.invoke(args=["api-token", "revoke", "nobody"])

    assert (taken.exit_code, unknown.exit_code) == (1, 1)
    assert "A token named 'reporting' exists already." in taken.output
    assert "No API token is named 'nobody'." in unknown.output


# Limits -------------------------------------------------------------------------------


@pytest.fixture
def limited_app(tmp_path):
    app = create_app(
        {
            "APP_ENV": "testing",
            "DATABASE_URL": sqlite_url(tmp_path),
            "API_WRITE_LIMIT": "3/minute",
            "PREDICT_FORM_LIMIT": "2/minute",
        },
        environ={},
    )
    yield app
    close_database(app)


def new_token(app, name):
    return app.test_cli_runner().invoke(args=["api-token", "create", name]).stdout.strip()


def test_writes_past_the_limit_get_429_with_retry_after(limited_app, caplog):
    client = limited_app.test_client()
    token, other = new_token(limited_app, "busy"), new_token(limited_app, "quiet")
    predict = {"years_experience": 2}

    statuses = [
        client.post("/api/predict", json=predict, headers=bearer(token)).status_code
        for _ in range(3)
    ]
    with caplog.at_level(logging.WARNING, logger="site_app"):
        refused = client.post("/api/predict", json=predict, headers=bearer(token))

    assert statuses == [201, 201, 201]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json["message"].startswith("Too many writes in a short time.")
    assert "Write refused" in caplog.text
    assert "API_WRITE_LIMIT" in caplog.text
    # Each token has a limit of its own.
    assert client.post("/api/predict", json=predict, headers=bearer(other)).status_code == 201
    assert stored_rows(limited_app) == 4


def test_a_batch_counts_each_writing_call(limited_app):
    client = limited_app.test_client()
    token = new_token(limited_app, "batcher")
    add = {"jsonrpc": "2.0", "method": "Incomes.add", "params": ["gift", 5]}
    batch = [{**add, "id": n} for n in range(4)]

    response = client.post("/api/rpc", json=batch, headers=bearer(token))

    # Each call in turn: the writes under the limit are stored, the rest refused.
    codes = [
        "result" if "result" in answer else answer["error"]["code"] for answer in response.json
    ]
    assert response.status_code == 200
    assert codes == ["result"] * 3 + [-32002]
    assert stored_rows(limited_app) == 3


def form_post(client, years="3"):
    return client.post("/predict", data={"years_experience": years})


def test_the_predict_form_is_limited_per_address(limited_app):
    client = limited_app.test_client()

    statuses = [form_post(client).status_code for _ in range(2)]
    refused = form_post(client)

    assert statuses == [303, 303]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "Too many writes in a short time." in refused.get_data(as_text=True)
    assert stored_rows(limited_app) == 2
    # Another address still may.
    other_address = limited_app.test_client()
    other_address.environ_base["REMOTE_ADDR"] = "192.0.2.9"
    assert form_post(other_address).status_code == 303


@pytest.mark.parametrize("value", ["lots", "0/minute", "-1/minute", "60/fortnight"])
def test_a_bad_limit_stops_start_up_with_one_line(value):
    with pytest.raises(ConfigError) as raised:
        config.config_for("testing", {"API_WRITE_LIMIT": value})

    assert str(raised.value) == (
        f"API_WRITE_LIMIT={value!r} is not a rate limit: set API_WRITE_LIMIT to a count "
        "per period, such as 60/minute or 10/second;500/hour, or to off."
    )


def test_every_write_route_of_the_api_is_tried_here(app):
    writes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(("api.", "rpc."))
        for method in rule.methods & {"POST", "PUT", "PATCH", "DELETE"}
    }

    assert writes == {
        ("POST", "/api/incomes"),
        ("POST", "/api/predict"),
        ("PUT", "/api/past_predictions/<int:prediction_id>"),
        ("PUT", "/api/past_predictions/last"),
        ("POST", "/api/rpc"),
    }
