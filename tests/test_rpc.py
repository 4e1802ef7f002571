"""JSON-RPC 2.0 at /api/rpc: the welcome, and incomes through the same checks and storage."""

from __future__ import annotations

import pytest

from site_app import create_app
from site_app.models.database import close_database
from tests.html import SITE_NAME


@pytest.fixture
def client(writer):
    """These tests write through the API as a client with a token does
    (tests/test_api_tokens.py is about clients without one)."""
    return writer


def call(client, method, params=None, call_id=1):
    body = {"jsonrpc": "2.0", "id": call_id, "method": method}
    if params is not None:
        body["params"] = params
    return client.post("/api/rpc", json=body)


def test_app_index_welcomes(client):
    response = call(client, "App.index")

    assert response.status_code == 200
    assert response.json == {
        "jsonrpc": "2.0",
        "id": 1,
        "result": f"Welcome to the JSON-RPC API of {SITE_NAME}",
    }


def test_incomes_added_by_rpc_are_the_rest_apis_incomes(client):
    added = call(client, "Incomes.add", {"description": " gift ", "amount": 50})
    client.post("/api/incomes", json={"description": "salary", "amount": 200})

    assert added.json["result"] == {"id": 1, "description": "gift", "amount": 50.0}
    assert client.get("/api/incomes/1").json == added.json["result"]
    assert call(client, "Incomes.list").json["result"] == client.get("/api/incomes").json


def test_parameters_may_be_given_by_position(client):
    response = call(client, "Incomes.add", ["gift", 5])

    assert response.json["result"] == {"id": 1, "description": "gift", "amount": 5.0}


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"amount": 5}, "description", "description must be a non-empty string."),
        (
            {"description": "  ", "amount": 5},
            "description",
            "description must be a non-empty string.",
        ),
        ({"description": "gift"}, "amount", "amount must be a number."),
        ({"description": "gift", "amount": True}, "amount", "amount must be a number."),
        (
            {"description": "gift", "amount": -5},
            "amount",
            "amount must be a finite number from 0 to 1e+12.",
        ),
    ],
)
def test_bad_parameters_get_invalid_params_naming_the_field(client, params, field, message):
    response = call(client, "Incomes.add", params)

    assert response.status_code == 200  # an error object is an answer, not an HTTP failure
    assert response.json["error"]["code"] == -32602
    assert response.json["error"]["data"] == {"field": field, "message": message}
    assert client.get("/api/incomes").json["items"] == []


def test_an_unknown_method_is_method_not_found(client):
    response = call(client, "Incomes.delete")

    assert response.status_code == 200
    assert response.json == {
        "jsonrpc": "2.0",
        "id": 1,
        "error": {
            "code": -32601,
            "message": "Method not found",
            "data": {"message": "There is no method named 'Incomes.delete'."},
        },
    }


def test_a_body_that_is_not_json_is_a_parse_error(client):
    response = client.post("/api/rpc", data="{not json", content_type="application/json")

    assert response.status_code == 200
    assert response.json == {
        "jsonrpc": "2.0",
        "id": None,
        "error": {
            "code": -32700,
            "message": "Parse error",
            "data": {"message": "The body is not valid JSON."},
        },
    }


def test_a_batch_gets_one_answer_per_call(client):
    batch = [
        {"jsonrpc": "2.0", "id": 1, "method": "App.index"},
        {"jsonrpc": "2.0", "id": 2, "method": "Incomes.list"},
    ]

    response = client.post("/api/rpc", json=batch)

    assert [answer["result"] for answer in response.json] == [
        f"Welcome to the JSON-RPC API of {SITE_NAME}",
        {"items": [], "next_after": None},
    ]


def test_get_is_405_in_json(client):
    response = client.get("/api/rpc")

    assert response.status_code == 405
    assert response.json["status"] == 405
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_a_failing_call_is_logged_and_answered_without_its_detail(tmp_path, caplog):
    # A database that cannot be opened: its folder would have to be made inside a file.
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    app = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": f"sqlite:///{blocker}/db.sqlite3"}, environ={}
    )

    response = call(app.test_client(), "Incomes.list")
    close_database(app)

    assert response.status_code == 200
    assert response.json == {
        "jsonrpc": "2.0",
        "id": 1,
        "error": {"code": -32603, "message": "Internal error"},
    }
    assert "JSON-RPC method Incomes.list failed" in caplog.text
    assert "NotADirectoryError" in caplog.text or "FileExistsError" in caplog.text
