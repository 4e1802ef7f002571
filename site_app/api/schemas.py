"""The API's data shapes as OpenAPI 3.1 schemas, and helpers that build the document.

Limits come from the modules that enforce them, so the schemas cannot drift from the
checks.
"""

from __future__ import annotations

from typing import Any

from site_app.api.paging import DEFAULT_LIMIT, MAX_LIMIT
from site_app.models.database import MAX_ID
from site_app.models.fields import TEXT_PATTERN
from site_app.models.incomes import MAX_AMOUNT
from site_app.models.salary_model import MAX_YEARS_EXPERIENCE
from site_app.models.tables import MAX_DESCRIPTION_LENGTH


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


def list_of(name: str, max_items: int | None = None) -> dict[str, Any]:
    schema = {"type": "array", "items": ref(name)}
    return schema if max_items is None else {**schema, "maxItems": max_items}


def page_of(name: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["items", "next_after"],
        "properties": {
            "items": list_of(name, MAX_LIMIT),
            "next_after": {
                "type": ["integer", "null"],
                "description": "The cursor of the next page (its after=), null on the last.",
            },
        },
    }


PAGE_PARAMETERS = [
    {
        "name": "limit",
        "in": "query",
        "description": f"How many items a page holds (default {DEFAULT_LIMIT}).",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
    },
    {
        "name": "after",
        "in": "query",
        "description": "Start after the item with this id (the next_after of a page).",
        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID},
    },
]
PAGE_HEADERS = {"Link": 'The next page\'s address, as <...>; rel="next", if there is one.'}


# The errors any endpoint that reads a JSON body may answer.
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
