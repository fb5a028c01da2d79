"""Buses gain their class ("Big Bus", "Medium", "SHD"...), as a PO describes its fleet.

Revision 0008, 2026-11-30."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keloia.adapters.sql.ddl import drop_columns

revision: str = "0008"
down_revision: str | None = "0007"


def upgrade() -> None:
    with op.batch_alter_table("buses") as batch:
        batch.add_column(
            sa.Column("bus_class", sa.String(length=40), nullable=False, server_default="")
        )


def downgrade() -> None:
    drop_columns("buses", "bus_class")
