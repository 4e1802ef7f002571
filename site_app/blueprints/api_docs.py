"""API docs: the JSON API's endpoints, read from its OpenAPI document, with curl examples."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..api_reference import openapi_document

bp = Blueprint("api_docs", __name__)

HTTP_METHODS = ("get", "post", "put", "patch", "delete")


@bp.get("/api-docs")
def index() -> str:
    document = openapi_document()
    base = document["servers"][0]["url"]
    endpoints = [
        (method.upper(), base + path, operation["summary"])
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if method in HTTP_METHODS
    ]
    return render_template("api_docs/index.html", endpoints=endpoints)
