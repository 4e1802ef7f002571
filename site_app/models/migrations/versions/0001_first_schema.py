"""The first schema: incomes, predictions and admin sessions.

Revision ID: 0001
Revises:
Created: 2026-11-23

Databases made before migrations existed (tables created on first use) already hold
these tables: they are kept as they are, and the database is then on this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "incomes" not in existing:
        op.create_table(
            "incomes",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("description", sa.String(200), nullable=False),
            sa.Column("amount", sa.Float(), nullable=False),
            sa.Column(
                "created_at",
                sa.DateTime(timezone=True),
                server_default=sa.func.now(),
                nullable=False,
            ),
        )
    if "predictions" not in existing:
        op.create_table(
            "predictions",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("years_experience", sa.Float(), nullable=False),
            sa.Column("salary", sa.Float(), nullable=False),
            sa.Column(
                "created_at",
                sa.DateTime(timezone=True),
                server_default=sa.func.now(),
                nullable=False,
            ),
            sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=True),
        )
    if "admin_sessions" not in existing:
        op.create_table(
            "admin_sessions",
            sa.Column("token_hash", sa.String(64), primary_key=True),
            sa.Column("signed_in_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        )
        op.create_index("ix_admin_sessions_expires_at", "admin_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_table("admin_sessions")
    op.drop_table("predictions")
    op.drop_table("incomes")
