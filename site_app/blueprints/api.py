"""API: JSON endpoints under /api, for curl, Python clients and the site's own pages.

Every answer is JSON, errors included (site_app/api/errors.py). JSON-RPC at /api/rpc is
a blueprint of its own (blueprints/rpc.py).
Each view's ``spec.validate`` names the models its request and answers follow
(site_app/api/shapes.py); spectree checks them and writes /api/openapi.json from them.
Reads are public; every write needs an API token (site_app/auth/api_writers.py), checked
before the body is read. Other sites may send to it (web/cross_origin.py refuses them
elsewhere): a write carries its token in a header no other site can make a browser send.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from site_app.api.errors import invalid_input, json_or_404
from site_app.api.input import json_object
from site_app.api.openapi import NO_INPUT, READ, TOKEN, WRITE, answers, current_document, spec
from site_app.api.paging import page_response
from site_app.api.shapes import (
    Income,
    IncomePage,
    NewIncome,
    PageQuery,
    Person,
    Prediction,
    PredictionInput,
    PredictionPage,
)
from site_app.auth.api_writers import WRITE_METHODS, require_writer
from site_app.models import incomes, predictions
from site_app.models.fields import InvalidInput
from site_app.models.people import sample_people
from site_app.web.cross_origin import accept_writes_from_other_sites
from site_app.web.errors import render_http_error

bp = Blueprint("api", __name__, url_prefix="/api")
accept_writes_from_other_sites(bp)

Created = tuple[Response, int, dict[str, str]]


@bp.before_request
def writes_need_a_token() -> None:
    # Runs for routes of this blueprint only: an unknown path still gets its 404, and a
    # wrong method its 405, whatever the token.
    if request.method not in WRITE_METHODS:
        return
    require_writer()
    # A body that is no JSON object is refused here, in words (415, or 400): the models
    # judge its fields.
    json_object()


# The site's one error handler answers JSON under /api/ (web/errors.py).
bp.register_error_handler(HTTPException, render_http_error)
bp.register_error_handler(InvalidInput, invalid_input)


@bp.get("/openapi.json")
@spec.validate(
    resp=answers(*READ, HTTP_200=None), operation_id="openapi", validation_error_status=NO_INPUT
)
def openapi() -> Response:
    """This document (OpenAPI 3.1)"""
    return jsonify(current_document())


@bp.get("/people")
@spec.validate(
    resp=answers(*READ, HTTP_200=list[Person]),
    operation_id="listPeople",
    validation_error_status=NO_INPUT,
)
def list_people() -> Response:
    """Invented sample people and their cars (CORS for CORS_ORIGINS)"""
    return jsonify(sample_people())


@bp.get("/incomes")
@spec.validate(
    query=PageQuery,
    resp=answers(*READ, "HTTP_400", HTTP_200=IncomePage),
    operation_id="listIncomes",
)
def list_incomes(query: PageQuery) -> Response:
    """List incomes, oldest first, a page at a time"""
    return page_response(incomes.incomes_after, query.limit, query.after, "api.list_incomes")


@bp.get("/incomes/<int:income_id>")
@spec.validate(
    resp=answers(*READ, "HTTP_404", HTTP_200=Income),
    operation_id="getIncome",
    validation_error_status=NO_INPUT,
)
def get_income(income_id: int) -> Response:
    """One income"""
    return json_or_404(incomes.find_income(income_id), f"No income with id {income_id}.")


@bp.post("/incomes")
@spec.validate(
    json=NewIncome, resp=answers(*WRITE, HTTP_201=Income), security=TOKEN, operation_id="addIncome"
)
def add_income(json: NewIncome) -> Created:
    """Add an income"""
    income = incomes.add_income(json.model_dump())
    location = url_for("api.get_income", income_id=income["id"])
    return jsonify(income), 201, {"Location": location}


@bp.post("/predict")
@spec.validate(
    json=PredictionInput,
    resp=answers(*WRITE, HTTP_201=Prediction),
    security=TOKEN,
    operation_id="predict",
)
def predict(json: PredictionInput) -> Created:
    """Predict a salary from years of experience, and store the prediction"""
    prediction = predictions.add_prediction(json.years_experience)
    location = url_for("api.get_prediction", prediction_id=prediction["id"])
    return jsonify(prediction), 201, {"Location": location}


@bp.get("/past_predictions")
@spec.validate(
    query=PageQuery,
    resp=answers(*READ, "HTTP_400", HTTP_200=PredictionPage),
    operation_id="listPredictions",
)
def list_predictions(query: PageQuery) -> Response:
    """List stored predictions, oldest first, a page at a time"""
    rows = predictions.predictions_after
    return page_response(rows, query.limit, query.after, "api.list_predictions")


@bp.get("/past_predictions/<int:prediction_id>")
@spec.validate(
    resp=answers(*READ, "HTTP_404", HTTP_200=Prediction),
    operation_id="getPrediction",
    validation_error_status=NO_INPUT,
)
def get_prediction(prediction_id: int) -> Response:
    """One stored prediction"""
    found = predictions.find_prediction(prediction_id)
    return json_or_404(found, f"No prediction with id {prediction_id}.")


@bp.put("/past_predictions/<int:prediction_id>")
@spec.validate(
    json=PredictionInput,
    resp=answers(*WRITE, "HTTP_404", HTTP_200=Prediction),
    security=TOKEN,
    operation_id="correctPrediction",
)
def correct_prediction(prediction_id: int, json: PredictionInput) -> Response:
    """Correct a prediction's input; the salary is predicted again"""
    corrected = predictions.correct_prediction(prediction_id, json.years_experience)
    return json_or_404(corrected, f"No prediction with id {prediction_id}.")


@bp.put("/past_predictions/last")
@spec.validate(
    json=PredictionInput,
    resp=answers(*WRITE, "HTTP_404", HTTP_200=Prediction),
    security=TOKEN,
    operation_id="correctLastPrediction",
)
def correct_last_prediction(json: PredictionInput) -> Response:
    """Correct the newest prediction's input"""
    corrected = predictions.correct_prediction(predictions.NEWEST, json.years_experience)
    return json_or_404(corrected, "There is no prediction yet.")
