"""Checking a body or a query against its model (shapes.py), in the API's own words.

pydantic reports every problem in its own terms; a client of this API gets the first
one, as ``{error, message, status, field}`` with the message the field's ``Says``
gives, so REST and JSON-RPC answer alike and the messages stay the ones documented.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from site_app.api.shapes import NewIncome, PageQuery, PredictionInput, Says
from site_app.models.fields import LONE_SURROGATE, InvalidInput

Model = TypeVar("Model", bound=BaseModel)

# The models spectree checks requests with, by the name its errors carry.
CHECKED_MODELS: dict[str, type[BaseModel]] = {
    model.__name__: model for model in (NewIncome, PredictionInput, PageQuery)
}
OUT_OF_RANGE = {"greater_than_equal", "less_than_equal", "finite_number"}


def checked(model: type[Model], data: dict[str, Any], *, strict: bool | None = None) -> Model:
    """``data`` as a ``model``, or InvalidInput naming the first field that is wrong.
    ``strict`` for JSON values, which are never converted (``"5"`` is no number)."""
    try:
        return model.model_validate(data, strict=strict)
    except ValidationError as error:
        raise first_problem(error, model) from None


def first_problem(error: ValidationError, model: type[BaseModel]) -> InvalidInput:
    """The first of ``error``'s problems, as a client reads it: an unknown field before
    all else, then the model's fields in their order."""
    order = list(model.model_fields)

    def rank(problem: ErrorDetails) -> int:
        if problem["type"] == "extra_forbidden":
            return -1
        name = str(problem["loc"][0]) if problem["loc"] else ""
        return order.index(name) if name in order else len(order)

    problem = min(error.errors(), key=rank)
    name = str(problem["loc"][0])
    if problem["type"] == "extra_forbidden":
        return InvalidInput(400, f"Unknown field: {name!r}.", name)
    return InvalidInput(400, f"{name} {rule_broken(problem, says_of(model, name))}", name)


def rule_broken(problem: ErrorDetails, says: Says) -> str:
    kind, context = problem["type"], problem.get("ctx", {})
    if kind == "text_problem":
        return str(context["problem"])
    if kind == "string_unicode":
        return LONE_SURROGATE
    if kind == "string_too_long":
        return f"must be at most {context['max_length']} characters."
    # A JSON integer too large for a float is a number, just out of range.
    huge_number = kind == "float_type" and type(problem["input"]) is int
    if says.out_of_range and (kind in OUT_OF_RANGE or huge_number):
        return says.out_of_range
    return says.wrong


def says_of(model: type[BaseModel], name: str) -> Says:
    # pydantic keeps a field's Annotated extras, Says among them, in its metadata.
    return next(item for item in model.model_fields[name].metadata if isinstance(item, Says))
