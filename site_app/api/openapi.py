"""The API's OpenAPI 3.1 document, served at /api/openapi.json.

Limits come from the modules that enforce them, so the document cannot drift from the
checks; tests/test_api_reference.py compares its paths with the app's routes, and
schemathesis fuzzes the API from it. The data shapes are in site_app/api/schemas.py.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from site_app.api.schemas import (
    PAGE_HEADERS,
    PAGE_PARAMETERS,
    SCHEMAS,
    answer,
    error,
    json_body,
    list_of,
    page_of,
    ref,
)
from site_app.models.database import MAX_ID

BODY_ERRORS = {
    "400": error("The body is not a JSON object, or a field is wrong (see field)."),
    "413": error("The body is larger than the server accepts."),
    "415": error("The body is not JSON (send Content-Type: application/json)."),
}
NOT_FOUND = {"404": error("There is no item with this id.")}

# Writes need an API token (site_app/auth/api_writers.py) and are rate-limited per token.
WRITE: dict[str, Any] = {"security": [{"apiToken": []}]}
WRITE_ERRORS = {
    "401": error("No valid API token came with the request (see WWW-Authenticate)."),
    "429": answer(
        "Too many writes with this token (API_WRITE_LIMIT).",
        ref("Error"),
        **{"Retry-After": "Seconds to wait before writing again."},
    ),
}
SECURITY_SCHEMES = {
    "apiToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A token made with flask --app wsgi api-token create NAME.",
    }
}

ID_PARAMETER = {
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
}


PATHS: dict[str, Any] = {
    "/incomes": {
        "get": {
            "summary": "List incomes, oldest first, a page at a time",
            "operationId": "listIncomes",
            "parameters": PAGE_PARAMETERS,
            "responses": {
                "200": answer("A page of incomes.", page_of("Income"), **PAGE_HEADERS),
                "400": error("limit or after is not a whole number in range."),
            },
        },
        "post": {
            "summary": "Add an income",
            "operationId": "addIncome",
            **WRITE,
            "requestBody": json_body("NewIncome"),
            "responses": {
                "201": answer("The new income.", ref("Income"), Location="Its address."),
                **BODY_ERRORS,
                **WRITE_ERRORS,
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
            **WRITE,
            "requestBody": json_body("PredictionInput"),
            "responses": {
                "201": answer("The new prediction.", ref("Prediction"), Location="Its address."),
                **BODY_ERRORS,
                **WRITE_ERRORS,
            },
        },
    },
    "/past_predictions": {
        "get": {
            "summary": "List stored predictions, oldest first, a page at a time",
            "operationId": "listPredictions",
            "parameters": PAGE_PARAMETERS,
            "responses": {
                "200": answer("A page of predictions.", page_of("Prediction"), **PAGE_HEADERS),
                "400": error("limit or after is not a whole number in range."),
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
            **WRITE,
            "parameters": [{"name": "prediction_id", **ID_PARAMETER}],
            "requestBody": json_body("PredictionInput"),
            "responses": {
                "200": answer("The corrected prediction.", ref("Prediction")),
                **BODY_ERRORS,
                **WRITE_ERRORS,
                **NOT_FOUND,
            },
        },
    },
    "/past_predictions/last": {
        "put": {
            "summary": "Correct the newest prediction's input",
            "operationId": "correctLastPrediction",
            **WRITE,
            "requestBody": json_body("PredictionInput"),
            "responses": {
                "200": answer("The corrected prediction.", ref("Prediction")),
                **BODY_ERRORS,
                **WRITE_ERRORS,
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
def openapi_document(site_name: str = "site_app") -> dict[str, Any]:
    """The document, titled with the site's name (SITE_NAME)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{site_name} API",
            "version": "1.0.0",
            "description": (
                "JSON in, JSON out; every error is JSON with error, message and status. "
                "JSON-RPC 2.0 is served separately at /api/rpc."
            ),
        },
        "servers": [{"url": "/api"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS, "securitySchemes": SECURITY_SCHEMES},
    }
