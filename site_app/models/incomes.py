"""Incomes: what one looks like, how one is checked, and how they are stored.

The REST endpoints (blueprints/api) and the JSON-RPC methods (rpc.py) both go through
these functions, so the rules and the queries exist once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select

from site_app.models.database import MAX_LIST_LENGTH, engine_with_schema, inserted_id, possible_id
from site_app.models.fields import number_field, only_fields, text_field
from site_app.models.tables import MAX_DESCRIPTION_LENGTH, incomes

MAX_AMOUNT = 1e12

# What a client sees of an income (created_at stays internal).
SELECT_INCOMES = select(incomes.c.id, incomes.c.description, incomes.c.amount)


def income_from(fields: dict[str, Any]) -> dict[str, Any]:
    """A new income's checked values, or InvalidInput naming the field that is wrong."""
    only_fields(fields, {"description", "amount"})
    return {
        "description": text_field(fields, "description", MAX_DESCRIPTION_LENGTH),
        "amount": number_field(fields, "amount", MAX_AMOUNT),
    }


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
    """Store a checked income (see income_from); the stored item, with its id."""
    with engine_with_schema().begin() as connection:
        new_id = inserted_id(connection.execute(insert(incomes).values(**income)))
    return {"id": new_id, **income}
