"""Outbox rows record the inbound message they answer (its WhatsApp id), so the time from
webhook to reply is measured exactly and a reply can be traced to what caused it.

Revision 0007, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import drop_columns

revision: str = "0007"
down_revision: str | None = "0006"


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("in_reply_to", sa.String(length=200), nullable=True))


def downgrade() -> None:
    drop_columns("outbox", "in_reply_to")
