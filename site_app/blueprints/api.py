"""API: JSON endpoints under /api, for curl, Python clients and the site's own pages.

Every answer is JSON, errors included (site_app/errors.py answers JSON under /api/).
Reads are public; every write needs an API token (site_app/auth/api_writers.py), checked
before the body is read. The API is exempt from CSRF tokens: a write carries its token
in a header no other site can make a browser send. /api/openapi.json describes every
endpoint here.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.wrappers import Response

from site_app.api.input import json_object
from site_app.api.openapi import openapi_document
from site_app.api.paging import page_response
from site_app.api.rpc import http_error_answer, rpc_view, writing_calls
from site_app.auth.api_writers import WRITE_METHODS, require_writer
from site_app.models import incomes, predictions
from site_app.models.fields import InvalidInput
from site_app.web.errors import SaysWhy, render_http_error
from site_app.web.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)

Created = tuple[Response, int, dict[str, str]]

# JSON-RPC 2.0 (site_app/api/rpc.py): POST only; GET gets the API's JSON 405.
bp.add_url_rule("/rpc", "rpc", rpc_view, methods=["POST"])


@bp.before_request
def writes_need_a_token() -> None:
    # Runs for routes of this blueprint only: an unknown path still gets its 404, and a
    # wrong method its 405, whatever the token.
    if request.method not in WRITE_METHODS:
        return
    if request.endpoint == "api.rpc":
        # JSON-RPC: only calls to methods that write need the token, each one counted.
        if calls := writing_calls():
            require_writer(calls)
        return
    require_writer()


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException) -> Any:
    # JSON-RPC clients read JSON-RPC error objects, whatever went wrong.
    if request.endpoint == "api.rpc":
        return http_error_answer(error)
    return render_http_error(error)


@bp.errorhandler(InvalidInput)
def invalid_input(error: InvalidInput) -> tuple[Response, int]:
    body = {"error": "Invalid input", "message": error.message, "status": error.status}
    if error.field is not None:
        body["field"] = error.field
    return jsonify(body), error.status


class NoSuchItem(SaysWhy, NotFound):
    title = "Not found"


def json_or_404(item: dict[str, Any] | None, missing: str) -> Response:
    """The item as JSON; when there is none, a 404 whose message is ``missing``."""
    if item is None:
        raise NoSuchItem(missing)
    return jsonify(item)


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(current_app.config["SITE_NAME"]))


@bp.get("/people")
def list_people() -> Response:
    # Invented sample people, shipped with the package: no real person's details.
    return jsonify(sample_people())


@cache
def sample_people() -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = json.loads(
        files("site_app.models").joinpath("data/people.json").read_text("utf-8")
    )
    return people


@bp.get("/incomes")
def list_incomes() -> Response:
    return page_response(incomes.incomes_after, "api.list_incomes")


@bp.get("/incomes/<int:income_id>")
def get_income(income_id: int) -> Response:
    return json_or_404(incomes.find_income(income_id), f"No income with id {income_id}.")


@bp.post("/incomes")
def add_income() -> Created:
    income = incomes.add_income(incomes.income_from(json_object()))
    location = url_for("api.get_income", income_id=income["id"])
    return jsonify(income), 201, {"Location": location}


@bp.post("/predict")
def predict() -> Created:
    prediction = predictions.add_prediction(predictions.years_from(json_object()))
    location = url_for("api.get_prediction", prediction_id=prediction["id"])
    return jsonify(prediction), 201, {"Location": location}


@bp.get("/past_predictions")
def list_predictions() -> Response:
    return page_response(predictions.predictions_after, "api.list_predictions")


@bp.get("/past_predictions/<int:prediction_id>")
def get_prediction(prediction_id: int) -> Response:
    found = predictions.find_prediction(prediction_id)
    return json_or_404(found, f"No prediction with id {prediction_id}.")


@bp.put("/past_predictions/<int:prediction_id>")
def correct_prediction(prediction_id: int) -> Response:
    years = predictions.years_from(json_object())
    corrected = predictions.correct_prediction(prediction_id, years)
    return json_or_404(corrected, f"No prediction with id {prediction_id}.")


@bp.put("/past_predictions/last")
def correct_last_prediction() -> Response:
    years = predictions.years_from(json_object())
    corrected = predictions.correct_prediction(predictions.NEWEST, years)
    return json_or_404(corrected, "There is no prediction yet.")
