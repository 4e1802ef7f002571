"""API: JSON endpoints under /api, for curl, Python clients and the site's own pages.

Every answer is JSON, errors included (site_app/errors.py answers JSON under /api/).
The API is exempt from CSRF tokens: it accepts JSON bodies only (415 otherwise), which a
cross-site HTML form cannot send without a CORS preflight, and the site grants none
for writing.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from flask import Blueprint, abort, jsonify, url_for
from sqlalchemy import insert, select
from werkzeug.wrappers import Response

from ..api_input import InvalidInput, amount_field, json_object, only_fields, text_field
from ..database import MAX_DESCRIPTION_LENGTH, engine, incomes
from ..extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)

MAX_AMOUNT = 1e12


@bp.errorhandler(InvalidInput)
def invalid_input(error: InvalidInput) -> tuple[Response, int]:
    body = {"error": "Invalid input", "message": error.message, "status": error.status}
    if error.field is not None:
        body["field"] = error.field
    return jsonify(body), error.status


def income_json(row: Any) -> dict[str, Any]:
    return {"id": row.id, "description": row.description, "amount": row.amount}


@bp.get("/people")
def list_people() -> Response:
    # Invented sample people, shipped with the package: no real person's details.
    return jsonify(sample_people())


@cache
def sample_people() -> list[dict[str, Any]]:
    return json.loads(files("site_app").joinpath("data/people.json").read_text("utf-8"))


# What the API shows of an income (created_at stays internal).
SELECT_INCOMES = select(incomes.c.id, incomes.c.description, incomes.c.amount)


@bp.get("/incomes")
def list_incomes() -> Response:
    query = SELECT_INCOMES.order_by(incomes.c.id)
    with engine().connect() as connection:
        return jsonify([income_json(row) for row in connection.execute(query)])


@bp.get("/incomes/<int:income_id>")
def get_income(income_id: int) -> Response:
    query = SELECT_INCOMES.where(incomes.c.id == income_id)
    with engine().connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        abort(404)
    return jsonify(income_json(row))


@bp.post("/incomes")
def add_income() -> tuple[Response, int, dict[str, str]]:
    body = json_object()
    only_fields(body, {"description", "amount"})
    income = {
        "description": text_field(body, "description", MAX_DESCRIPTION_LENGTH),
        # Stored as a float: answer with what a later GET will show.
        "amount": float(amount_field(body, "amount", MAX_AMOUNT)),
    }
    with engine().begin() as connection:
        new_id = connection.execute(insert(incomes).values(**income)).inserted_primary_key[0]
    location = url_for("api.get_income", income_id=new_id)
    return jsonify({"id": new_id, **income}), 201, {"Location": location}
