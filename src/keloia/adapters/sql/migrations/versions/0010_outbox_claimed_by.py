"""Outbox rows name the process sending them (its lease ends at next_attempt_at), so a
restarted `keloia serve` takes over at once what the killed one was sending, and a live
worker renews only its own claims.

Revision 0010, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import drop_columns

revision: str = "0010"
down_revision: str | None = "0009"


def upgrade() -> None:
    # A nullable column and an index: plain ALTER TABLE on SQLite too, no table copy.
    op.add_column("outbox", sa.Column("claimed_by", sa.String(length=200), nullable=True))
    op.create_index("ix_outbox_claimed_by", "outbox", ["claimed_by"])


def downgrade() -> None:
    op.drop_index("ix_outbox_claimed_by", table_name="outbox")
    drop_columns("outbox", "claimed_by")
