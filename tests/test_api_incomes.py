"""/api/incomes on SQLite and PostgreSQL: list, add, read back; every bad input a JSON 4xx."""

from __future__ import annotations

import pytest

from site_app import create_app
from tests.api import invalid_input


@pytest.fixture
def client(writer):
    """These tests write through the API as a client with a token does
    (tests/test_api_tokens.py is about clients without one)."""
    return writer


NOT_ONE_LINE = "description must be one line, without control, line-break or direction characters."


@pytest.fixture
def app(make_app):
    """Every test here runs on SQLite and on PostgreSQL (the database_url fixture)."""
    return make_app()


def test_the_list_starts_empty(client):
    response = client.get("/api/incomes")

    assert response.status_code == 200
    assert response.json == {"items": [], "next_after": None}
    assert "Link" not in response.headers


def test_an_income_is_added_and_read_back(client):
    created = client.post("/api/incomes", json={"description": "  salary ", "amount": 200})

    assert created.status_code == 201
    assert created.json == {"id": 1, "description": "salary", "amount": 200.0}
    assert created.headers["Location"] == "/api/incomes/1"
    assert client.get("/api/incomes/1").json == created.json
    assert client.get("/api/incomes").json["items"] == [created.json]


def test_incomes_are_listed_in_the_order_they_came(client):
    for description, amount in [("salary", 200), ("dividends", 12.5), ("gift", 0)]:
        client.post("/api/incomes", json={"description": description, "amount": amount})

    assert [item["description"] for item in client.get("/api/incomes").json["items"]] == [
        "salary",
        "dividends",
        "gift",
    ]


def test_incomes_survive_a_restart(make_app, client):
    client.post("/api/incomes", json={"description": "salary", "amount": 200})

    restarted = make_app()

    assert restarted.test_client().get("/api/incomes").json["items"][0]["description"] == "salary"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"amount": 1}, "description", "description must be a non-empty string."),
        (
            {"description": "", "amount": 1},
            "description",
            "description must be a non-empty string.",
        ),
        (
            {"description": "   ", "amount": 1},
            "description",
            "description must be a non-empty string.",
        ),
        ({"description": 7, "amount": 1}, "description", "description must be a non-empty string."),
        (
            {"description": "x" * 201, "amount": 1},
            "description",
            "description must be at most 200 characters.",
        ),
        (
            {"description": " " + "x" * 200, "amount": 1},
            "description",
            "description must be at most 200 characters.",
        ),
        (
            {"description": "nul\x00byte", "amount": 1},
            "description",
            NOT_ONE_LINE,
        ),
        (
            {"description": "two\nlines", "amount": 1},
            "description",
            NOT_ONE_LINE,
        ),
        (
            {"description": "one\u2028line", "amount": 1},
            "description",
            NOT_ONE_LINE,
        ),
        (
            {"description": "rent \u202etneconni", "amount": 1},
            "description",
            NOT_ONE_LINE,
        ),
        (
            {"description": "\u200b\ufeff\u3164", "amount": 1},
            "description",
            "description must hold at least one visible character.",
        ),
        (
            {"description": "half a pair \ud800", "amount": 1},
            "description",
            "description must be valid Unicode text (it holds a lone surrogate).",
        ),
        ({"description": "x"}, "amount", "amount must be a number."),
        ({"description": "x", "amount": "200"}, "amount", "amount must be a number."),
        ({"description": "x", "amount": True}, "amount", "amount must be a number."),
        ({"description": "x", "amount": None}, "amount", "amount must be a number."),
        ({"description": "x", "amount": [1]}, "amount", "amount must be a number."),
        (
            {"description": "x", "amount": -1},
            "amount",
            "amount must be a finite number from 0 to 1e+12.",
        ),
        (
            {"description": "x", "amount": 1e13},
            "amount",
            "amount must be a finite number from 0 to 1e+12.",
        ),
        ({"description": "x", "amount": 1, "id": 5}, "id", "Unknown field: 'id'."),
    ],
)
def test_bad_fields_get_400_naming_the_field(client, body, field, message):
    response = client.post("/api/incomes", json=body)

    assert response.status_code == 400
    assert response.json == invalid_input(field, message)
    assert client.get("/api/incomes").json["items"] == []


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_no_amount(client, number):
    body = f'{{"description": "x", "amount": {number}}}'

    response = client.post("/api/incomes", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json["field"] == "amount"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "The body is not valid JSON."),
        ("", "The body is not valid JSON."),
        ("[1, 2]", "The body must be a JSON object."),
        ('"salary"', "The body must be a JSON object."),
        ("null", "The body must be a JSON object."),
    ],
)
def test_bodies_that_are_no_json_object_get_400(client, data, message):
    response = client.post("/api/incomes", data=data, content_type="application/json")

    assert response.status_code == 400
    assert response.json["message"] == message


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_bodies_that_are_not_json_get_415(client, content_type):
    response = client.post("/api/incomes", data="description=x&amount=1", content_type=content_type)

    assert response.status_code == 415
    assert response.headers["Accept"] == "application/json"
    assert response.json["message"] == "Send the body as JSON, with Content-Type: application/json."


def test_oversized_bodies_get_413_in_json(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 100

    response = client.post("/api/incomes", json={"description": "x" * 200, "amount": 1})

    assert response.status_code == 413
    assert response.json == {
        "error": "Request too large",
        "message": "The request's body is larger than this server accepts (MAX_CONTENT_LENGTH).",
        "status": 413,
    }


def test_wrong_methods_get_405_in_json(client):
    response = client.delete("/api/incomes")

    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS", "POST"}


@pytest.mark.parametrize("path", ["/api/nothing", "/api/incomes/999", "/api/incomes/x", "/api/"])
def test_unknown_api_paths_get_404_in_json_even_for_browsers(client, path):
    response = client.get(path, headers={"Accept": "text/html"})

    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.json["status"] == 404


def test_an_unknown_income_is_named_in_the_404(client):
    response = client.get("/api/incomes/7")

    assert response.status_code == 404
    assert response.json == {"error": "Not found", "message": "No income with id 7.", "status": 404}


def test_the_api_takes_writes_from_other_sites(client):
    """Its writes carry a token in a header (conftest's client sends one), which no other
    site can make a browser send; so, unlike the site's forms, it answers other sites."""
    from_elsewhere = {"Sec-Fetch-Site": "cross-site", "Origin": "https://app.example"}
    response = client.post(
        "/api/incomes", json={"description": "x", "amount": 1}, headers=from_elsewhere
    )

    assert response.status_code == 201


def test_the_default_database_is_a_file_in_the_instance_folder():
    app = create_app({"APP_ENV": "testing"}, environ={})

    assert app.extensions["database"].url == f"sqlite:///{app.instance_path}/site_app.sqlite3"


def test_missing_folders_of_an_sqlite_file_are_made(tmp_path):
    nested = tmp_path / "data" / "site"
    app = create_app(
        {"APP_ENV": "testing", "DATABASE_URL": f"sqlite:///{nested}/app.sqlite3"}, environ={}
    )

    assert app.test_client().get("/api/incomes").json["items"] == []
    assert (nested / "app.sqlite3").exists()
