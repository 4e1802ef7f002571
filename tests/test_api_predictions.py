"""/api/predict and /api/past_predictions: predict, store, list, correct; bad input a JSON 4xx."""

from __future__ import annotations

import pytest

from tests.api import invalid_input


@pytest.fixture
def client(writer):
    """These tests write through the API as a client with a token does
    (tests/test_api_tokens.py is about clients without one)."""
    return writer


PUT_PATHS = ["/api/past_predictions/1", "/api/past_predictions/last"]


@pytest.fixture
def app(make_app):
    """Every test here runs on SQLite and on PostgreSQL (the database_url fixture)."""
    return make_app()


@pytest.fixture
def model(app):
    return app.extensions["salary_model"]


def predict(client, years):
    return client.post("/api/predict", json={"years_experience": years})


def test_a_prediction_is_made_stored_and_read_back(client, model):
    created = predict(client, 5)

    assert created.status_code == 201
    assert created.json == {"id": 1, "years_experience": 5.0, "salary": model.predict(5)}
    assert created.headers["Location"] == "/api/past_predictions/1"
    assert client.get("/api/past_predictions/1").json == created.json
    assert client.get("/api/past_predictions").json["items"] == [created.json]


def test_past_predictions_are_listed_oldest_first(client):
    for years in (1, 2.5, 0):
        predict(client, years)

    listed = client.get("/api/past_predictions").json["items"]

    assert [item["years_experience"] for item in listed] == [1, 2.5, 0]
    assert [item["id"] for item in listed] == [1, 2, 3]


def test_a_correction_replaces_the_input_and_predicts_again(client, model):
    predict(client, 5)
    predict(client, 7)

    corrected = client.put("/api/past_predictions/1", json={"years_experience": 2})

    assert corrected.status_code == 200
    assert corrected.json == {"id": 1, "years_experience": 2.0, "salary": model.predict(2)}
    assert client.get("/api/past_predictions").json["items"] == [
        corrected.json,
        {"id": 2, "years_experience": 7.0, "salary": model.predict(7)},
    ]


def test_last_corrects_only_the_newest_prediction(client, model):
    predict(client, 5)
    predict(client, 7)

    corrected = client.put("/api/past_predictions/last", json={"years_experience": 3.5})

    assert corrected.json == {"id": 2, "years_experience": 3.5, "salary": model.predict(3.5)}
    assert client.get("/api/past_predictions/1").json["years_experience"] == 5.0
    assert client.get("/api/past_predictions/2").json == corrected.json


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/past_predictions/1", "No prediction with id 1."),
        ("/api/past_predictions/last", "There is no prediction yet."),
    ],
)
def test_correcting_a_prediction_that_does_not_exist_is_404(client, path, message):
    response = client.put(path, json={"years_experience": 1})

    assert response.status_code == 404
    assert response.json == {"error": "Not found", "message": message, "status": 404}


@pytest.mark.parametrize("prediction_id", ["7", "2147483648"])
def test_an_unknown_prediction_is_404_in_json_naming_it(client, prediction_id):
    response = client.get(f"/api/past_predictions/{prediction_id}")

    assert response.status_code == 404
    assert response.mimetype == "application/json"
    assert response.json == {
        "error": "Not found",
        "message": f"No prediction with id {prediction_id}.",
        "status": 404,
    }


BAD_INPUTS = [
    ({}, "years_experience", "years_experience must be a number."),
    ({"years_experience": "5"}, "years_experience", "years_experience must be a number."),
    ({"years_experience": True}, "years_experience", "years_experience must be a number."),
    ({"years_experience": None}, "years_experience", "years_experience must be a number."),
    (
        {"years_experience": -1},
        "years_experience",
        "years_experience must be a finite number from 0 to 50.",
    ),
    (
        {"years_experience": 50.5},
        "years_experience",
        "years_experience must be a finite number from 0 to 50.",
    ),
    (
        {"years_experience": 10**400},
        "years_experience",
        "years_experience must be a finite number from 0 to 50.",
    ),
    ({"years_experience": 1, "salary": 9}, "salary", "Unknown field: 'salary'."),
]


@pytest.mark.parametrize(("body", "field", "message"), BAD_INPUTS)
def test_bad_input_to_predict_gets_400_naming_the_field(client, body, field, message):
    response = client.post("/api/predict", json=body)

    assert response.status_code == 400
    assert response.json == invalid_input(field, message)
    assert client.get("/api/past_predictions").json["items"] == []


@pytest.mark.parametrize("path", PUT_PATHS)
@pytest.mark.parametrize(("body", "field", "message"), BAD_INPUTS)
def test_bad_corrections_get_400_and_change_nothing(client, path, body, field, message):
    stored = predict(client, 5).json

    response = client.put(path, json=body)

    assert response.status_code == 400
    assert response.json == invalid_input(field, message)
    assert client.get("/api/past_predictions").json["items"] == [stored]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_no_years(client, number):
    body = f'{{"years_experience": {number}}}'

    response = client.post("/api/predict", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json["field"] == "years_experience"


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/api/predict"), *(("PUT", path) for path in PUT_PATHS)]
)
def test_bodies_that_are_not_json_get_415(client, method, path):
    response = client.open(path, method=method, data="years_experience=5")

    assert response.status_code == 415
    assert response.headers["Accept"] == "application/json"
    assert response.json["message"] == "Send the body as JSON, with Content-Type: application/json."


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/api/predict", {"POST", "OPTIONS"}),
        ("DELETE", "/api/past_predictions", {"GET", "HEAD", "OPTIONS"}),
        ("POST", "/api/past_predictions/last", {"PUT", "OPTIONS"}),
        ("DELETE", "/api/past_predictions/1", {"GET", "HEAD", "OPTIONS", "PUT"}),
    ],
)
def test_wrong_methods_get_405_in_json(client, method, path, allowed):
    response = client.open(path, method=method)

    assert response.status_code == 405
    assert response.mimetype == "application/json"
    assert set(response.headers["Allow"].split(", ")) == allowed
