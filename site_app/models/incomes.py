"""Incomes: how they are stored and read.

The REST endpoints (blueprints/api) and the JSON-RPC methods (api/rpc.py) both go
through these functions, with input the API's models checked (api/shapes.py), so the
rules and the queries exist once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select

from site_app.models.database import MAX_LIST_LENGTH, engine_with_schema, inserted_id, possible_id
from site_app.models.tables import incomes

MAX_AMOUNT = 1e12

# What a client sees of an income (created_at stays internal).
SELECT_INCOMES = select(incomes.c.id, incomes.c.description, incomes.c.amount)


# One page of incomes in the order they came (keyset paging: ids after a cursor).
PAGE = (
    SELECT_INCOMES.where(incomes.c.id > bindparam("after"))
    .order_by(incomes.c.id)
    .limit(bindparam("count"))
)


def incomes_after(after: int, count: int) -> list[dict[str, Any]]:
    """Up to ``count`` incomes (at most MAX_LIST_LENGTH + 1) with ids above ``after``,
    oldest first."""
    values = {"after": after, "count": min(count, MAX_LIST_LENGTH + 1)}
    with engine_with_schema().connect() as connection:
        return [row._asdict() for row in connection.execute(PAGE, values)]


def find_income(income_id: int) -> dict[str, Any] | None:
    if not possible_id(income_id):
        return None
    with engine_with_schema().connect() as connection:
        row = connection.execute(SELECT_INCOMES.where(incomes.c.id == income_id)).first()
    return None if row is None else row._asdict()


def add_income(income: dict[str, Any]) -> dict[str, Any]:
    """Store a checked income (api/shapes.py's NewIncome); the stored item, with its id."""
    with engine_with_schema().begin() as connection:
        new_id = inserted_id(connection.execute(insert(incomes).values(**income)))
    return {"id": new_id, **income}
