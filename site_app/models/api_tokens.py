"""API write tokens: made, listed and revoked by the ``api-token`` command, checked on
every API write (site_app/auth/api_writers.py).

A token is 32 random bytes, shown once when it is made. The table keeps only its
SHA-256: a copy of the database lets no one write. A fast hash is enough here (unlike
a password's): a token is random, so there is nothing to guess from a dictionary.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from site_app.models.database import engine_with_schema
from site_app.models.fields import text_problem
from site_app.models.tables import MAX_TOKEN_NAME_LENGTH, api_tokens

# token_urlsafe(32) is 43 characters; anything much longer is not one of ours, and is
# refused before it is hashed.
MAX_TOKEN_LENGTH = 100

LISTED = select(api_tokens.c.name, api_tokens.c.created_at, api_tokens.c.last_used_at)


class TokenNameError(ValueError):
    """A name the token table cannot take, with the reason in words."""


def token_hash(token: str) -> str:
    """What is stored of a token (API or sign-in session): its SHA-256, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def checked_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_TOKEN_NAME_LENGTH or text_problem(name):
        raise TokenNameError(
            f"A token's name is one line of 1 to {MAX_TOKEN_NAME_LENGTH} visible characters, "
            "such as the client that will use it."
        )
    return name


def create_token(name: str) -> str:
    """Store a new token under ``name`` (unique) and return the token itself."""
    token = secrets.token_urlsafe(32)
    row = {"name": checked_name(name), "token_hash": token_hash(token)}
    try:
        with engine_with_schema().begin() as connection:
            connection.execute(insert(api_tokens).values(**row, created_at=datetime.now(UTC)))
    except IntegrityError:
        raise TokenNameError(f"A token named {row['name']!r} exists already.") from None
    return token


def listed_tokens() -> list[dict[str, Any]]:
    """Every token's name, creation time and last use (None if never used)."""
    with engine_with_schema().connect() as connection:
        rows = connection.execute(LISTED.order_by(api_tokens.c.name))
        return [row._asdict() for row in rows]


def revoke_token(name: str) -> bool:
    """Delete the token named ``name``; False if there is none."""
    with engine_with_schema().begin() as connection:
        result = connection.execute(delete(api_tokens).where(api_tokens.c.name == name.strip()))
    return result.rowcount > 0


# One statement finds the token and records its use, so a check costs one round trip.
MARK_USED = (
    update(api_tokens)
    .where(api_tokens.c.token_hash == bindparam("sent_hash"))
    .values(last_used_at=bindparam("now"))
    .returning(api_tokens.c.name)
)


def name_of_token(token: str) -> str | None:
    """The name of the client ``token`` belongs to, noting its use; None for no token
    of ours (revoked, mistyped or made up)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    values = {"sent_hash": token_hash(token), "now": datetime.now(UTC)}
    with engine_with_schema().begin() as connection:
        name: str | None = connection.execute(MARK_USED, values).scalar()
    return name
