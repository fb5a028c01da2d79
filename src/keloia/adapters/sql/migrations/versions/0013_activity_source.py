"""The paper trail keeps the WhatsApp message a change came from: its id and its text, so
the booking page shows the sentence that caused the change.

Revision 0013, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import drop_columns

revision: str = "0013"
down_revision: str | None = "0012"


def upgrade() -> None:
    # Nullable or defaulted columns: plain ALTER TABLE on SQLite too, no table copy.
    op.add_column("activity_log", sa.Column("source_message_id", sa.String(), nullable=True))
    op.add_column(
        "activity_log",
        sa.Column("source_text", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    drop_columns("activity_log", "source_text", "source_message_id")
