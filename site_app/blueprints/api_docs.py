"""API docs: the JSON API's endpoints, read from its OpenAPI document, with curl examples."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, current_app, render_template

from site_app.api.openapi import openapi_document
from site_app.api.rpc import SERVER_ERRORS
from site_app.middleware.page_cache import same_for_everyone

bp = Blueprint("api_docs", __name__)

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@cache
def endpoint_rows() -> tuple[tuple[str, str, str], ...]:
    """(method, path, summary) per operation: the document never changes, so once."""
    document = openapi_document(current_app.config["SITE_NAME"])
    return tuple(
        (method.upper(), path, operation["summary"])
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if method in HTTP_METHODS
    )


@bp.get("/api-docs")
@same_for_everyone()
def index() -> str:
    return render_template(
        "api_docs/index.html",
        endpoints=endpoint_rows(),
        write_limit=current_app.config["API_WRITE_LIMIT"],
        rpc_errors=sorted(SERVER_ERRORS.values(), reverse=True),
    )
