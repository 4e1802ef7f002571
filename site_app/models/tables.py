"""The schema: every table, on one SQLAlchemy Core ``MetaData``.

The migrations (``migrations/``) are written from it and checked against it; the rest
of the package reads and writes through these tables.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Float, Integer, MetaData, String, Table, func

metadata = MetaData()

MAX_DESCRIPTION_LENGTH = 200
MAX_TOKEN_NAME_LENGTH = 64


incomes = Table(
    "incomes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("description", String(MAX_DESCRIPTION_LENGTH), nullable=False),
    Column("amount", Float, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

predictions = Table(
    "predictions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("years_experience", Float, nullable=False),
    Column("salary", Float, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # Set when the input is corrected (PUT): the salary is then predicted again.
    Column("corrected_at", DateTime(timezone=True), nullable=True),
)

# One row per signed-in admin session (site_app/auth/admin.py). The cookie carries a
# random token; only its hash is kept here, so a copy of the database signs no one in.
# Sign-out deletes the row, which ends that session everywhere, whoever holds the cookie.
admin_sessions = Table(
    "admin_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("signed_in_at", DateTime(timezone=True), nullable=False),
    # Absolute: set at sign-in and never moved, however often the session is used.
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)

# API clients allowed to write (flask --app wsgi api-token ...). Like admin sessions,
# only a hash of each token is kept: the token itself is shown once, when it is made.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(MAX_TOKEN_NAME_LENGTH), nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
)
