"""The API's OpenAPI 3.1 document, served at /api/openapi.json.

Limits come from the modules that enforce them, so the document cannot drift from the
checks; tests/test_api_reference.py compares its paths with the app's routes, and
schemathesis fuzzes the API from it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from site_app.api.input import TEXT_PATTERN
from site_app.models.database import MAX_DESCRIPTION_LENGTH, MAX_ID, MAX_LIST_LENGTH
from site_app.models.incomes import MAX_AMOUNT
from site_app.models.salary_model import MAX_YEARS_EXPERIENCE


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def answer(description: str, schema: dict[str, Any], **headers: str) -> dict[str, Any]:
    response = {"description": description, **json_content(schema)}
    if headers:
        response["headers"] = {
            name: {"description": text, "schema": {"type": "string"}}
            for name, text in headers.items()
        }
    return response


def error(description: str) -> dict[str, Any]:
    return answer(description, ref("Error"))


def json_body(schema_name: str) -> dict[str, Any]:
    return {"required": True, **json_content(ref(schema_name))}


# The errors any endpoint that reads a JSON body may answer.
BODY_ERRORS = {
    "400": error("The body is not a JSON object, or a field is wrong (see field)."),
    "413": error("The body is larger than the server accepts."),
    "415": error("The body is not JSON (send Content-Type: application/json)."),
}
NOT_FOUND = {"404": error("There is no item with this id.")}

ID_PARAMETER = {
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error", "message", "status"],
        "properties": {
            "error": {"type": "string"},
            "message": {"type": "string"},
            "status": {"type": "integer"},
            "field": {"type": "string", "description": "The input field that is wrong."},
        },
    },
    "NewIncome": {
        "type": "object",
        "additionalProperties": False,
        "required": ["description", "amount"],
        "properties": {
            "description": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_DESCRIPTION_LENGTH,
                "pattern": TEXT_PATTERN,
                "description": (
                    "One line with something besides spaces: no control characters. "
                    "Stored without leading and trailing spaces."
                ),
            },
            "amount": {"type": "number", "minimum": 0, "maximum": MAX_AMOUNT},
        },
    },
    "Income": {
        "type": "object",
        "required": ["id", "description", "amount"],
        "properties": {
            "id": {"type": "integer"},
            "description": {"type": "string"},
            "amount": {"type": "number"},
        },
    },
    "Person": {
        "type": "object",
        "required": ["first_name", "last_name", "residence", "cars"],
        "properties": {
            "first_name": {"type": "string"},
            "last_name": {"type": "string"},
            "residence": {"type": "string"},
            "cars": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["make", "model"],
                    "properties": {"make": {"type": "string"}, "model": {"type": "string"}},
                },
            },
        },
    },
    "PredictionInput": {
        "type": "object",
        "additionalProperties": False,
        "required": ["years_experience"],
        "properties": {
            "years_experience": {"type": "number", "minimum": 0, "maximum": MAX_YEARS_EXPERIENCE}
        },
    },
    "Prediction": {
        "type": "object",
        "required": ["id", "years_experience", "salary"],
        "properties": {
            "id": {"type": "integer"},
            "years_experience": {"type": "number"},
            "salary": {"type": "number", "description": "Predicted yearly salary."},
        },
    },
}


def list_of(name: str, max_items: int | None = None) -> dict[str, Any]:
    schema = {"type": "array", "items": ref(name)}
    return schema if max_items is None else {**schema, "maxItems": max_items}


PATHS: dict[str, Any] = {
    "/incomes": {
        "get": {
            "summary": f"List the first {MAX_LIST_LENGTH} incomes, oldest first",
            "operationId": "listIncomes",
            "responses": {"200": answer("The incomes.", list_of("Income", MAX_LIST_LENGTH))},
        },
        "post": {
            "summary": "Add an income",
            "operationId": "addIncome",
            "requestBody": json_body("NewIncome"),
            "responses": {
                "201": answer("The new income.", ref("Income"), Location="Its address."),
                **BODY_ERRORS,
            },
        },
    },
    "/incomes/{income_id}": {
        "get": {
            "summary": "One income",
            "operationId": "getIncome",
            "parameters": [{"name": "income_id", **ID_PARAMETER}],
            "responses": {"200": answer("The income.", ref("Income")), **NOT_FOUND},
        },
    },
    "/people": {
        "get": {
            "summary": "Invented sample people and their cars (CORS for CORS_ORIGINS)",
            "operationId": "listPeople",
            "responses": {"200": answer("The people.", list_of("Person"))},
        },
    },
    "/predict": {
        "post": {
            "summary": "Predict a salary from years of experience, and store the prediction",
            "operationId": "predict",
            "requestBody": json_body("PredictionInput"),
            "responses": {
                "201": answer("The new prediction.", ref("Prediction"), Location="Its address."),
                **BODY_ERRORS,
            },
        },
    },
    "/past_predictions": {
        "get": {
            "summary": f"List the first {MAX_LIST_LENGTH} stored predictions, oldest first",
            "operationId": "listPredictions",
            "responses": {
                "200": answer("The predictions.", list_of("Prediction", MAX_LIST_LENGTH))
            },
        },
    },
    "/past_predictions/{prediction_id}": {
        "get": {
            "summary": "One stored prediction",
            "operationId": "getPrediction",
            "parameters": [{"name": "prediction_id", **ID_PARAMETER}],
            "responses": {"200": answer("The prediction.", ref("Prediction")), **NOT_FOUND},
        },
        "put": {
            "summary": "Correct a prediction's input; the salary is predicted again",
            "operationId": "correctPrediction",
            "parameters": [{"name": "prediction_id", **ID_PARAMETER}],
            "requestBody": json_body("PredictionInput"),
            "responses": {
                "200": answer("The corrected prediction.", ref("Prediction")),
                **BODY_ERRORS,
                **NOT_FOUND,
            },
        },
    },
    "/past_predictions/last": {
        "put": {
            "summary": "Correct the newest prediction's input",
            "operationId": "correctLastPrediction",
            "requestBody": json_body("PredictionInput"),
            "responses": {
                "200": answer("The corrected prediction.", ref("Prediction")),
                **BODY_ERRORS,
                "404": error("There is no prediction yet."),
            },
        },
    },
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "operationId": "openapi",
            "responses": {"200": answer("OpenAPI 3.1.", {"type": "object"})},
        },
    },
}


@cache
def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "site_app API",
            "version": "1.0.0",
            "description": (
                "JSON in, JSON out; every error is JSON with error, message and status. "
                "JSON-RPC 2.0 is served separately at /api/rpc."
            ),
        },
        "servers": [{"url": "/api"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
