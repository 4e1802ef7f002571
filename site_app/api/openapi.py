"""The API's OpenAPI 3.1 document, written by spectree from the routes and the models.

Each API view is decorated with ``spec.validate``: the request model it checks with
(shapes.py), the answers it gives and whether it needs the token. spectree checks
requests against those models, checks answers too, and writes the document from the
same decorators, so the document and the checks cannot drift. Paths are written from
the site's root (``/api/incomes``), as generated clients expect.

No documentation UI is served: spectree's pages load their scripts from other sites.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from flask import current_app
from pydantic import ValidationError
from spectree import Response, SecurityScheme, SecuritySchemeData, SpecTree
from spectree.models import SecureType

from site_app.api.shapes import Error
from site_app.api.validation import CHECKED_MODELS, first_problem

TOKEN: dict[str, list[str]] = {"apiToken": []}


def refuse_in_own_words(
    request: Any, response: Any, error: Exception | None, instance: Any, adapter: Any
) -> None:
    """spectree's hook before the view: a request the models refuse is answered in the
    API's error format (400 naming the field), not in pydantic's."""
    if isinstance(error, ValidationError):
        raise first_problem(error, CHECKED_MODELS[error.title])


def log_answers_off_the_document(
    request: Any, response: Any, error: Exception | None, instance: Any, adapter: Any
) -> None:
    """spectree's hook after the view: an answer that does not match its model (a bug
    here, never the client's doing) is logged, so it is found and fixed."""
    if error is not None:
        current_app.logger.error(
            "Answer to %s %s is off the document: %s", request.method, request.path, error
        )


spec = SpecTree(
    "flask",
    mode="strict",  # only the views decorated here are described
    before=refuse_in_own_words,
    after=log_answers_off_the_document,
    validation_error_status=400,
    validation_error_model=Error,
    naming_strategy=lambda model: model.__name__,
    nested_naming_strategy=lambda _parent, child: child,
    title="site_app API",
    version="1.0.0",
    description=(
        "JSON in, JSON out; every error is JSON with error, message and status. Anyone "
        "reads; writes need a token. JSON-RPC 2.0 is served separately at /api/rpc."
    ),
    security_schemes=[
        SecurityScheme(
            name="apiToken",
            data=SecuritySchemeData(
                type=SecureType.HTTP,
                scheme="bearer",
                description="A token made with flask --app wsgi api-token create NAME.",
            ),
        )
    ],
)

ERRORS = {
    "HTTP_400": (Error, "The body, a field or a query value is wrong (see field)."),
    "HTTP_401": (Error, "No valid API token came with the request (see WWW-Authenticate)."),
    "HTTP_404": (Error, "There is no such item."),
    "HTTP_405": (Error, "This path does not take that method (see Allow)."),
    "HTTP_413": (Error, "The body is larger than the server accepts."),
    "HTTP_415": (Error, "The body is not JSON (send Content-Type: application/json)."),
    "HTTP_429": (Error, "Too many writes with this token: wait Retry-After seconds."),
}
READ = ("HTTP_405",)
# spectree documents an answer for requests its models refuse on every operation; one
# that reads no input names an answer it documents anyway, so no false 400 is listed.
NO_INPUT = 405
WRITE = ("HTTP_400", "HTTP_401", "HTTP_405", "HTTP_413", "HTTP_415", "HTTP_429")


def answers(*errors: str, **success: Any) -> Response:
    """The answers an operation gives: its success, and the errors named in ``errors``."""
    return Response(**success, **{code: ERRORS[code] for code in errors})


# Headers the answers of a status carry, added to the document where spectree has no
# words for headers.
HEADERS = {
    "201": {"Location": "The new item's address."},
    "401": {
        "WWW-Authenticate": 'Bearer realm="site_app API", with error=invalid_token for a '
        "wrong or revoked token (RFC 6750)."
    },
    "405": {"Allow": "The methods this path takes."},
    "429": {"Retry-After": "Seconds to wait before writing again."},
}
LINK = {"Link": 'The next page\'s address, as <...>; rel="next", when there is one.'}


@cache
def openapi_document(site_name: str = "site_app") -> dict[str, Any]:
    """The document, titled with the site's name (SITE_NAME). Written from the app's
    routes, so it needs an app context; written once per name, not per request.
    Callers read it, never change it."""
    document: dict[str, Any] = copy.deepcopy(spec.spec)
    document["info"]["title"] = f"{site_name} API"
    document["info"]["license"] = {"name": "MIT License", "identifier": "MIT"}
    # The paths are written from the site's root, on the host that serves the document.
    document["servers"] = [{"url": "/", "description": "The site that serves this document."}]
    for operations in document["paths"].values():
        for operation in operations.values():
            add_headers(operation["responses"])
    drop_unused_schemas(document)
    return document


def drop_unused_schemas(document: dict[str, Any]) -> None:
    """spectree lists every model it checks with, a query's too (PageQuery), though a
    query is documented as parameters: a schema nothing refers to is left out."""
    schemas = document["components"]["schemas"]
    referred = json.dumps(document["paths"]) + json.dumps(schemas)
    for name in [name for name in schemas if f'"#/components/schemas/{name}"' not in referred]:
        del schemas[name]


def add_headers(responses: dict[str, Any]) -> None:
    for status, response in responses.items():
        headers = dict(HEADERS.get(status, {}))
        schema = response.get("content", {}).get("application/json", {}).get("schema", {})
        if status == "200" and schema.get("$ref", "").endswith("Page"):
            headers.update(LINK)
        if headers:
            response["headers"] = {
                name: {"description": text, "schema": {"type": "string"}}
                for name, text in headers.items()
            }


def current_document() -> dict[str, Any]:
    return openapi_document(current_app.config["SITE_NAME"])
