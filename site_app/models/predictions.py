"""Predictions: salaries predicted by the model, stored so they can be listed and corrected.

A correction replaces the input a prediction was made from and predicts again: the
stored salary always belongs to the stored years of experience.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, ScalarSelect, bindparam, func, insert, select, update

from site_app.models.database import MAX_LIST_LENGTH, engine_with_schema, inserted_id, possible_id
from site_app.models.salary_model import salary_model
from site_app.models.tables import predictions

COLUMNS = (predictions.c.id, predictions.c.years_experience, predictions.c.salary)
SELECT_PREDICTIONS = select(*COLUMNS)
# Built once: building a statement costs more than SQLite takes to run it.
OLDEST_FIRST = (
    SELECT_PREDICTIONS.where(predictions.c.id > bindparam("after"))
    .order_by(predictions.c.id)
    .limit(bindparam("count"))
)
NEWEST_FIRST = SELECT_PREDICTIONS.order_by(predictions.c.id.desc()).limit(bindparam("newest"))

# Stands for the newest prediction where an id is expected: PUT .../past_predictions/last.
NEWEST = "last"


def add_prediction(years_experience: float) -> dict[str, Any]:
    """Predict the salary for checked input (api/shapes.py, or the Predict form), store
    it and return it."""
    prediction = {
        "years_experience": years_experience,
        "salary": salary_model().predict(years_experience),
    }
    with engine_with_schema().begin() as connection:
        result = connection.execute(insert(predictions).values(**prediction))
    return {"id": inserted_id(result), **prediction}


def predictions_after(after: int, count: int) -> list[dict[str, Any]]:
    """Up to ``count`` predictions (at most MAX_LIST_LENGTH + 1) with ids above
    ``after``, oldest first."""
    values = {"after": after, "count": min(count, MAX_LIST_LENGTH + 1)}
    with engine_with_schema().connect() as connection:
        return [dict(row) for row in connection.execute(OLDEST_FIRST, values).mappings()]


def newest_predictions(count: int) -> Sequence[Row[Any]]:
    """The ``count`` newest predictions, newest first, as rows (``row.salary``): for the
    Predict page, which reads them by name: no dict made of each."""
    with engine_with_schema().connect() as connection:
        return connection.execute(NEWEST_FIRST, {"newest": count}).all()


def find_prediction(prediction_id: int) -> dict[str, Any] | None:
    if not possible_id(prediction_id):
        return None
    with engine_with_schema().connect() as connection:
        query = SELECT_PREDICTIONS.where(predictions.c.id == prediction_id)
        row = connection.execute(query).first()
    return None if row is None else row._asdict()


def correct_prediction(prediction_id: int | str, years_experience: float) -> dict[str, Any] | None:
    """Replace a prediction's input and predict again; None if there is no such prediction.

    ``prediction_id`` may be NEWEST (the URL's "last"). The newest id is looked up inside
    the UPDATE itself, so a prediction another worker adds at the same moment cannot slip
    in between.
    """
    target: ScalarSelect[Any] | int
    if prediction_id == NEWEST:
        target = select(func.max(predictions.c.id)).scalar_subquery()
    elif isinstance(prediction_id, int) and possible_id(prediction_id):
        target = prediction_id
    else:
        return None
    corrected = {
        "years_experience": years_experience,
        "salary": salary_model().predict(years_experience),
    }
    query = (
        update(predictions)
        .where(predictions.c.id == target)
        .values(**corrected, corrected_at=func.now())
        # Only the id: SQLite's RETURNING gives values before the column's type applies
        # (3, not 3.0), so the answer is built from the values written.
        .returning(predictions.c.id)
    )
    with engine_with_schema().begin() as connection:
        corrected_id = connection.execute(query).scalar()
    return None if corrected_id is None else {"id": corrected_id, **corrected}
